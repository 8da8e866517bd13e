namespace AdminPortal.Features.ProductApi.Requests;

/// <summary>
/// The request engine's own keys of the <c>Product</c> section (ProductLink's <c>ProductOptions</c> holds the rest:
/// <c>ApiBaseUrl</c>, <c>Timeout</c>).
/// </summary>
public sealed class ProductRequestOptions
{
    public const string Section = "Product";

    /// <summary>Sent as <c>Authorization: Bearer …</c> by requests declared with <c>Auth: "service"</c>.</summary>
    public string? ServiceToken { get; set; }

    public ProductSigningOptions Signing { get; set; } = new();
}

/// <summary>
/// <c>Product:Signing</c>: when <see cref="Secret"/> is set, every call carries Standard Webhooks headers
/// (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>) so the product can verify AdminPortal sent it.
/// </summary>
public sealed class ProductSigningOptions
{
    /// <summary><c>whsec_</c> + base64, as the Standard Webhooks libraries take it.</summary>
    public string? Secret { get; set; }
}

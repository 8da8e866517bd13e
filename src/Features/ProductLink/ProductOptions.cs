namespace AdminPortal.Features.ProductLink;

/// <summary>
/// The company's existing product, as declared in the <c>Product</c> section: where its API is and how its
/// users sign in. Absent (no <see cref="Name"/>) means no product: local accounts only, the embedded default.
/// </summary>
public sealed class ProductOptions
{
    public const string Section = "Product";

    /// <summary>Shown to users ("Continue with Acme Home").</summary>
    public string? Name { get; set; }

    /// <summary>Base URL of the product's REST API; declared requests' paths are relative to it.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>The product's account page, answered as user/info's <c>url</c>.</summary>
    public string? AccountUrl { get; set; }

    /// <summary>How long a call to the product may take before AdminPortal gives up (well under IFTTT's own limit).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(4);

    public ProductSignInOptions SignIn { get; set; } = new();

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Name);
}

/// <summary>OpenID Connect (discovery at <see cref="Authority"/>) or plain OAuth2 (endpoints given one by one).</summary>
public sealed class ProductSignInOptions
{
    /// <summary><c>OpenIdConnect</c> or <c>OAuth2</c>.</summary>
    public string Protocol { get; set; } = "OpenIdConnect";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public List<string> Scopes { get; set; } = [];

    // Plain OAuth2 only.
    public string? AuthorizationEndpoint { get; set; }
    public string? TokenEndpoint { get; set; }
    public string? UserInfoEndpoint { get; set; }
    public string SubjectField { get; set; } = "sub";
    public string NameField { get; set; } = "name";

    /// <summary>RFC 7009 revocation endpoint; when set, disconnecting revokes the product tokens there too.</summary>
    public string? RevocationEndpoint { get; set; }
}

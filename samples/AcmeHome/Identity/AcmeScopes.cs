namespace AcmeHome.Identity;

public static class AcmeScopes
{
    /// <summary>The scope for the product's REST API.</summary>
    public const string Api = "acme.api";

    /// <summary>The cookie scheme of the product's own login session.</summary>
    public const string LoginScheme = "AcmeLogin";
}

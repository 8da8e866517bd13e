using AdminPortal.Data;
using AdminPortal.Features.ProductLink;

namespace AdminPortal.UnitTests.Features.ProductLink;

/// <summary>Every mistake in the Product section stops start-up naming the key an adopter has to fix.</summary>
public sealed class ProductOptionsValidatorTests
{
    private static ProductOptions OAuth2Product() => new()
    {
        Name = "Acme Home",
        ApiBaseUrl = "http://127.0.0.1:5090",
        SignIn = new ProductSignInOptions
        {
            Protocol = "OAuth2", ClientId = "adminportal", ClientSecret = "secret",
            AuthorizationEndpoint = "http://127.0.0.1:5090/authorize", TokenEndpoint = "http://127.0.0.1:5090/token",
            UserInfoEndpoint = "http://127.0.0.1:5090/me",
        },
    };

    [Fact]
    public void NoProduct_IsValid_LocalAccountsOnly() => ProductOptionsValidator.Validate(new ProductOptions());

    [Fact]
    public void CompleteOAuth2Product_IsValid() => ProductOptionsValidator.Validate(OAuth2Product());

    [Theory]
    [InlineData("ApiBaseUrl", "Product:ApiBaseUrl")]
    [InlineData("ClientId", "Product:SignIn:ClientId")]
    [InlineData("ClientSecret", "Product:SignIn:ClientSecret")]
    [InlineData("TokenEndpoint", "Product:SignIn:TokenEndpoint")]
    [InlineData("UserInfoEndpoint", "Product:SignIn:UserInfoEndpoint")]
    [InlineData("SubjectField", "Product:SignIn:SubjectField")]
    public void OAuth2Product_MissingValue_NamesTheKey(string missing, string key)
    {
        var product = OAuth2Product();
        switch (missing)
        {
            case "ApiBaseUrl": product.ApiBaseUrl = null; break;
            case "ClientId": product.SignIn.ClientId = " "; break;
            case "ClientSecret": product.SignIn.ClientSecret = null; break;
            case "TokenEndpoint": product.SignIn.TokenEndpoint = null; break;
            case "UserInfoEndpoint": product.SignIn.UserInfoEndpoint = ""; break;
            case "SubjectField": product.SignIn.SubjectField = ""; break;
        }

        var error = Assert.Throws<StartupConfigurationException>(() => ProductOptionsValidator.Validate(product));
        Assert.StartsWith(key + ":", error.Message);
    }

    [Fact]
    public void UnknownProtocol_NamesTheKeyAndTheChoices()
    {
        var product = OAuth2Product();
        product.SignIn.Protocol = "SAML";

        var error = Assert.Throws<StartupConfigurationException>(() => ProductOptionsValidator.Validate(product));
        Assert.Equal("Product:SignIn:Protocol: 'SAML' is not supported; use OpenIdConnect or OAuth2.", error.Message);
    }

    [Fact]
    public void RelativeAuthority_IsNotAUrl()
    {
        var product = OAuth2Product();
        product.SignIn.Protocol = "OpenIdConnect";
        product.SignIn.Authority = "/oidc";

        var error = Assert.Throws<StartupConfigurationException>(() => ProductOptionsValidator.Validate(product));
        Assert.Equal("Product:SignIn:Authority: '/oidc' is not an absolute http(s) URL.", error.Message);
    }
}

using AdminPortal.Features.Accounts;

namespace AdminPortal.UnitTests.Features.Accounts;

public sealed class AccountRedirectsTests
{
    [Theory]
    [InlineData("/connect/authorize?client_id=ifttt&state=a%2Fb", "/connect/authorize?client_id=ifttt&state=a%2Fb")]
    [InlineData("/Account/ChangePassword", "/Account/ChangePassword")]
    [InlineData(null, "/Account")]
    [InlineData("", "/Account")]
    [InlineData("https://evil.example/", "/Account")]
    [InlineData("//evil.example/", "/Account")]
    [InlineData("/\\evil.example/", "/Account")]
    [InlineData("/\t/evil.example/", "/Account")]
    [InlineData("javascript:alert(1)", "/Account")]
    public void AfterSignIn_EndUser_FollowsOnlyLocalUrls(string? returnUrl, string expected) =>
        Assert.Equal(expected, AccountRedirects.AfterSignIn(returnUrl, isAdmin: false));

    [Fact]
    public void AfterSignIn_AdminWithoutReturnUrl_GoesToAdmin() =>
        Assert.Equal("/admin", AccountRedirects.AfterSignIn(null, isAdmin: true));
}

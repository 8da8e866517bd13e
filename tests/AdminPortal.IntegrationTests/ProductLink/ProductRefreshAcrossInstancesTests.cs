using AdminPortal.Features.Accounts;
using AdminPortal.Features.ProductLink;
using AdminPortal.IntegrationTests.Infrastructure;
using AdminPortal.IntegrationTests.OAuth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.ProductLink;

/// <summary>
/// Two instances need one user's product token at once, and it has run out (decision 0028): the database lock on the
/// user makes them take turns, so the product's refresh token is spent once and both use the one new access token —
/// without it each instance refreshes and stores its own, and with a product that refuses a spent refresh token the link breaks.
/// </summary>
public sealed class ProductRefreshAcrossInstancesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(SkipUnless = nameof(TestDatabase.IsPostgres), SkipType = typeof(TestDatabase), Skip = TwoInstances.OnlyOnPostgres)]
    public async Task ExpiredProductToken_NeededOnTwoInstancesAtOnce_RefreshedOnceAndBothUseIt()
    {
        await using var acme = await ProductLinkFixture.StartAcmeAsync(Ct);
        await using var instances = TwoInstances.Over(OAuthFactory.OverDirectory);
        var (a, b) = instances;
        foreach (var app in new[] { a, b })
        {
            ProductLinkFixture.Configure(app, acme.BaseUrl);
            _ = app.Server;
        }
        await ProductLinkFixture.LinkThroughProductAsync(acme, new OAuthFlow(a), "alice@acme.test", "Alice-pass-1");
        string userId;
        await using (var scope = a.Services.CreateAsyncScope())
        {
            userId = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByLoginAsync(ProductSignIn.Scheme, "usr_alice"))!.Id;
        }
        var onA = a.Services.GetRequiredService<IProductTokens>();
        var onB = b.Services.GetRequiredService<IProductTokens>();
        var linked = await onA.GetAccessTokenAsync(userId, Ct);

        // The product's access tokens live 10 minutes: past that, both instances must refresh before use.
        a.Time.Advance(TimeSpan.FromMinutes(10));
        b.Time.Advance(TimeSpan.FromMinutes(10));
        var tokens = await Task.WhenAll(
            Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? onA : onB).GetAccessTokenAsync(userId, Ct)));

        Assert.DoesNotContain(linked, tokens);
        Assert.Single(tokens.Distinct());
        Assert.Equal(tokens[0], await onB.GetAccessTokenAsync(userId, Ct)); // and it is the one stored
    }
}

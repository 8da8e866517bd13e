using AdminPortal.Features.OAuth.Validation;

namespace AdminPortal.UnitTests.Features.OAuth;

public sealed class AccessTokenCacheTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly Clock _clock = new();
    private readonly AccessTokenCache _cache;

    public AccessTokenCacheTests() => _cache = new AccessTokenCache(_clock);

    [Fact]
    public void Find_RememberedToken_ReturnsItsSubjectUntilTheCacheLifetimeEnds()
    {
        var key = AccessTokenCache.KeyOf("token-a");
        _cache.Remember(key, _cache.Generation, "user-1", "tok-1", "auth-1", _clock.Now.AddHours(1));

        Assert.Equal("user-1", _cache.Find(key)?.Subject);
        _clock.Now += AccessTokenCache.Lifetime;
        Assert.Null(_cache.Find(key));
    }

    [Fact]
    public void Find_TokenExpiringBeforeTheCacheLifetime_ForgottenAtItsExpiry()
    {
        var key = AccessTokenCache.KeyOf("token-a");
        _cache.Remember(key, _cache.Generation, "user-1", "tok-1", "auth-1", _clock.Now.AddSeconds(30));

        _clock.Now += TimeSpan.FromSeconds(30);
        Assert.Null(_cache.Find(key));
    }

    [Fact]
    public void Remember_AfterAnInvalidationDuringValidation_IsNotRemembered()
    {
        var key = AccessTokenCache.KeyOf("token-a");
        var generation = _cache.Generation; // validation starts
        _cache.ForgetAuthorizations(["auth-somewhere-else"]); // a revocation commits meanwhile
        _cache.Remember(key, generation, "user-1", "tok-1", "auth-1", null);

        Assert.Null(_cache.Find(key));
    }

    [Fact]
    public void Forget_ByTokenOrAuthorization_RemovesOnlyTheMatchingEntries()
    {
        string Add(string token, string tokenId, string authorizationId)
        {
            var key = AccessTokenCache.KeyOf(token);
            _cache.Remember(key, _cache.Generation, "user", tokenId, authorizationId, null);
            return key;
        }
        var a = Add("a", "tok-a", "auth-1");
        var b = Add("b", "tok-b", "auth-1");
        var c = Add("c", "tok-c", "auth-2");

        _cache.ForgetTokens(["tok-c"]);
        Assert.NotNull(_cache.Find(a));
        Assert.Null(_cache.Find(c));

        _cache.ForgetAuthorizations(["auth-1"]);
        Assert.Null(_cache.Find(a));
        Assert.Null(_cache.Find(b));
    }

    [Fact]
    public void KeyOf_NeverTheTokenItself()
    {
        Assert.DoesNotContain("secret-token", AccessTokenCache.KeyOf("secret-token"), StringComparison.Ordinal);
        Assert.NotEqual(AccessTokenCache.KeyOf("a"), AccessTokenCache.KeyOf("b"));
    }
}

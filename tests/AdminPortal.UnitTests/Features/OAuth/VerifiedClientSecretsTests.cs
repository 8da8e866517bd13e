using AdminPortal.Features.OAuth.Token;

namespace AdminPortal.UnitTests.Features.OAuth;

/// <summary>What the refresh path's client-secret memory lets through without the PBKDF2 check (decision 0032).</summary>
public sealed class VerifiedClientSecretsTests
{
    private const string StoredHash = "AQAAAAEAACcQAAAAE...stored-pbkdf2-hash";

    [Fact]
    public void Contains_OnlyTheSecretVerifiedAgainstThatStoredHash()
    {
        var verified = new VerifiedClientSecrets();
        Assert.False(verified.Contains("the-secret", StoredHash));

        verified.Add("the-secret", StoredHash);

        Assert.True(verified.Contains("the-secret", StoredHash));
        Assert.False(verified.Contains("the-secret ", StoredHash));
        Assert.False(verified.Contains("The-secret", StoredHash));
        Assert.False(verified.Contains("", StoredHash));
        // A rotated secret is stored under a new hash: the old secret is not found there.
        Assert.False(verified.Contains("the-secret", StoredHash + "-rotated"));
    }

    [Fact]
    public void Add_ANewSecretForTheSameHash_ReplacesTheOld()
    {
        var verified = new VerifiedClientSecrets();
        verified.Add("first", StoredHash);
        verified.Add("second", StoredHash);
        Assert.Equal((false, true), (verified.Contains("first", StoredHash), verified.Contains("second", StoredHash)));
    }

    [Fact]
    public void Add_PastCapacity_StartsOverInsteadOfGrowing()
    {
        var verified = new VerifiedClientSecrets();
        for (var i = 0; i < 200; i++)
        {
            verified.Add("secret", $"hash-{i}");
        }
        Assert.True(verified.Contains("secret", "hash-199"));
        Assert.False(verified.Contains("secret", "hash-0"));
    }
}

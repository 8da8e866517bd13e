using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AdminPortal.Features.OAuth.Health;

/// <summary>What IFTTT did with a user's link: the raw events token health is computed from.</summary>
public enum TokenCheckKind
{
    /// <summary>IFTTT's periodic <c>user/info</c> check: the event its Applet-disabling rule counts.</summary>
    UserInfo,
    /// <summary>A 401 on another user endpoint under /ifttt/v1.</summary>
    ApiCall,
    /// <summary>A refresh_token grant at /connect/token.</summary>
    Refresh,
    /// <summary>An authorization code exchanged: the user (re)linked.</summary>
    Link,
    /// <summary>The company's product refused AdminPortal's refresh token for the user: the product link broke.</summary>
    ProductLink,
}

/// <summary>Why a token was refused; stored as text so the dashboard can show it as it is.</summary>
public static class TokenFailureReasons
{
    /// <summary>The access token ran out: routine, IFTTT refreshes. Not counted as a failed check.</summary>
    public const string Expired = "expired";
    /// <summary>The token decrypts and is in date, but its entry or authorization was revoked (disconnect).</summary>
    public const string Revoked = "revoked";
    /// <summary>The token could not be read as one of ours at all.</summary>
    public const string Malformed = "malformed";
    /// <summary>No bearer token was sent.</summary>
    public const string Missing = "missing";
    /// <summary>The token was valid but the endpoint still refused (e.g. the account is gone).</summary>
    public const string Rejected = "rejected";
    /// <summary>The token endpoint refused a refresh token.</summary>
    public const string InvalidGrant = "invalid_grant";
    /// <summary>A refresh token came back after the grace window: reuse detection revoked every IFTTT token of the user.</summary>
    public const string Replayed = "refresh token replayed";
}

public sealed class TokenCheck
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    /// <summary>Null when the token could not be tied to a user ("unknown user").</summary>
    public string? UserId { get; init; }
    public TokenCheckKind Kind { get; init; }
    public bool Succeeded { get; init; }
    public string? Reason { get; init; }
    /// <summary>OpenIddict's error description or the HTTP status, for the admin; never a token.</summary>
    public string? Detail { get; init; }
    public int? StatusCode { get; init; }

    /// <summary>Whether this event counts toward IFTTT's "15 failed checks" rule.
    /// A broken product link is not one of IFTTT's checks: it sets its own state instead.</summary>
    public bool CountsAsFailure => !Succeeded && Reason != TokenFailureReasons.Expired && Kind != TokenCheckKind.ProductLink;
}

internal sealed class TokenCheckConfiguration : IEntityTypeConfiguration<TokenCheck>
{
    public void Configure(EntityTypeBuilder<TokenCheck> check)
    {
        check.ToTable("TokenChecks");
        check.HasKey(c => c.Id);
        // Binary (ticks) rather than SQLite's text form, so range queries and ordering translate.
        check.Property(c => c.At).HasConversion(new DateTimeOffsetToBinaryConverter());
        check.Property(c => c.UserId).HasMaxLength(450);
        check.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        check.Property(c => c.Reason).HasMaxLength(40);
        check.Property(c => c.Detail).HasMaxLength(300);
        check.Ignore(c => c.CountsAsFailure);
        check.HasIndex(c => new { c.UserId, c.At });
        check.HasIndex(c => c.At);
    }
}

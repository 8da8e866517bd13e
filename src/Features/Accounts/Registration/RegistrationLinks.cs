using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Accounts.Registration;

/// <summary>
/// What a confirmation link carries: the address, the password's hash and where to go afterwards, encrypted and
/// time-limited with Data Protection. Nothing is stored until the link is used, so an address someone typed but
/// never confirmed leaves no account behind and cannot be told apart from one never typed (decision 0026).
/// </summary>
public sealed class RegistrationLinks(IDataProtectionProvider protection, IOptions<AccountOptions> options, TimeProvider clock)
{
    private const string Purpose = "AdminPortal.Accounts.Registration.v1";

    public sealed record Pending(string Email, string PasswordHash, string? ReturnUrl);

    /// <summary>The expiry travels inside the payload and is checked against the app's clock (Data Protection's own
    /// time-limited protector reads the wall clock, which tests with a fake clock cannot move).</summary>
    private sealed record Payload(Pending Pending, DateTimeOffset Expires);

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public TimeSpan Lifetime => options.Value.RegistrationLinkLifetime;

    public string Protect(Pending pending) =>
        _protector.Protect(JsonSerializer.Serialize(new Payload(pending, clock.GetUtcNow().Add(Lifetime))));

    /// <summary>Null for a token that was altered, made for another installation, or has expired.</summary>
    public Pending? Unprotect(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }
        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(token));
            return payload is null || payload.Expires <= clock.GetUtcNow() ? null : payload.Pending;
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}

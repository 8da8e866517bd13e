using System.Security.Cryptography.X509Certificates;
using AdminPortal.Data;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace AdminPortal.Features.Alerts.Rules;

/// <summary>
/// The token signing and encryption certificates OpenIddict uses (read from its options, so configured and development
/// certificates alike). OpenIddict uses the one that expires last; retired ones under <c>Previous</c> may run out
/// without harm, so only the newest of each kind counts.
/// </summary>
internal sealed class CertificatesRule(IOptions<AlertOptions> options, IOptionsMonitor<OpenIddictServerOptions> server) : IAlertRule
{
    public string Name => AlertRuleNames.Certificates;
    public bool Enabled => options.Value.Rules.Certificates.Enabled;

    public Task<IReadOnlyList<AlertCondition>> EvaluateAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var days = options.Value.Rules.Certificates.Days;
        var openIddict = server.CurrentValue;
        var conditions = new List<AlertCondition>();
        foreach (var (kind, key, certificate) in new[]
                 {
                     ("signing", "OAuth:SigningCertificate", Newest(openIddict.SigningCredentials.Select(c => c.Key))),
                     ("encryption", "OAuth:EncryptionCertificate", Newest(openIddict.EncryptionCredentials.Select(c => c.Key))),
                 })
        {
            if (certificate is null || new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero) - now > TimeSpan.FromDays(days))
            {
                continue;
            }
            var expires = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            var when = expires <= now ? "expired" : $"expires in {(int)Math.Ceiling((expires - now).TotalDays)} day(s)";
            conditions.Add(new(kind,
                $"The token {kind} certificate {certificate.Subject} {when} ({expires:yyyy-MM-dd HH:mm} UTC; limit {days} days).",
                $"Make a new certificate, set it as {key}:Path (and :Password) and move the current one to {key}:Previous:0 so tokens it made keep working, then restart (docs/deploy.md, \"Rotating them\")."));
        }
        return Task.FromResult<IReadOnlyList<AlertCondition>>(conditions);
    }

    private static X509Certificate2? Newest(IEnumerable<SecurityKey> keys) =>
        keys.OfType<X509SecurityKey>().Select(k => k.Certificate).MaxBy(c => c.NotAfter);
}

using AdminPortal.Features.OAuth;
using AdminPortal.Features.Preflight.Runs;
using AdminPortal.Features.Secrets;
using AdminPortal.Features.Sunset;

namespace AdminPortal.Features.Preflight.Checklist;

/// <summary>One line of the publish checklist; <see cref="Manual"/> ones are ticked by an admin and kept.</summary>
public sealed record ChecklistItem(string Key, string Label, bool Done, string Detail, bool Manual = false, string? Note = null);

/// <summary>
/// What IFTTT's review needs besides green tests (IFTTT's FAQ): an HTTPS base URL, real OAuth certificates, the
/// service key IFTTT issued, the platform values typed in, twelve published sample Applets, and no sunset ahead.
/// </summary>
public sealed class PublishChecklist(ISecretStore secrets, SunsetPlanner sunset, ServiceLifecycle lifecycle, IConfiguration configuration, PreflightStore store)
{
    public const int SampleApplets = 12;
    public const string PlatformValuesKey = "platform-values";

    public static string AppletKey(int number) => $"applet-{number}";

    public async Task<IReadOnlyList<ChecklistItem>> BuildAsync(Uri baseUrl, CancellationToken ct = default)
    {
        var checks = await store.ChecksAsync(ct);
        var key = await secrets.DescribeAsync(SecretNames.ServiceKey, ct);
        var plan = await sunset.CurrentAsync(ct);
        var certificates = new[] { OAuthCertificates.SigningKey, OAuthCertificates.EncryptionKey }
            .Where(k => string.IsNullOrEmpty(configuration[$"{k}:Path"])).ToList();
        var applets = Enumerable.Range(1, SampleApplets).Count(n => checks.GetValueOrDefault(AppletKey(n))?.Done == true);
        var platform = checks.GetValueOrDefault(PlatformValuesKey);
        return
        [
            new("https", "HTTPS base URL", baseUrl.Scheme == Uri.UriSchemeHttps,
                baseUrl.Scheme == Uri.UriSchemeHttps ? baseUrl.ToString() : $"{baseUrl} is not https: IFTTT only calls https (set Preflight:BaseUrl to the public https origin behind your proxy)."),
            new("certificates", "OAuth certificates configured", certificates.Count == 0,
                certificates.Count == 0 ? "Signing and encryption certificates come from configuration."
                    : $"{string.Join(" and ", certificates.Select(c => c + ":Path"))} not set: OpenIddict's development certificates are in use, and tokens break when they change."),
            new("service-key", "Service key from IFTTT set", key.Source != SecretSource.None && !key.Unreadable,
                key.Unreadable ? "Stored, but the Data Protection keys that encrypted it are gone: paste it again on the Service page."
                    : key.Source == SecretSource.None ? "Paste the key IFTTT shows (your service → API) on the Service page." : $"From {key.Source.ToString().ToLowerInvariant()}."),
            new(PlatformValuesKey, "Platform values typed into IFTTT", platform?.Done == true,
                "API URL prefix, authorization and token URLs, client id and secret, as the Service page lists them.", Manual: true),
            new("applets", $"{SampleApplets} sample Applets published", applets == SampleApplets, $"{applets} of {SampleApplets} ticked below."),
            new("sunset", "No sunset scheduled", plan is not { State: not SunsetPlanState.Cancelled } && !lifecycle.IsSunset,
                plan is { State: SunsetPlanState.Scheduled } ? $"A sunset is scheduled for {plan.SunsetAt:yyyy-MM-dd}: cancel it on Sunset notices before publishing."
                    : lifecycle.IsSunset || plan is { State: SunsetPlanState.Completed } ? "The service has been sunset." : "None planned."),
        ];
    }

    /// <summary>The twelve sample Applet boxes with their notes.</summary>
    public async Task<IReadOnlyList<ChecklistItem>> AppletsAsync(CancellationToken ct = default)
    {
        var checks = await store.ChecksAsync(ct);
        return [.. Enumerable.Range(1, SampleApplets).Select(n => checks.GetValueOrDefault(AppletKey(n)) is { } c
            ? new ChecklistItem(c.Key, $"Sample Applet {n}", c.Done, "", Manual: true, c.Note)
            : new ChecklistItem(AppletKey(n), $"Sample Applet {n}", false, "", Manual: true))];
    }

    public Task TickAsync(string key, bool done, string? note, string actor, CancellationToken ct = default) =>
        store.SetCheckAsync(key, done, note, actor, ct);
}

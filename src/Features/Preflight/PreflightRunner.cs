using AdminPortal.Features.Preflight.Checks;
using AdminPortal.Features.Service;

namespace AdminPortal.Features.Preflight;

/// <summary>
/// IFTTT's endpoint and authentication tests, run from here over real HTTP against the service's public base URL,
/// exactly as IFTTT would call it. The declaration says which triggers, fields, actions and queries to test;
/// everything else comes from the service's own answers (test/setup's token and samples).
/// </summary>
public sealed class PreflightRunner(DeclaredService service)
{
    public async Task<IReadOnlyList<PreflightResult>> RunAsync(PreflightTarget target, CancellationToken ct = default)
    {
        using var client = PreflightHttp.CreateClient();
        var session = new PreflightSession(new PreflightHttp(client, target.BaseUrl), target, service);
        await EndpointChecks.RunAsync(session, ct);
        await TriggerChecks.RunAsync(session, ct);
        await ActionChecks.RunAsync(session, ct);
        await QueryChecks.RunAsync(session, ct);
        await RealtimeChecks.RunAsync(session, ct);
        await AuthChecks.RunAsync(session, ct);
        return session.Report.Results;
    }
}

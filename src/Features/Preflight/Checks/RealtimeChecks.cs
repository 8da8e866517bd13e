using System.Text;
using System.Text.Json.Nodes;

namespace AdminPortal.Features.Preflight.Checks;

/// <summary>The Realtime API: the service key it needs is set, and IFTTT accepts a nudge for the test user.</summary>
internal static class RealtimeChecks
{
    private const string Path = "/v1/notifications";

    public static async Task RunAsync(PreflightSession s, CancellationToken ct)
    {
        var keyTest = "realtime: the service key is set";
        if (s.Target.ServiceKey is null)
        {
            s.Report.Check(keyTest, new PreflightExchange("POST", Path, null, "", "no service key"), new(
                "No service key is set, so no realtime call can be made.",
                "Paste the service key IFTTT shows (your service → API) on the Service page, or set Ifttt:ServiceKey."));
        }
        else
        {
            s.Report.Check(keyTest, new PreflightExchange("POST", Path, null, "", null), null);
        }

        const string nudge = "realtime: a nudge is accepted";
        if (s.Target.RealtimeUrl is null)
        {
            s.Report.Skip(nudge, "POST", Path, s.Target.RealtimeSkipReason);
            return;
        }
        if (s.Target.ServiceKey is null || s.UserId is null)
        {
            s.Report.Skip(nudge, "POST", Path, "A nudge needs the service key and the test user's id from user/info: fix those tests first.");
            return;
        }
        var body = new JsonObject { ["data"] = new JsonArray(new JsonObject { ["user_id"] = s.UserId }) };
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(s.Target.RealtimeUrl.ToString().TrimEnd('/') + Path))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        message.Headers.TryAddWithoutValidation("IFTTT-Service-Key", s.Target.ServiceKey);
        message.Headers.TryAddWithoutValidation("X-Request-ID", Guid.NewGuid().ToString());
        var x = await s.Http.SendAsync(message, ct);
        s.Report.Check(nudge, x, Expect.That(x.Status is >= 200 and < 300,
            x.TransportError is null ? $"The Realtime API answered {x.Status}." : $"The Realtime API did not answer: {x.TransportError}.",
            x.Status == 401
                ? "IFTTT refused the service key: the key set here must be exactly the one IFTTT's platform shows for this service."
                : "Check Ifttt:RealtimeUrl and that this host can reach it over HTTPS."));
    }
}

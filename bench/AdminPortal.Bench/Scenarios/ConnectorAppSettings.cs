namespace AdminPortal.Bench.Scenarios;

/// <summary>
/// What the connector scenario's app process is configured with, as an adopter would declare it: a product (plain
/// OAuth2 sign-in, so start-up needs no discovery document; nobody signs in during a run) whose events API feeds
/// door_opened (<c>Service:Triggers:0</c>) by polling — the keys of tests/…/Connectors/ConnectorFactory.cs and
/// samples/AcmeHome — at the shortest cadence the app allows: every user at most once a second (<c>Interval</c>'s
/// minimum), the job started every second (a six-field cron, which Hangfire's Cronos reads as seconds).
/// </summary>
public static class ConnectorAppSettings
{
    public const string PollCron = "* * * * * *";

    public static IEnumerable<KeyValuePair<string, string>> For(Uri product)
    {
        var baseUrl = product.ToString().TrimEnd('/');
        const string source = "Service:Triggers:0:Source";
        return new Dictionary<string, string>
        {
            ["Product:Name"] = "Bench product",
            ["Product:ApiBaseUrl"] = baseUrl,
            ["Product:SignIn:Protocol"] = "OAuth2",
            ["Product:SignIn:ClientId"] = "adminportal-bench",
            ["Product:SignIn:ClientSecret"] = "bench-product-client-secret",
            ["Product:SignIn:AuthorizationEndpoint"] = baseUrl + "/oauth/authorize",
            ["Product:SignIn:TokenEndpoint"] = baseUrl + "/oauth/token",
            ["Product:SignIn:UserInfoEndpoint"] = baseUrl + "/oauth/userinfo",
            ["Jobs:Schedules:connector-poll"] = PollCron,
            [$"{source}:Poll:Request:Path"] = "/api/events?after={{ cursor }}&limit=50",
            [$"{source}:Poll:Items"] = "/data",
            [$"{source}:Poll:NextCursor"] = "/next_cursor",
            [$"{source}:Poll:Interval"] = "00:00:01",
            [$"{source}:Poll:Filter:/type"] = "door.opened",
            [$"{source}:Map:SourceId"] = "/id",
            [$"{source}:Map:OccurredAt"] = "/occurred_at",
            [$"{source}:Map:Attributes:door"] = "/door",
            [$"{source}:Map:Attributes:room"] = "/room",
            [$"{source}:Map:Ingredients:door"] = "/door",
            [$"{source}:Map:Ingredients:room"] = "/room",
            [$"{source}:Map:Ingredients:opened_at"] = "/occurred_at",
            [$"{source}:Map:Ingredients:snapshot_url"] = "https://bench.test/doors/{{ item.door }}/{{ item.id }}.jpg",
        };
    }
}

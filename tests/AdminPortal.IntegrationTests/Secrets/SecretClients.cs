using System.Net;
using System.Text.Json;
using AdminPortal.Features.Dashboard.ServiceSettings;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Secrets;

/// <summary>Each secret tried where it is used, over real HTTP, and the Service page's commands.</summary>
internal static class SecretClients
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary><c>GET /ifttt/v1/status</c> with this service key.</summary>
    public static async Task<HttpResponseMessage> StatusAsync(AdminPortalFactory app, string key)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("IFTTT-Service-Key", key);
        return await client.GetAsync("/ifttt/v1/status", Ct);
    }

    /// <summary>An empty ingest body: 401 when the key is refused, 400 (the body's problem) once it is accepted.</summary>
    public static async Task<HttpStatusCode> IngestAsync(AdminPortalFactory app, string key)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        return (await client.PostAsync("/api/v1/events", content, Ct)).StatusCode;
    }

    /// <summary>A refresh with a junk token: 401 invalid_client when the secret is refused, 400 invalid_grant once it is accepted.</summary>
    public static async Task<HttpStatusCode> ClientAuthenticationAsync(AdminPortalFactory app, string secret)
    {
        var response = await app.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = "junk", ["client_id"] = "ifttt", ["client_secret"] = secret,
        }), Ct);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error").GetString();
        Assert.Equal(response.StatusCode == HttpStatusCode.Unauthorized ? "invalid_client" : "invalid_grant", error);
        return response.StatusCode;
    }

    public static async Task<T> WithAdminAsync<T>(AdminPortalFactory app, Func<ServiceAdmin, Task<T>> action)
    {
        _ = app.Server; // start the host: migrations, the upgrade, the OAuth client registration
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ServiceAdmin>());
    }
}

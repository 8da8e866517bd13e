using System.Globalization;
using System.Net.Http.Json;
using AcmeHome;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Infrastructure;

/// <summary>How a test wants the sample product started.</summary>
public sealed record AcmeHomeOptions
{
    /// <summary>Redirect URIs registered for the <c>adminportal</c> client (e.g. AdminPortal's signin-product URL).</summary>
    public IReadOnlyList<string> RedirectUris { get; init; } = [AcmeHomeServer.TestRedirectUri];

    public IReadOnlyList<string> PostLogoutRedirectUris { get; init; } = [];

    /// <summary>Access-token lifetime; null keeps the product's default (10 minutes).</summary>
    public TimeSpan? AccessTokenLifetime { get; init; }

    /// <summary>Where the product POSTs its signed webhooks; null sends none.</summary>
    public string? WebhookUrl { get; init; }

    public string WebhookSecret { get; init; } = AcmeHomeDefaults.WebhookSecret;

    /// <summary>Enables <c>POST /_faults</c> (on by default in tests).</summary>
    public bool Faults { get; init; } = true;

    /// <summary>0 = any free port (read back after start).</summary>
    public int Port { get; init; }

    /// <summary>Any further settings, as configuration keys (e.g. <c>Webhooks:MaxAttempts</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// The sample product "Acme Home" running in this test process on a real Kestrel port on 127.0.0.1, with
/// in-memory storage. Start it before AdminPortal, then point AdminPortal's <c>Product</c> section at
/// <see cref="BaseUrl"/>.
/// </summary>
public sealed class AcmeHomeServer : IAsyncDisposable
{
    public const string ClientId = AcmeHomeDefaults.ClientId;
    public const string ClientSecret = AcmeHomeDefaults.ClientSecret;
    public const string AdminKey = AcmeHomeDefaults.AdminKey;
    public const string TestRedirectUri = "http://127.0.0.1:5080/signin-product";

    private readonly WebApplication app;

    private AcmeHomeServer(WebApplication app, Uri baseUrl, AcmeHomeOptions options)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Options = options;
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234/</c> (with the trailing slash); also the OIDC issuer/authority.</summary>
    public Uri BaseUrl { get; }

    public AcmeHomeOptions Options { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<AcmeHomeServer> StartAsync(AcmeHomeOptions? options = null, CancellationToken ct = default)
    {
        options ??= new AcmeHomeOptions();
        var args = new List<string>
        {
            $"--urls=http://127.0.0.1:{options.Port}",
            "--Storage=Memory",
            $"--Faults:Enabled={options.Faults}",
            $"--Webhooks:Url={options.WebhookUrl ?? ""}",
            $"--Webhooks:Secret={options.WebhookSecret}",
            // The defaults list two redirect URIs; clear the second so only the test's list counts.
            "--Clients:AdminPortal:RedirectUris:1=",
            "--Clients:AdminPortal:PostLogoutRedirectUris:0=",
            "--Clients:AdminPortal:PostLogoutRedirectUris:1=",
        };
        if (options.RedirectUris.Count == 0)
        {
            args.Add("--Clients:AdminPortal:RedirectUris:0=");
        }

        for (var i = 0; i < options.RedirectUris.Count; i++)
        {
            args.Add($"--Clients:AdminPortal:RedirectUris:{i}={options.RedirectUris[i]}");
        }

        for (var i = 0; i < options.PostLogoutRedirectUris.Count; i++)
        {
            args.Add($"--Clients:AdminPortal:PostLogoutRedirectUris:{i}={options.PostLogoutRedirectUris[i]}");
        }

        if (options.AccessTokenLifetime is { } lifetime)
        {
            args.Add($"--Tokens:AccessTokenLifetime={lifetime.ToString("c", CultureInfo.InvariantCulture)}");
        }

        args.AddRange(options.Settings.Select(kv => $"--{kv.Key}={kv.Value}"));

        var app = AcmeHomeApp.Build([.. args]);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First();
        return new AcmeHomeServer(app, new Uri(address.TrimEnd('/') + "/"), options);
    }

    /// <summary>A plain client on <see cref="BaseUrl"/>.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseUrl };

    /// <summary>A client calling the API with <paramref name="accessToken"/> as bearer.</summary>
    public HttpClient CreateApiClient(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        return client;
    }

    /// <summary>Signs <paramref name="email"/> in through the product's real code + PKCE flow and returns its tokens.</summary>
    public Task<AcmeHomeTokens> SignInAsync(
        string email = "alice@acme.test", string password = "Alice-pass-1", string? scope = null,
        CancellationToken ct = default) =>
        AcmeHomeSignIn.SignInAsync(BaseUrl, email, password, Options.RedirectUris.FirstOrDefault() ?? TestRedirectUri,
            scope ?? AcmeHomeSignIn.DefaultScope, ct: ct);

    /// <summary>Queues faults for the next requests to <paramref name="path"/> (needs <see cref="AcmeHomeOptions.Faults"/>).</summary>
    public Task QueueFaultAsync(string path, int? status = null, int? retryAfter = null, int? delayMs = null,
        int count = 1, CancellationToken ct = default) =>
        AdminAsync(HttpMethod.Post, "_faults", new { path, status, retryAfter, delayMs, count }, ct);

    public Task ClearFaultsAsync(CancellationToken ct = default) => AdminAsync(HttpMethod.Delete, "_faults", null, ct);

    /// <summary>Revokes every token of <paramref name="subject"/>: its next refresh gets <c>invalid_grant</c>.</summary>
    public Task RevokeTokensAsync(string subject, CancellationToken ct = default) =>
        AdminAsync(HttpMethod.Post, $"_admin/users/{Uri.EscapeDataString(subject)}/revoke-tokens", null, ct);

    public Task SetRoomOfflineAsync(string room, bool offline = true, CancellationToken ct = default) =>
        AdminAsync(HttpMethod.Post, $"_admin/rooms/{Uri.EscapeDataString(room)}/{(offline ? "offline" : "online")}", null, ct);

    private async Task AdminAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Acme-Admin", AdminKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{method} {path} on Acme Home answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.ProductLink;

/// <summary>What the product's token endpoint answered to a refresh.</summary>
public abstract record RefreshResult
{
    public sealed record Refreshed(string AccessToken, string? RefreshToken, DateTimeOffset? ExpiresAt) : RefreshResult;
    /// <summary><c>invalid_grant</c>: the refresh token is dead for good (revoked, expired, user gone).</summary>
    public sealed record Refused(string Reason) : RefreshResult;
}

/// <summary>
/// Talks OAuth to the product's token and revocation endpoints with AdminPortal's client credentials.
/// A refusal is only <c>invalid_grant</c>; anything else (the product down, 5xx, a bad client secret) is a
/// <see cref="HttpRequestException"/> so the link is not declared broken for a problem that is not the user's.
/// </summary>
public sealed class ProductTokenClient(HttpClient http, ProductEndpoints endpoints, IOptions<ProductOptions> product, TimeProvider clock)
{
    public const string HttpClientName = "ProductLink";

    public async Task<RefreshResult> RefreshAsync(string refreshToken, CancellationToken ct)
    {
        var (tokenEndpoint, _) = await endpoints.GetAsync(ct);
        using var response = await http.PostAsync(tokenEndpoint, Form(("grant_type", "refresh_token"), ("refresh_token", refreshToken)), ct);
        using var body = await ReadJsonAsync(response, ct);
        var root = body?.RootElement;
        if (response.IsSuccessStatusCode && root?.TryGetProperty("access_token", out var access) == true && access.GetString() is { Length: > 0 } accessToken)
        {
            var refreshed = root.Value.TryGetProperty("refresh_token", out var r) ? r.GetString() : null;
            DateTimeOffset? expires = root.Value.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds)
                ? clock.GetUtcNow().AddSeconds(seconds) : null;
            return new RefreshResult.Refreshed(accessToken, refreshed, expires);
        }
        var error = root?.TryGetProperty("error", out var code) == true ? code.GetString() : null;
        if (response.StatusCode == HttpStatusCode.BadRequest && error == "invalid_grant")
        {
            var description = root?.TryGetProperty("error_description", out var d) == true ? d.GetString() : null;
            return new RefreshResult.Refused(description ?? "The product refused the refresh token (invalid_grant).");
        }
        throw new HttpRequestException($"The product's token endpoint answered {(int)response.StatusCode} {error}".TrimEnd(), null, response.StatusCode);
    }

    /// <summary>RFC 7009: best effort, the product may not offer it. True when the product confirmed.</summary>
    public async Task<bool> RevokeAsync(string token, string hint, CancellationToken ct)
    {
        var (_, revocation) = await endpoints.GetAsync(ct);
        if (revocation is null)
        {
            return false;
        }
        using var response = await http.PostAsync(revocation, Form(("token", token), ("token_type_hint", hint)), ct);
        return response.IsSuccessStatusCode;
    }

    private FormUrlEncodedContent Form(params (string Key, string Value)[] fields)
    {
        var signIn = product.Value.SignIn;
        // client_secret_post: every OAuth server accepts it, and the secret never lands in a URL or a log line.
        var all = fields.Append(("client_id", signIn.ClientId!));
        if (signIn.ClientSecret is { Length: > 0 } secret)
        {
            all = all.Append(("client_secret", secret));
        }
        return new FormUrlEncodedContent(all.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
    }

    private static async Task<JsonDocument?> ReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

namespace AdminPortal.Features.Preflight.Checks;

/// <summary>IFTTT's server at the token endpoint: form-encoded, client id and secret in the body (client_secret_post), no cookies.</summary>
internal sealed class TokenClient(PreflightHttp http, PreflightAuth auth)
{
    public const string Path = "/connect/token";

    public Task<PreflightExchange> RequestAsync(Dictionary<string, string> fields, CancellationToken ct)
    {
        fields["client_id"] = auth.ClientId;
        fields["client_secret"] = auth.ClientSecret;
        return http.SendAsync(new HttpRequestMessage(HttpMethod.Post, http.At(Path)) { Content = new FormUrlEncodedContent(fields) }, ct);
    }

    public static string? Get(PreflightExchange x, string member) => Expect.String(x.Json?[member]);

    public static PreflightProblem? Problem(PreflightExchange x, string fix) => Expect.First(
        () => Expect.Status(x, 200, Get(x, "error") == "invalid_client"
            ? "The client id or secret was refused: give the preflight the client secret typed into IFTTT's platform (the app keeps only its hash)."
            : fix),
        () => Expect.That(Get(x, "access_token") is { Length: > 0 }, "The answer has no access_token.", "Answer {\"token_type\":\"Bearer\",\"access_token\":\"…\"}."),
        () => Expect.That(string.Equals(Get(x, "token_type"), "Bearer", StringComparison.OrdinalIgnoreCase), "token_type is not Bearer.",
            "IFTTT sends the token as a bearer token: answer token_type Bearer."));
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdminPortal.Features.Preflight.Checks;

/// <summary>
/// The rules an answer must meet, each giving the problem or null. <see cref="First"/> runs them in order and stops at
/// the first problem, so later rules may rely on earlier ones (a JSON body, a data array).
/// </summary>
internal static class Expect
{
    public static PreflightProblem? First(params Func<PreflightProblem?>[] rules)
    {
        foreach (var rule in rules)
        {
            if (rule() is { } problem)
            {
                return problem;
            }
        }
        return null;
    }

    public static PreflightProblem? Status(PreflightExchange x, int expected, string fix)
    {
        if (x.TransportError is not null)
        {
            return new($"No answer from {x.Path}: {x.TransportError}",
                "Check that the base URL is the public origin IFTTT calls and that it is reachable from where the preflight runs.");
        }
        return x.Status == expected ? null : new($"Expected {expected}, got {x.Status}.", fix);
    }

    /// <summary>IFTTT's error body: <c>{"errors":[{"message":"…"}]}</c>.</summary>
    public static PreflightProblem? ErrorsBody(PreflightExchange x) =>
        x.Json?["errors"] is JsonArray { Count: > 0 } errors && errors[0]?["message"] is JsonValue message && message.GetValueKind() == JsonValueKind.String
            ? null
            : new("The answer has no IFTTT errors body ({\"errors\":[{\"message\":\"…\"}]}).",
                "Answer every client error as JSON {\"errors\":[{\"message\":\"text a user can read\"}]}, never HTML or an empty body.");

    public static PreflightProblem? DataArray(PreflightExchange x) =>
        x.Json?["data"] is JsonArray ? null : new("The answer is not {\"data\":[…]}.", "Wrap the items in {\"data\":[…]} (application/json).");

    public static PreflightProblem? That(bool ok, string why, string fix) => ok ? null : new(why, fix);

    public static JsonArray Items(PreflightExchange x) => x.Json?["data"] as JsonArray ?? [];

    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}

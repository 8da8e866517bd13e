using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdminPortal.Features.Preflight;

/// <summary>One request the preflight sent and what came back (status null when the connection failed).</summary>
public sealed record PreflightExchange(string Method, string Path, int? Status, string Body, string? TransportError = null)
{
    public const int ExcerptLength = 500;

    /// <summary>Where a redirect points (the OAuth flow follows them by hand).</summary>
    public Uri? Location { get; init; }

    private JsonNode? _json;
    private bool _parsed;

    /// <summary>The answer as JSON; null when it is not JSON.</summary>
    public JsonNode? Json
    {
        get
        {
            if (!_parsed)
            {
                _parsed = true;
                try
                {
                    _json = Body.Length == 0 ? null : JsonNode.Parse(Body);
                }
                catch (JsonException)
                {
                    _json = null;
                }
            }
            return _json;
        }
    }

    public string Excerpt => TransportError is not null
        ? $"no answer: {TransportError}"
        : $"{Status} {(Body.Length > ExcerptLength ? Body[..ExcerptLength] + "…" : Body)}".TrimEnd();

    public PreflightResult Result(string test, PreflightProblem? problem) =>
        new(test, Method, Path, Status, Excerpt, problem is null ? PreflightOutcome.Passed : PreflightOutcome.Failed, problem?.Why, problem?.Fix);
}

using AdminPortal.Features.Service;

namespace AdminPortal.Features.Ifttt.Queries;

/// <summary>
/// Answers a query from somewhere other than the stored timeline (e.g. the product's API). Registered as a keyed
/// service under the query's slug by the feature that declares it; a query without one pages its trigger's timeline.
/// </summary>
public interface IQuerySource
{
    /// <exception cref="QuerySourceException">The source failed; answered as IFTTT's error body.</exception>
    Task<QueryPage> RunAsync(QueryRequest request, CancellationToken ct);
}

/// <param name="Cursor">IFTTT's cursor as it sent it (one this source issued earlier), or null for the first page.</param>
public sealed record QueryRequest(string UserId, QueryDefinition Query, IReadOnlyDictionary<string, string?> Fields,
    string? Cursor, int Limit, string? RequestId);

/// <param name="Rows">Each row as JSON object text (ingredients by slug).</param>
/// <param name="Cursor">Null on the last page.</param>
public sealed record QueryPage(IReadOnlyList<string> Rows, string? Cursor);

public sealed class QuerySourceException(string message, int statusCode = StatusCodes.Status500InternalServerError) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}

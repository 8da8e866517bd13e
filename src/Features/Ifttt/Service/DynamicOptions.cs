using AdminPortal.Features.Ifttt.Protocol;

namespace AdminPortal.Features.Ifttt.Service;

/// <summary>
/// A named source of dropdown options (<c>DynamicOptions: "attribute-values"</c> in configuration),
/// registered as a keyed service so adopters can add their own by name.
/// </summary>
public interface IDynamicOptionsProvider
{
    Task<IReadOnlyList<OptionItem>> GetOptionsAsync(DynamicOptionsContext context, CancellationToken ct);
}

/// <param name="Trigger">The trigger whose events to look at; null for action fields (all of the user's events).</param>
/// <param name="Host">The trigger, action or query the field belongs to (a field slug alone is not unique).</param>
/// <param name="RequestId">IFTTT's X-Request-ID, when sent, for providers that log what they did on its behalf.</param>
public sealed record DynamicOptionsContext(string UserId, string? Trigger, FieldDefinition Field, IFieldHost? Host = null, string? RequestId = null);

/// <summary>
/// A provider could not produce the options (its source failed or refused). Answered as IFTTT's error body with
/// <see cref="StatusCode"/> — never as an empty list that would look like "you have nothing".
/// </summary>
public sealed class DynamicOptionsException(string message, int statusCode = StatusCodes.Status500InternalServerError) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}

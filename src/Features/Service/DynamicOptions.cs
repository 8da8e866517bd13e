namespace AdminPortal.Features.Service;

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

/// <summary>
/// A selectable option of a dropdown field, or (with <see cref="Values"/> and no <see cref="Value"/>) a group of
/// options one level deep, which IFTTT shows as a heading that is not itself selectable.
/// </summary>
public sealed record OptionItem(
    string Label,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Value,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OptionItem>? Values = null)
{
    /// <summary>A heading over <paramref name="values"/>.</summary>
    public static OptionItem Group(string label, IReadOnlyList<OptionItem> values) => new(label, null, values);
}

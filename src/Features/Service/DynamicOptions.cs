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
public sealed record DynamicOptionsContext(string UserId, string? Trigger, FieldDefinition Field);

/// <summary>A selectable option of a dropdown field.</summary>
public sealed record OptionItem(string Label, string Value);

using System.Text.RegularExpressions;

namespace AdminPortal.Features.Service;

public enum FieldKind { Text, Dropdown }

public enum IngredientType { String, Url, DateTime }

public sealed record FieldOption(string Label, string Value);

public sealed record IngredientDefinition(string Slug, IngredientType Type);

/// <summary>A field of a trigger, action or query, validated and with its pattern compiled.</summary>
public sealed record FieldDefinition(
    string Slug,
    string Label,
    bool Required,
    FieldKind Kind,
    IReadOnlyList<FieldOption> Options,
    string? DynamicOptions,
    string Matches,
    Regex? Pattern,
    string? PatternMessage,
    bool SkipUnlessSeen,
    string? Sample,
    string? InvalidSample)
{
    public bool HasValidation => Pattern is not null;
}

/// <summary>Something with fields IFTTT can ask options and validation for.</summary>
public interface IFieldHost
{
    string Slug { get; }
    IReadOnlyList<FieldDefinition> Fields { get; }
}

public sealed record TriggerDefinition(
    string Slug,
    string Name,
    IReadOnlyList<string> Attributes,
    IReadOnlyList<FieldDefinition> Fields,
    IReadOnlyList<IngredientDefinition> Ingredients) : IFieldHost
{
    public FieldDefinition? FindField(string slug) => Fields.FirstOrDefault(f => f.Slug == slug);
}

public sealed record ActionDefinition(
    string Slug,
    string Name,
    string Handler,
    IReadOnlyList<FieldDefinition> Fields) : IFieldHost
{
    public FieldDefinition? FindField(string slug) => Fields.FirstOrDefault(f => f.Slug == slug);
}

/// <summary>A query pages through the timeline of <see cref="Trigger"/>, filtered by its own fields.</summary>
public sealed record QueryDefinition(
    string Slug,
    string Name,
    string Trigger,
    IReadOnlyList<FieldDefinition> Fields,
    IReadOnlyList<IngredientDefinition> Ingredients) : IFieldHost
{
    public FieldDefinition? FindField(string slug) => Fields.FirstOrDefault(f => f.Slug == slug);
}

namespace AdminPortal.Features.Ifttt.Actions;

/// <summary>A data item of a successful action response.</summary>
public sealed record ActionOutcomeItem(
    string Id,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Url);

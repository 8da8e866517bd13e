namespace AdminPortal.Features.Ifttt.Protocol;

/// <summary>user/info: <c>id</c> is the permanent AppUser id (also the Realtime user_id).</summary>
public sealed record UserInfo(string Name, string Id, string? Url);

/// <summary>
/// A selectable option of a dropdown field, or (with <see cref="Values"/> and no <see cref="Value"/>) a group of
/// options one level deep, which IFTTT shows as a heading that is not itself selectable.
/// </summary>
public sealed record OptionItem(
    string Label,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Value,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OptionItem>? Values = null)
{
    public static OptionItem Group(string label, IReadOnlyList<OptionItem> values) => new(label, null, values);
}

/// <summary>One field's verdict; <c>message</c> only when invalid.</summary>
public sealed record FieldValidity(
    bool Valid,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Message = null);

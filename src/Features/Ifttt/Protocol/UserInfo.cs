namespace AdminPortal.Features.Ifttt.Protocol;

/// <summary>user/info: <c>id</c> is the permanent AppUser id (also the Realtime user_id).</summary>
public sealed record UserInfo(string Name, string Id, string? Url);

/// <summary>One field's verdict; <c>message</c> only when invalid.</summary>
public sealed record FieldValidity(
    bool Valid,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Message = null);

namespace AdminPortal.Features.Service;

/// <summary>
/// A trigger field whose value only another system can judge (does this device exist for this user?). Registered as
/// a keyed service under <see cref="KeyFor"/> by the feature that declares it; asked after the field's own rules pass.
/// </summary>
public interface IRemoteFieldValidator
{
    /// <returns>Null when valid, else the message IFTTT shows.</returns>
    /// <exception cref="DynamicOptionsException">The other system could not answer; IFTTT gets the errors body.</exception>
    Task<string?> ValidateAsync(RemoteFieldValidation request, CancellationToken ct);

    public static string KeyFor(string trigger, string field) => $"triggers/{trigger}/{field}";
}

/// <param name="Values">Every submitted field value (contextual validation), the field's own included.</param>
public sealed record RemoteFieldValidation(string UserId, string Trigger, FieldDefinition Field, string? Value,
    IReadOnlyDictionary<string, string?> Values, string? RequestId);

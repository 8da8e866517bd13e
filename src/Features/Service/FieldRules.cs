namespace AdminPortal.Features.Service;

/// <summary>The checks a submitted field value must pass: required, static options, pattern.</summary>
public static class FieldRules
{
    /// <summary>Returns null when the value is acceptable, else a message a user can read.</summary>
    public static string? Check(FieldDefinition field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return field.Required ? $"{field.Label} is required." : null;
        }
        if (field.Options.Count > 0 && field.Options.All(o => o.Value != value))
        {
            return $"{field.Label} must be one of the listed options.";
        }
        if (field.Pattern is not null && !field.Pattern.IsMatch(value))
        {
            return field.PatternMessage ?? $"{field.Label} is not in the expected format.";
        }
        return null;
    }
}

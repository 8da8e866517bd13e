using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace AdminPortal.Shared;

/// <summary>
/// Options checked when the app starts (not at their first use, where a bad value became a 500 on some page), each
/// problem named by its configuration key: <c>Ifttt:Realtime:BatchSize: must be between 1 and 1000 (is 5000).</c>
/// Reads the options' DataAnnotations attributes, nested option objects included. Binding itself also happens at
/// start, so a value the binder cannot convert stops start-up too (<see cref="StartupFailure"/> words it).
/// </summary>
public static class KeyedOptionsValidation
{
    /// <param name="keys">Members whose configuration key is not <c>section:Member</c> (e.g. <c>Url</c> → <c>Ifttt:RealtimeUrl</c>).</param>
    public static OptionsBuilder<T> ValidateKeysOnStart<T>(this OptionsBuilder<T> builder, string section,
        IReadOnlyDictionary<string, string>? keys = null) where T : class
    {
        builder.Services.AddSingleton<IValidateOptions<T>>(new KeyedValidator<T>(builder.Name, section, keys));
        return builder.ValidateOnStart();
    }

    private sealed class KeyedValidator<T>(string? name, string section, IReadOnlyDictionary<string, string>? keys)
        : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? optionsName, T options)
        {
            if (name is not null && name != optionsName)
            {
                return ValidateOptionsResult.Skip;
            }
            var failures = new List<string>();
            Check(options, section, failures, depth: 0);
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        private void Check(object target, string prefix, List<string> failures, int depth)
        {
            foreach (var property in target.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (!property.CanRead || property.GetIndexParameters().Length > 0)
                {
                    continue;
                }
                var value = property.GetValue(target);
                var key = depth == 0 && keys?.GetValueOrDefault(property.Name) is { } own ? own : $"{prefix}:{property.Name}";
                foreach (var rule in property.GetCustomAttributes<ValidationAttribute>())
                {
                    if (!rule.IsValid(value))
                    {
                        failures.Add($"{key}: {Problem(rule, property.Name)}{Shown(rule, value)}.");
                    }
                }
                if (depth < 3 && value is not null && IsOptionsObject(property.PropertyType))
                {
                    Check(value, key, failures, depth + 1);
                }
            }
        }

        private static bool IsOptionsObject(Type type) =>
            type.IsClass && type != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
            && type.Namespace?.StartsWith("AdminPortal", StringComparison.Ordinal) == true;

        private static string Problem(ValidationAttribute rule, string member) => rule switch
        {
            RequiredAttribute => "is required",
            RangeAttribute range => $"must be between {range.Minimum} and {range.Maximum}",
            UrlAttribute => "must be an absolute http or https URL",
            EmailAddressAttribute => "must be an email address",
            AllowedValuesAttribute allowed => $"must be one of {string.Join(", ", allowed.Values)}",
            MinLengthAttribute min => $"must have at least {min.Length} characters",
            MaxLengthAttribute max => $"must have at most {max.Length} characters",
            _ => rule.FormatErrorMessage(member).TrimEnd('.'),
        };

        // Numbers and durations are shown; text only for URLs, since other strings may be secrets.
        private static string Shown(ValidationAttribute rule, object? value) => value switch
        {
            IFormattable formattable => $" (is {formattable.ToString(null, CultureInfo.InvariantCulture)})",
            string { Length: > 0 } text when rule is UrlAttribute or AllowedValuesAttribute => $" (is '{text}')",
            _ => "",
        };
    }
}

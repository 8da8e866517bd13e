using System.Text.RegularExpressions;
using AdminPortal.Data;

namespace AdminPortal.Features.Service;

/// <summary>Validates one declared field: kind, options, matched attribute, pattern and samples.</summary>
internal static class FieldValidator
{
    /// <summary>Patterns come from configuration; the timeout keeps a bad one from stalling a request.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    public static FieldDefinition Validate(FieldOptions field, string path, IReadOnlyList<string>? knownAttributes,
        IReadOnlySet<string> providers, bool requireInvalidSample)
    {
        var slug = ServiceValidator.Slug(field.Slug, $"{path}:Slug");
        var kind = (field.Kind ?? "text").ToLowerInvariant() switch
        {
            "text" => FieldKind.Text,
            "dropdown" => FieldKind.Dropdown,
            _ => throw new StartupConfigurationException($"{path}:Kind", $"unknown field kind '{field.Kind}'; supported: text, dropdown."),
        };

        var options = field.Options.Select((o, i) => new FieldOption(
            ServiceValidator.Required(o.Label, $"{path}:Options:{i}:Label"),
            ServiceValidator.Required(o.Value, $"{path}:Options:{i}:Value"))).ToList();
        var dynamic = string.IsNullOrWhiteSpace(field.DynamicOptions) ? null : field.DynamicOptions.Trim();
        if (kind == FieldKind.Text && (options.Count > 0 || dynamic is not null))
        {
            throw new StartupConfigurationException($"{path}:Kind", "a text field has no options; use kind 'dropdown'.");
        }
        if (kind == FieldKind.Dropdown && (options.Count > 0) == (dynamic is not null))
        {
            throw new StartupConfigurationException($"{path}:Options", "a dropdown needs either static Options or DynamicOptions (one of them).");
        }
        if (dynamic is not null && !providers.Contains(dynamic))
        {
            throw new StartupConfigurationException($"{path}:DynamicOptions",
                $"unknown options provider '{dynamic}'; known: {string.Join(", ", providers.Order())}.");
        }

        var matches = string.IsNullOrWhiteSpace(field.Matches) ? slug : field.Matches.Trim();
        if (knownAttributes is not null && !knownAttributes.Contains(matches))
        {
            throw new StartupConfigurationException($"{path}:Matches",
                $"matches no attribute named '{matches}'; declared attributes: {string.Join(", ", knownAttributes)}.");
        }

        var pattern = Compile(field.Validation, path);
        var sample = field.Sample ?? options.FirstOrDefault()?.Value;
        CheckSamples(pattern, sample, field.InvalidSample, path, requireInvalidSample);
        if (sample is not null && options.Count > 0 && options.All(o => o.Value != sample))
        {
            throw new StartupConfigurationException($"{path}:Sample", $"'{sample}' is not one of the field's options.");
        }

        return new FieldDefinition(slug, ServiceValidator.Required(field.Label, $"{path}:Label"), field.Required, kind,
            options, dynamic, matches, pattern, field.Validation?.Message, field.SkipUnlessSeen, sample, field.InvalidSample);
    }

    private static Regex? Compile(FieldValidationOptions? validation, string path)
    {
        if (validation is null || string.IsNullOrEmpty(validation.Pattern))
        {
            return null;
        }
        try
        {
            // Anchored: the whole value must match, which is what an adopter writing "[0-9]{4}" means.
            return new Regex($"^(?:{validation.Pattern})$", RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new StartupConfigurationException($"{path}:Validation:Pattern", $"not a valid regular expression ({ex.Message}).");
        }
    }

    /// <summary>test/setup hands these to IFTTT's endpoint tests, so a wrong sample would fail certification.</summary>
    private static void CheckSamples(Regex? pattern, string? sample, string? invalid, string path, bool requireInvalidSample)
    {
        if (pattern is null)
        {
            return;
        }
        if (sample is null || !pattern.IsMatch(sample))
        {
            throw new StartupConfigurationException($"{path}:Sample", "a validated field needs a Sample that matches its pattern.");
        }
        if (invalid is null ? requireInvalidSample : pattern.IsMatch(invalid))
        {
            throw new StartupConfigurationException($"{path}:InvalidSample", "a validated field needs an InvalidSample that fails its pattern.");
        }
    }
}

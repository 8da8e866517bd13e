using AdminPortal.Features.Service;

namespace AdminPortal.Features.Ifttt.Setup;

/// <summary>The field values test/setup hands IFTTT, from each field's <c>Sample</c> / <c>InvalidSample</c>.</summary>
public static class SampleValues
{
    /// <summary>A required field without a sample gets a made-up one; an optional one is left empty (matches anything).</summary>
    public static string For(FieldDefinition field) =>
        field.Sample ?? (field.Required ? $"sample-{field.Slug}" : "");

    public static string SkippingValue(FieldDefinition field) => field.InvalidSample ?? $"never-reported-{field.Slug}";

    public static Dictionary<string, string> Of(IReadOnlyList<FieldDefinition> fields) =>
        fields.ToDictionary(f => f.Slug, For, StringComparer.Ordinal);

    public static TestSamples Build(DeclaredService service) => new(
        service.Triggers.ToDictionary(t => t.Slug, t => Of(t.Fields)),
        service.Triggers.Where(t => t.Fields.Any(f => f.HasValidation)).ToDictionary(
            t => t.Slug,
            t => t.Fields.Where(f => f.HasValidation).ToDictionary(f => f.Slug, f => new ValidationSample(f.Sample!, f.InvalidSample!))),
        service.Actions.ToDictionary(a => a.Slug, a => Of(a.Fields)),
        service.Actions.Where(a => a.Fields.Any(f => f.SkipUnlessSeen)).ToDictionary(
            a => a.Slug,
            a => a.Fields.ToDictionary(f => f.Slug, f => f.SkipUnlessSeen ? SkippingValue(f) : For(f))),
        service.Queries.ToDictionary(q => q.Slug, q => Of(q.Fields)));

    /// <summary>
    /// Attribute values for the seeded events of a trigger: the trigger field's sample for a matched
    /// attribute, else a sample of an action or query field reading that attribute (so the action
    /// samples are "seen" and do not SKIP), else a placeholder.
    /// </summary>
    public static Dictionary<string, string> Attributes(TriggerDefinition trigger, DeclaredService service)
    {
        var others = service.Actions.SelectMany(a => a.Fields).Concat(service.Queries.SelectMany(q => q.Fields)).ToList();
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in trigger.Attributes)
        {
            var value = trigger.Fields.Where(f => f.Matches == attribute).Select(For).FirstOrDefault(v => v.Length > 0)
                ?? others.Where(f => f.Matches == attribute).Select(f => f.Sample).FirstOrDefault(v => !string.IsNullOrEmpty(v))
                ?? $"sample-{attribute}";
            attributes[attribute] = value;
        }
        return attributes;
    }
}

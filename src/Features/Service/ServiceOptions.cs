namespace AdminPortal.Features.Service;

/// <summary>
/// The <c>Service</c> configuration section as written by the adopter: what IFTTT sees of the service.
/// Bound once at start-up and turned into a validated <see cref="DeclaredService"/>; nothing reads these
/// mutable classes after that.
/// </summary>
public sealed class ServiceOptions
{
    public const string Section = "Service";

    public string? Name { get; set; }
    public string? Slug { get; set; }
    public List<TriggerOptions> Triggers { get; set; } = [];
    public List<ActionOptions> Actions { get; set; } = [];
    public List<QueryOptions> Queries { get; set; } = [];
}

public sealed class TriggerOptions
{
    public string? Slug { get; set; }
    public string? Name { get; set; }

    /// <summary>The event attributes ingest indexes for this trigger; trigger fields match them by name.</summary>
    public List<string> Attributes { get; set; } = [];
    public List<FieldOptions> Fields { get; set; } = [];
    public List<IngredientOptions> Ingredients { get; set; } = [];
}

public sealed class ActionOptions
{
    public string? Slug { get; set; }
    public string? Name { get; set; }

    /// <summary>Name of the <c>IActionHandler</c> that runs the action (e.g. <c>record</c>).</summary>
    public string? Handler { get; set; }
    public List<FieldOptions> Fields { get; set; } = [];
}

public sealed class QueryOptions
{
    public string? Slug { get; set; }
    public string? Name { get; set; }

    /// <summary>The trigger whose timeline the query pages through.</summary>
    public string? Trigger { get; set; }
    public List<FieldOptions> Fields { get; set; } = [];
    public List<IngredientOptions> Ingredients { get; set; } = [];
}

public sealed class FieldOptions
{
    public string? Slug { get; set; }
    public string? Label { get; set; }
    public bool Required { get; set; }

    /// <summary><c>text</c> (default) or <c>dropdown</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>Static dropdown options.</summary>
    public List<FieldOptionOptions> Options { get; set; } = [];

    /// <summary>Name of a dynamic options provider (e.g. <c>attribute-values</c>).</summary>
    public string? DynamicOptions { get; set; }

    /// <summary>The event attribute this field matches (triggers, queries) or reads (options, SKIP rule). Defaults to the slug.</summary>
    public string? Matches { get; set; }

    public FieldValidationOptions? Validation { get; set; }

    /// <summary>Actions: SKIP unless the user has reported this value as attribute <see cref="Matches"/> in some event.</summary>
    public bool SkipUnlessSeen { get; set; }

    /// <summary>A valid value for test/setup samples.</summary>
    public string? Sample { get; set; }

    /// <summary>A value that fails validation (or, with <see cref="SkipUnlessSeen"/>, makes the action SKIP).</summary>
    public string? InvalidSample { get; set; }
}

public sealed class FieldOptionOptions
{
    public string? Label { get; set; }
    public string? Value { get; set; }
}

public sealed class FieldValidationOptions
{
    /// <summary>A .NET regular expression the whole value must match.</summary>
    public string? Pattern { get; set; }
    public string? Message { get; set; }
}

public sealed class IngredientOptions
{
    public string? Slug { get; set; }

    /// <summary><c>string</c> (default), <c>url</c> or <c>datetime</c>.</summary>
    public string? Type { get; set; }
}

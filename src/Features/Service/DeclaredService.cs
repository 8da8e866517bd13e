using System.Collections.Frozen;

namespace AdminPortal.Features.Service;

/// <summary>
/// The validated, immutable service description every endpoint reads. Lookups are frozen dictionaries
/// built once, so the poll path does no configuration work.
/// </summary>
public sealed class DeclaredService
{
    public DeclaredService(string name, string slug, IReadOnlyList<TriggerDefinition> triggers,
        IReadOnlyList<ActionDefinition> actions, IReadOnlyList<QueryDefinition> queries)
    {
        Name = name;
        Slug = slug;
        Triggers = triggers;
        Actions = actions;
        Queries = queries;
        _triggers = triggers.ToFrozenDictionary(t => t.Slug, StringComparer.Ordinal);
        _actions = actions.ToFrozenDictionary(a => a.Slug, StringComparer.Ordinal);
        _queries = queries.ToFrozenDictionary(q => q.Slug, StringComparer.Ordinal);
    }

    private readonly FrozenDictionary<string, TriggerDefinition> _triggers;
    private readonly FrozenDictionary<string, ActionDefinition> _actions;
    private readonly FrozenDictionary<string, QueryDefinition> _queries;

    public string Name { get; }
    public string Slug { get; }
    public IReadOnlyList<TriggerDefinition> Triggers { get; }
    public IReadOnlyList<ActionDefinition> Actions { get; }
    public IReadOnlyList<QueryDefinition> Queries { get; }

    public TriggerDefinition? FindTrigger(string slug) => _triggers.GetValueOrDefault(slug);
    public ActionDefinition? FindAction(string slug) => _actions.GetValueOrDefault(slug);
    public QueryDefinition? FindQuery(string slug) => _queries.GetValueOrDefault(slug);
}

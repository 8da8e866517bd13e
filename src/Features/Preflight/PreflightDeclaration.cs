using AdminPortal.Features.Service;

namespace AdminPortal.Features.Preflight;

/// <summary>
/// The declared service for the shell command, which has no container: the same <c>Service</c> section checked by the
/// same validator, but trusting the handler and options-provider names it refers to (the app checks those at start;
/// the preflight only needs the slugs, fields and ingredients).
/// </summary>
public static class PreflightDeclaration
{
    public static DeclaredService Load(IConfiguration configuration)
    {
        var options = configuration.GetSection(ServiceOptions.Section).Get<ServiceOptions>() ?? new ServiceOptions();
        var fields = options.Triggers.SelectMany(t => t.Fields).Concat(options.Actions.SelectMany(a => a.Fields)).Concat(options.Queries.SelectMany(q => q.Fields));
        var handlers = options.Actions.Select(a => a.Handler).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var providers = fields.Select(f => f.DynamicOptions).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return new ServiceValidator(handlers, providers).Validate(options);
    }
}

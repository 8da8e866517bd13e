using AdminPortal.Data;
using Microsoft.Extensions.Configuration.Json;

namespace AdminPortal.Shared;

/// <summary>
/// <c>Config:Include</c>: one more JSON file (e.g. <c>samples/AcmeHome/adminportal.acme-home.json</c>, the sample
/// product's wiring), read after appsettings*.json and user secrets but before environment variables and the command
/// line, so those still override it.
/// </summary>
public static class ConfigInclude
{
    public const string Key = "Config:Include";

    public static IHostApplicationBuilder AddConfigInclude(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration[Key] is not { Length: > 0 } path)
        {
            return builder;
        }
        var full = Path.GetFullPath(path, builder.Environment.ContentRootPath);
        if (!File.Exists(full))
        {
            throw new StartupConfigurationException(Key, $"the file '{full}' does not exist.");
        }
        var sources = builder.Configuration.Sources;
        var lastJson = sources.Select((source, index) => (source, index)).LastOrDefault(s => s.source is JsonConfigurationSource).index;
        var include = new JsonConfigurationSource { Path = full, Optional = false, ReloadOnChange = false };
        include.ResolveFileProvider();
        sources.Insert(lastJson + 1, include);
        return builder;
    }
}

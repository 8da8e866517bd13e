namespace AdminPortal.Data;

/// <summary>
/// Thrown while the app is being composed when a configuration value is missing or wrong.
/// Program.cs prints <see cref="Exception.Message"/> as one line and exits, so the message
/// always starts with the configuration key the operator has to fix.
/// </summary>
public sealed class StartupConfigurationException(string key, string problem)
    : Exception($"{key}: {problem}")
{
    public string Key { get; } = key;
}

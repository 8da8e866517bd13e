using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace AdminPortal.Features.Jobs;

/// <summary>
/// Hangfire's log provider is a process-wide static that outlives the host that set it. When a host has
/// been disposed (tests start and stop many), asking its logger factory for a logger throws; Hangfire
/// then gets a silent logger instead of failing the job client that asked.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return SilentLog.Instance;
        }
    }

    private sealed class SilentLog : ILog
    {
        public static readonly SilentLog Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}

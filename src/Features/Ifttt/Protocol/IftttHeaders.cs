namespace AdminPortal.Features.Ifttt.Protocol;

public static class IftttHeaders
{
    public const string ServiceKey = "IFTTT-Service-Key";
    /// <summary>The name older IFTTT services used; still accepted.</summary>
    public const string ChannelKey = "IFTTT-Channel-Key";
    public const string RequestId = "X-Request-ID";
    public const string Realtime = "X-IFTTT-Realtime";
    public const string TestMode = "IFTTT-Test-Mode";

    public static bool IsSet(HttpRequest request, string header) => request.Headers[header] == "1";
}

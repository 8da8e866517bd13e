using System.ComponentModel.DataAnnotations;

namespace AdminPortal.Features.Ifttt.RequestLog;

/// <summary><c>Ifttt:RequestLog</c>: how long request-log rows are kept.</summary>
public sealed class RequestLogOptions
{
    public const string Section = "Ifttt:RequestLog";

    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;
}

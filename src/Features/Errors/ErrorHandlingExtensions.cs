using AdminPortal.Data;
using AdminPortal.Shared;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace AdminPortal.Features.Errors;

public static class ErrorHandlingExtensions
{
    /// <summary>
    /// Unhandled exceptions: machine clients get their protocol's error JSON (never HTML, never a stack
    /// trace); people get the error page. Status-code pages are never applied to the APIs.
    /// </summary>
    public static WebApplication UseAppErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = WriteErrorAsync,
            // A client's malformed form is answered 400 and is not an error of ours to log with a stack trace.
            SuppressDiagnosticsCallback = context => ClientMistake(context.Exception) is not null,
        });
        app.UseStatusCodePages(WriteApiStatusAsync);
        return app;
    }

    /// <summary>
    /// Routing's own answers on the APIs — 405 for a wrong method, 415 for a body that is not declared JSON — come
    /// with an empty body; a client reading IFTTT's errors shape gets one that says what to do instead. Other paths,
    /// and responses that already have a body, are left alone.
    /// </summary>
    private static async Task WriteApiStatusAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        if (!context.Request.Path.StartsWithSegments(RoutePrefixes.Ifttt) && !context.Request.Path.StartsWithSegments(RoutePrefixes.Api))
        {
            return;
        }
        var allowed = context.Response.Headers.Allow.ToString() is { Length: > 0 } allow ? allow : "another method";
        var message = context.Response.StatusCode switch
        {
            StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on {context.Request.Path}; use {allowed}.",
            StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON, with Content-Type: application/json.",
            StatusCodes.Status404NotFound => "There is no such endpoint.",
            var code => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(code) is { Length: > 0 } phrase ? phrase + "." : null,
        };
        if (message is not null)
        {
            await WriteJsonAsync(context, new { errors = new[] { new { message } } });
        }
    }

    private static async Task WriteErrorAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        // The form reader's limits (1,024 fields, 4 MiB values) and characters it refuses (NUL) are the client's mistake.
        if (ClientMistake(exception) is { } mistake)
        {
            context.Response.StatusCode = exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("AdminPortal.Errors")
                .LogInformation("{Method} {Path} refused as the client's mistake ({Status}): {Mistake}", context.Request.Method, path, context.Response.StatusCode, mistake);
            if (path.StartsWithSegments(RoutePrefixes.Connect))
            {
                await WriteJsonAsync(context, new { error = "invalid_request", error_description = mistake });
                return;
            }
            if (path.StartsWithSegments(RoutePrefixes.Ifttt) || path.StartsWithSegments(RoutePrefixes.Api))
            {
                await WriteJsonAsync(context, new { errors = new[] { new { message = mistake } } });
                return;
            }
        }
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        if (path.StartsWithSegments(RoutePrefixes.Connect))
        {
            await WriteJsonAsync(context, new { error = "server_error", error_description = "The server could not complete the request." });
        }
        else if (path.StartsWithSegments(RoutePrefixes.Ifttt) || path.StartsWithSegments(RoutePrefixes.Api))
        {
            await WriteJsonAsync(context, new { errors = new[] { new { message = "Something went wrong on our side; please try again." } } });
        }
        else
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            var requestId = context.Features.Get<IExceptionHandlerFeature>() is null ? "" : context.TraceIdentifier;
            await context.Response.WriteAsync(
                $"<!DOCTYPE html><html><head><title>Error · AdminPortal</title><link href=\"/css/app.css\" rel=\"stylesheet\"></head>" +
                $"<body><main class=\"account-main\"><h1>Something went wrong</h1><p>The error was logged (request {System.Net.WebUtility.HtmlEncode(requestId)}). Please try again.</p></main></body></html>");
        }
    }

    private static string? ClientMistake(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is BadHttpRequestException bad)
            {
                // Kestrel's own refusals of a body: too slow (408), shorter than its Content-Length, too large.
                return bad.StatusCode == StatusCodes.Status408RequestTimeout
                    ? "The request body arrived too slowly; send it again at a steady rate."
                    : $"The request cannot be read: {bad.Message}";
            }
            if (e is InvalidDataException invalid)
            {
                return $"The request's form cannot be read: {invalid.Message}";
            }
            if ((e is InvalidOperationException && e.Message.Contains("null characters", StringComparison.Ordinal)) || UnstorableText.IsNulRefused(e))
            {
                return "The request contains a NUL character.";
            }
        }
        return null;
    }

    private static Task WriteJsonAsync(HttpContext context, object body)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}

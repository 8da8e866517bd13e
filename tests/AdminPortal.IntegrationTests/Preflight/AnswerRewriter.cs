using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AdminPortal.IntegrationTests.Preflight;

/// <summary>What a deliberately broken provider answers instead: a new status and body, or null to leave the answer as is.</summary>
public delegate (int Status, string Body)? AnswerRewrite(HttpRequest request, int status, string body);

/// <summary>
/// A test handler in front of the whole app that rewrites chosen answers, so the preflight meets a provider with one
/// specific mistake (two items, string timestamps, an action ignoring SKIP) while everything else stays real.
/// </summary>
public sealed class AnswerRewriter(Func<HttpRequest, bool> applies, AnswerRewrite rewrite) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, pipeline) =>
        {
            if (!applies(context.Request))
            {
                await pipeline();
                return;
            }
            context.Request.Headers.AcceptEncoding = "identity"; // read the answer as text
            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            await pipeline();
            context.Response.Body = original;
            var body = Encoding.UTF8.GetString(buffer.ToArray());
            if (rewrite(context.Request, context.Response.StatusCode, body) is { } replaced)
            {
                context.Response.StatusCode = replaced.Status;
                context.Response.ContentType = "application/json; charset=utf-8";
                context.Response.ContentLength = null;
                body = replaced.Body;
            }
            await context.Response.WriteAsync(body);
        });
        next(app);
    };
}

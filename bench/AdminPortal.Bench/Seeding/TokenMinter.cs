using System.Collections.Concurrent;
using AdminPortal.Features.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Bench.Seeding;

/// <summary>
/// One real access token per user through the app's <see cref="IAccessTokenIssuer"/> (OpenIddict's sign-in pipeline:
/// permanent authorization, token entries, signed and encrypted with the development certificates).
/// Each worker has its own scope (its own DbContext); SQLite serialises the writes.
/// </summary>
internal static class TokenMinter
{
    public static async Task MintAsync(IServiceProvider services, IReadOnlyList<BenchUser> users, Uri issuer, CancellationToken ct)
    {
        var queue = new ConcurrentQueue<BenchUser>(users);
        var workers = Enumerable.Range(0, Math.Max(2, Environment.ProcessorCount * 2)).Select(_ => Task.Run(async () =>
        {
            // The request's base URI, as in the real flow (the issuer itself is configured, OAuth:Issuer: every instance shares it).
            var request = new DefaultHttpContext().Request;
            request.Scheme = "http";
            request.Host = new HostString(issuer.Authority);
            while (queue.TryDequeue(out var user))
            {
                await using var scope = services.CreateAsyncScope();
                var tokens = await scope.ServiceProvider.GetRequiredService<IAccessTokenIssuer>().IssueAsync(user.Id, request, ct);
                user.Token = tokens.AccessToken;
                user.RefreshToken = tokens.RefreshToken ?? throw new InvalidOperationException("The issuer minted no refresh token.");
            }
        }, ct));
        await Task.WhenAll(workers);
    }
}

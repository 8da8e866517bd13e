using System.Data.Common;
using System.Runtime.CompilerServices;
using AdminPortal.Data;
using AdminPortal.Data.Cluster;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenIddict.EntityFrameworkCore.Models;

namespace AdminPortal.Features.OAuth.Validation;

/// <summary>
/// Tells <see cref="AccessTokenCache"/> about every write to OpenIddict's token and authorization rows made through
/// <see cref="AppDbContext"/>, whoever makes it (OpenIddict's managers, its revocation endpoint, disconnect, sunset,
/// pruning): entity updates and deletes forget the matching entries, bulk UPDATE/DELETE statements forget everything.
/// Writes inside a transaction are forgotten again when it commits, so a validation that read the old row in between
/// cannot stay remembered. The same writes go out on the cluster change feed, in the writing transaction, so the other
/// instances on the database forget the same entries when it commits (decision 0027).
/// </summary>
public sealed class AccessTokenCacheInvalidation
{
    public const string TokensTopic = "oauth.tokens";
    public const string AuthorizationsTopic = "oauth.authorizations";
    public const string AllTopic = "oauth.all";

    private readonly AccessTokenCache _cache;
    private readonly ClusterChangeFeed _feed;
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public AccessTokenCacheInvalidation(AccessTokenCache cache, ClusterChangeFeed feed)
    {
        _cache = cache;
        _feed = feed;
        // Another instance's writes (or a lost feed: null) forget here what they forgot there.
        feed.Subscribe(TokensTopic, ids => Forget(ids is null ? Pending.Everything : new Pending(Ids(ids), [], All: false)));
        feed.Subscribe(AuthorizationsTopic, ids => Forget(ids is null ? Pending.Everything : new Pending([], Ids(ids), All: false)));
        feed.Subscribe(AllTopic, _ => Forget(Pending.Everything));
    }

    public IInterceptor[] Interceptors => [new SaveChangesHook(this), new BulkCommandHook(this), new CommitHook(this)];

    private void Saving(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        List<string>? tokens = null, authorizations = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            switch (entry.Entity)
            {
                case OpenIddictEntityFrameworkCoreToken { Id: { } id }:
                    (tokens ??= []).Add(id);
                    break;
                case OpenIddictEntityFrameworkCoreAuthorization { Id: { } id }:
                    (authorizations ??= []).Add(id);
                    break;
            }
        }
        if (tokens is null && authorizations is null)
        {
            return;
        }
        var pending = new Pending(tokens ?? [], authorizations ?? [], All: false);
        Forget(pending);
        Remember(context, pending);
        if (tokens is not null)
        {
            _feed.Stage(context, TokensTopic, string.Join(' ', tokens));
        }
        if (authorizations is not null)
        {
            _feed.Stage(context, AuthorizationsTopic, string.Join(' ', authorizations));
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            return;
        }
        Forget(pending); // once more now the rows are written, for validations that read the old rows meanwhile
        if (context.Database.CurrentTransaction is null)
        {
            _pending.Remove(context);
        }
    }

    /// <summary>Whether the statement was a bulk write to the token tables (then everything is forgotten here).</summary>
    private bool BulkCommand(DbCommand command, DbContext? context)
    {
        var sql = command.CommandText.AsSpan().TrimStart();
        if (!(sql.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase)) ||
            !(sql.Contains("\"OpenIddictTokens\"", StringComparison.Ordinal) || sql.Contains("\"OpenIddictAuthorizations\"", StringComparison.Ordinal)))
        {
            return false;
        }
        Forget(Pending.Everything);
        if (context?.Database.CurrentTransaction is not null)
        {
            Remember(context, Pending.Everything);
        }
        return true;
    }

    private static List<string> Ids(string joined) => [.. joined.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    private void Ended(DbContext? context, bool committed)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            if (committed)
            {
                Forget(pending);
            }
        }
    }

    /// <summary>Kept until the write is saved (and, inside a transaction, until it commits).</summary>
    private void Remember(DbContext context, Pending pending) =>
        _pending.AddOrUpdate(context, _pending.TryGetValue(context, out var earlier) ? earlier.Merge(pending) : pending);

    private void Forget(Pending pending)
    {
        if (pending.All)
        {
            _cache.ForgetAll();
            return;
        }
        if (pending.Tokens.Count > 0)
        {
            _cache.ForgetTokens(pending.Tokens);
        }
        if (pending.Authorizations.Count > 0)
        {
            _cache.ForgetAuthorizations(pending.Authorizations);
        }
    }

    private sealed record Pending(List<string> Tokens, List<string> Authorizations, bool All)
    {
        public static readonly Pending Everything = new([], [], All: true);

        public Pending Merge(Pending other) => new([.. Tokens, .. other.Tokens], [.. Authorizations, .. other.Authorizations], All || other.All);
    }

    private sealed class SaveChangesHook(AccessTokenCacheInvalidation owner) : SaveChangesInterceptor
    {
        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            owner.Saving(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            owner.Saving(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            owner.Saved(eventData.Context);
            return result;
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            owner.Saved(eventData.Context);
            return ValueTask.FromResult(result);
        }
    }

    private sealed class BulkCommandHook(AccessTokenCacheInvalidation owner) : DbCommandInterceptor
    {
        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
        {
            if (owner.BulkCommand(command, eventData.Context))
            {
                owner._feed.Stage(command, AllTopic, null);
            }
            return result;
        }

        public override async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
            CancellationToken cancellationToken = default)
        {
            if (owner.BulkCommand(command, eventData.Context))
            {
                await owner._feed.StageAsync(command, AllTopic, null, cancellationToken);
            }
            return result;
        }
    }

    private sealed class CommitHook(AccessTokenCacheInvalidation owner) : DbTransactionInterceptor
    {
        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => owner.Ended(eventData.Context, true);

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            owner.Ended(eventData.Context, true);
            return Task.CompletedTask;
        }

        public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => owner.Ended(eventData.Context, false);

        public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            owner.Ended(eventData.Context, false);
            return Task.CompletedTask;
        }
    }
}

using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminPortal.Data;

/// <summary>
/// The app assembly holds one migrations set per provider, each in its own folder and namespace
/// (<c>migrations/</c> → <c>AdminPortal.Migrations</c>, <c>migrations/Postgres/</c> → <c>AdminPortal.Migrations.Postgres</c>);
/// this hands EF only the configured provider's migrations and snapshot. A separate migrations assembly cannot be used
/// here: <see cref="AppDbContext"/> lives in the app assembly itself (the root project, decision 0001), so a migrations
/// project would reference the app and could not be referenced back (decision 0023).
/// </summary>
public static class ProviderMigrations
{
    /// <summary>
    /// Hands EF only the configured provider's migrations (<see cref="ProviderMigrationsAssembly"/>). Every context options
    /// that migrate must use it — the app's providers do; so must a test's own <c>UseSqlite</c> — or EF sees both sets.
    /// </summary>
    public static DbContextOptionsBuilder UseProviderMigrations(this DbContextOptionsBuilder options) =>
        options.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
}

internal sealed class ProviderMigrationsAssembly(ICurrentDbContext currentContext, IMigrationsIdGenerator idGenerator) : IMigrationsAssembly
{
    public const string SqliteNamespace = "AdminPortal.Migrations";
    public const string PostgresNamespace = "AdminPortal.Migrations.Postgres";

    private IReadOnlyDictionary<string, TypeInfo>? _migrations;
    private ModelSnapshot? _snapshot;
    private bool _snapshotLoaded;

    public Assembly Assembly => typeof(AppDbContext).Assembly;

    private string Namespace => currentContext.Context.Database.IsNpgsql() ? PostgresNamespace : SqliteNamespace;

    private IEnumerable<TypeInfo> OwnTypes<TBase>() =>
        Assembly.DefinedTypes.Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(TBase)) && t.Namespace == Namespace
            && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == currentContext.Context.GetType());

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations ??= new SortedList<string, TypeInfo>(
        OwnTypes<Migration>()
            .Select(t => (Id: t.GetCustomAttribute<MigrationAttribute>()?.Id, Type: t))
            .Where(m => m.Id is not null)
            .ToDictionary(m => m.Id!, m => m.Type),
        StringComparer.Ordinal);

    public ModelSnapshot? ModelSnapshot
    {
        get
        {
            if (!_snapshotLoaded)
            {
                var type = OwnTypes<ModelSnapshot>().FirstOrDefault();
                _snapshot = type is null ? null : (ModelSnapshot)Activator.CreateInstance(type.AsType())!;
                _snapshotLoaded = true;
            }
            return _snapshot;
        }
    }

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.FirstOrDefault(idGenerator.IsValidId(nameOrId)
            ? id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
            : id => string.Equals(idGenerator.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }
}

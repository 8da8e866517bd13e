using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.ProductApi.Requests;

/// <summary>
/// Builds what declared templates can refer to. Every caller gives the same <c>user</c> object:
/// <c>{{ user.id }}</c> (AdminPortal's id) and <c>{{ user.subject }}</c> (the product's own id for the user).
/// </summary>
public sealed class TemplateModel(AppDbContext db)
{
    public async Task<Dictionary<string, object?>> ForUserAsync(string userId, CancellationToken ct)
    {
        var subject = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.ExternalId).FirstOrDefaultAsync(ct);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["user"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = userId, ["subject"] = subject },
        };
    }

    /// <summary>Field values by slug (absent values as empty strings, so <c>{% if fields.x != "" %}</c> reads naturally).</summary>
    public static Dictionary<string, object?> Fields(IReadOnlyDictionary<string, string?> fields) =>
        fields.ToDictionary(f => f.Key, f => (object?)(f.Value ?? ""), StringComparer.Ordinal);
}

using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Dashboard.Shared;

/// <summary>One page of a server-side list, with a total that stops counting at <see cref="Paging.CountCap"/>.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, bool Capped)
{
    public static readonly Paged<T> Empty = new([], 0, false);
}

/// <summary>
/// Offset paging over an ordered query. The count is capped: on SQLite a full <c>COUNT(*)</c> of a million
/// filtered rows costs a scan, while counting at most 10,001 rows of an index range stays cheap; the pager then
/// says "10,000+" and filters narrow the list.
/// </summary>
public static class Paging
{
    public const int CountCap = 10_000;
    public const int MaxPageSize = 100;

    public static async Task<Paged<T>> PageAsync<T>(IQueryable<T> ordered, int page, int pageSize, CancellationToken ct)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(0, page);
        var total = await ordered.Take(CountCap + 1).CountAsync(ct);
        var items = total == 0 ? [] : await ordered.Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        return new Paged<T>(items, Math.Min(total, CountCap), total > CountCap);
    }

    /// <summary>The pager's text: "1-25 of 10,000+" once the count is capped.</summary>
    public static string InfoFormat(bool capped) =>
        capped ? "{first_item}-{last_item} of " + CountCap.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + "+"
               : "{first_item}-{last_item} of {all_items}";
}

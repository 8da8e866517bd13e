using System.Reflection;
using AdminPortal.Features.Admin;
using Microsoft.AspNetCore.Components;

namespace AdminPortal.UnitTests.Features.Admin;

public sealed class AdminNavTests
{
    [Fact]
    public void Entries_EveryBlazorEntry_HasARoutablePage()
    {
        // A nav link with no page would 404 for every admin.
        var routes = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var missing = AdminNav.Entries.Where(e => !e.ForceLoad && !routes.Contains(e.Href)).Select(e => e.Href);

        Assert.Empty(missing);
    }

    [Fact]
    public void Entries_Hrefs_AreUniqueAndUnderAdmin()
    {
        var hrefs = AdminNav.Entries.Select(e => e.Href).ToList();

        Assert.Equal(hrefs.Count, hrefs.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(hrefs, href => Assert.StartsWith("/admin", href));
    }
}

using AdminPortal.Components.Layout;
using AdminPortal.Features.Admin;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace AdminPortal.UnitTests.Components.Layout;

public sealed class AdminLayoutTests() : AdminBunitContext(new Dictionary<string, string?> { ["Service:Name"] = "Acme Widgets" })
{
    private IRenderedComponent<AdminLayout> RenderSignedIn()
    {
        AddAuthorization().SetAuthorized("admin@acme.test").SetRoles("Admin");
        return RenderInCircuit<AdminLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page body"))));
    }

    [Fact]
    public void AdminLayout_Rendered_ListsEveryNavEntryInOrder()
    {
        var layout = RenderSignedIn();

        var links = layout.FindAll(".mud-nav-link").Select(a => (Text: a.TextContent.Trim(), Href: a.GetAttribute("href"))).ToList();

        Assert.Equal(AdminNav.Entries.Select(e => (e.Title, (string?)e.Href)), links);
        Assert.Contains("Timelines", links.Select(l => l.Text));
        Assert.Contains("/admin/jobs", links.Select(l => l.Href));
    }

    [Fact]
    public void AdminLayout_ServiceNameConfigured_ShowsItInAppBar()
    {
        var layout = RenderSignedIn();

        Assert.Equal("Acme Widgets", layout.Find("[data-testid=service-name]").TextContent);
    }

    [Fact]
    public void AdminLayout_SignedIn_ShowsEmailAndSignOutForm()
    {
        var layout = RenderSignedIn();

        Assert.Equal("admin@acme.test", layout.Find("[data-testid=user-email]").TextContent);
        Assert.Equal("/Account/Logout", layout.Find("form[method=post]").GetAttribute("action"));
        Assert.Contains("page body", layout.Markup);
    }

    [Fact]
    public void AdminLayout_ThemeToggle_SwitchesToDarkAndRemembersIt()
    {
        var layout = RenderSignedIn();

        layout.Find("[data-testid=theme-toggle]").Click();

        Assert.NotNull(layout.Find(".admin-dark"));
        JSInterop.VerifyInvoke(ThemePreference.RememberFunction);
    }
}

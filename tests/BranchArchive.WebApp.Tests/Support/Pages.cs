using BranchArchive.Testing;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace BranchArchive.WebApp.Tests.Support;

/// <summary>What the browser tests do on every page: sign in, wait for the circuit, check accessibility, take screenshots.</summary>
public static class Pages
{
    /// <summary>Signs in through the development persona form, as a person would.</summary>
    public static async Task SignInAsync(this IPage page, string person, string role, string? branch, string returnUrl = "/")
    {
        await page.GotoAsync($"signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.FillAsync("#person", person);
        await page.SelectOptionAsync("#role", role);
        await page.FillAsync("#branch", branch ?? "");
        await page.ClickAsync("[data-testid=dev-signin]");
        await page.WaitForInteractiveAsync();
    }

    /// <summary>
    /// Waits until the interactive circuit is up (the layout marks the document after its first
    /// interactive render): clicks before then would go nowhere.
    /// </summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.WaitForSelectorAsync("html[data-interactive='true']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

    /// <summary>Opens a page of the app and waits for its circuit.</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
    }

    /// <summary>axe-core finds no serious or critical violation on the page as it stands.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        // The page as it stands once its transitions end: a field's animated label, caught halfway
        // between two colours, failed the contrast rule now and then (a cleared field after a save).
        // Only animations with an end are awaited; a spinner runs for ever.
        await page.EvaluateAsync(
            "() => Promise.all(document.getAnimations().filter(a => Number.isFinite(a.effect?.getComputedTiming().endTime)).map(a => a.finished.catch(() => null)))");
        AxeResult result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"axe on {page.Url}:\n" + string.Join("\n", bad.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    /// <summary>
    /// Screenshots the page at desktop width, and the same address in a new 768 px tab of the same
    /// person (the layout of a narrow screen as it loads there), into TestResults/ui/.
    /// </summary>
    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        var folder = Path.Combine(RepositoryFolder.Root(), "TestResults", "ui");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-1280.png"), FullPage = true });
        var narrow = await page.Context.NewPageAsync();
        try
        {
            await narrow.SetViewportSizeAsync(768, 1024);
            await narrow.GotoAsync(page.Url);
            if (!narrow.Url.Contains("/signin") && !narrow.Url.Contains("/labels/"))
            {
                await narrow.WaitForInteractiveAsync();
            }
            await narrow.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-768.png"), FullPage = true });
        }
        finally
        {
            await narrow.CloseAsync();
        }
    }
}

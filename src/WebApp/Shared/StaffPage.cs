using BranchArchive.WebApp.Api;
using BranchArchive.WebApp.SignIn;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BranchArchive.WebApp.Shared;

/// <summary>
/// What every signed-in page shares: the user, the local clock, and one way to call the API that
/// turns an expired sign-in into a trip to the sign-in page (the page's draft stays in the tab).
/// No business rules here or in any page: the API decides, pages show its answers.
/// </summary>
public abstract class StaffPage : ComponentBase
{
    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    [Inject] protected IJSRuntime JS { get; set; } = default!;

    [Inject] protected StaffSession Session { get; set; } = default!;

    [CascadingParameter] protected LocalClock Clock { get; set; } = LocalClock.Utc;

    protected StaffUser User { get; private set; } = StaffUser.Anonymous;

    /// <summary>
    /// True while the page is prerendered on the server, before its interactive circuit starts and
    /// renders it again. A page reading a file's details waits for the second render: each read is a
    /// record in the access log, and the prerendered copy is thrown away. Only for interactive pages:
    /// a static page (<c>[ExcludeFromInteractiveRouting]</c>, e.g. a label) is never interactive and
    /// must not wait for it.
    /// </summary>
    protected bool Prerendering => !RendererInfo.IsInteractive;

    protected override async Task OnInitializedAsync()
    {
        User = await Session.UserAsync();
        await OnSignedInAsync();
    }

    /// <summary>The page's own start, once <see cref="User"/> is known.</summary>
    protected virtual Task OnSignedInAsync() => Task.CompletedTask;

    /// <summary>Calls the API; on an expired sign-in, sends the user to sign in and back here.</summary>
    protected async Task<ApiResult<T>?> CallAsync<T>(Func<Task<ApiResult<T>>> call)
    {
        try
        {
            return await call();
        }
        catch (ApiSessionExpiredException)
        {
            SignInAgain();
            return null;
        }
    }

    protected void SignInAgain()
    {
        var here = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
        Navigation.NavigateTo($"signin?expired=true&returnUrl={Uri.EscapeDataString(here)}", forceLoad: true);
    }

    /// <summary>Keeps a form's fields in the tab's session storage (restored by <see cref="LoadDraftAsync{T}"/>).</summary>
    protected async Task SaveDraftAsync<T>(string key, T draft)
    {
        try
        {
            await JS.InvokeVoidAsync("branchArchive.saveDraft", key, System.Text.Json.JsonSerializer.Serialize(draft, ApiConnection.Json));
        }
        catch (InvalidOperationException)
        {
            // Prerendering: no browser yet; the next change saves it.
        }
    }

    protected async Task<T?> LoadDraftAsync<T>(string key)
    {
        var json = await JS.InvokeAsync<string?>("branchArchive.loadDraft", key);
        return json is null ? default : System.Text.Json.JsonSerializer.Deserialize<T>(json, ApiConnection.Json);
    }

    protected ValueTask ClearDraftAsync(string key) => JS.InvokeVoidAsync("branchArchive.clearDraft", key);
}

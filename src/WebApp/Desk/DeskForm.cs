using BranchArchive.WebApp.Api;
using BranchArchive.WebApp.Shared;
using Microsoft.AspNetCore.Components;

namespace BranchArchive.WebApp.Desk;

/// <summary>
/// One action form on a file card: sends one write with the attempt's Idempotency-Key, shows the
/// API's problem (the form keeps its fields), keeps a draft for a sign-in that expires meanwhile,
/// and tells the card when the file has changed.
/// </summary>
public abstract class DeskForm<TDraft> : StaffPage where TDraft : class, new()
{
    [Inject] protected ProblemText Text { get; set; } = default!;

    [Parameter, EditorRequired] public Contracts.Files.CustomerFile File { get; set; } = default!;

    /// <summary>Called with nothing when the write succeeded: the card reloads the file.</summary>
    [Parameter] public EventCallback Done { get; set; }

    protected TDraft Draft { get; set; } = new();

    protected SubmitAttempt Attempt { get; } = new();

    protected ApiProblem? Problem { get; set; }

    /// <summary>The draft's key: one per form and file, in this tab only.</summary>
    protected string DraftKey => $"{GetType().Name}:{File.Id}";

    protected string? ErrorFor(string field) => Text.ForField(Problem, field);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }
        Draft = await LoadDraftAsync<TDraft>(DraftKey) ?? await FreshDraftAsync();
        StateHasChanged();
    }

    /// <summary>The fields a new form starts with (a form may carry over what the desk did last).</summary>
    protected virtual Task<TDraft> FreshDraftAsync() => Task.FromResult(new TDraft());

    /// <summary>Called with the fields that were sent, once the archive has accepted them.</summary>
    protected virtual Task OnAcceptedAsync(TDraft sent) => Task.CompletedTask;

    /// <summary>Sends the write; on success clears the draft and reloads the card.</summary>
    protected async Task SubmitAsync<T>(Func<string, Task<ApiResult<T>>> write)
    {
        await SaveDraftAsync(DraftKey, Draft);
        ApiResult<T>? answer;
        try
        {
            answer = await Attempt.RunAsync(write);
        }
        catch (ApiSessionExpiredException)
        {
            SignInAgain();
            return;
        }
        if (answer is null)
        {
            return; // a double click: the first submission is still on its way
        }
        Problem = answer.Problem;
        if (answer.Succeeded)
        {
            await ClearDraftAsync(DraftKey);
            await OnAcceptedAsync(Draft);
            Draft = await FreshDraftAsync();
            await Done.InvokeAsync();
        }
    }
}

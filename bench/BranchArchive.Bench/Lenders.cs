using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BranchArchive.Api.Http;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;

namespace BranchArchive.Bench;

/// <summary>One answer to a checkout or a return: an HTTP status (0 for a failure in transit), the loan id of a checkout, or the error.</summary>
public readonly record struct LendAnswer(int Status, string? LoanId, string? Error)
{
    public bool Ok => Status == 200;
}

/// <summary>Checkouts and returns, either over HTTP or straight to the grains, so one loop measures both.</summary>
public interface ILender
{
    Task<LendAnswer> CheckOutAsync(string fileId, string borrower);

    Task<LendAnswer> ReturnAsync(string fileId, string loanId);
}

/// <summary>Through the API: routing, authentication, rate limiting and JSON included.</summary>
public sealed class HttpLender(HttpClient http) : ILender
{
    public Task<LendAnswer> CheckOutAsync(string fileId, string borrower) =>
        PostAsync($"/api/files/{fileId}/checkout", new { borrower, purpose = "Benchmark", days = 14 }, loan: true);

    public Task<LendAnswer> ReturnAsync(string fileId, string loanId) =>
        PostAsync($"/api/files/{fileId}/return", new { loanId, condition = "Intact", notes = "" }, loan: false);

    private async Task<LendAnswer> PostAsync<T>(string url, T body, bool loan)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(url, body);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new((int)response.StatusCode, null, text);
            }
            if (!loan)
            {
                return new(200, null, null);
            }
            using var json = JsonDocument.Parse(text);
            return new(200, json.RootElement.GetProperty("loanId").GetString(), null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return new(0, null, exception.Message);
        }
    }
}

/// <summary>Straight to the file grains through the silo's own IGrainFactory: the grain and its storage, without HTTP.</summary>
public sealed class GrainLender(IGrainFactory grains, Actor actor) : ILender
{
    public Task<LendAnswer> CheckOutAsync(string fileId, string borrower) =>
        AnswerAsync(() => grains.GetGrain<ICustomerFileGrain>(fileId).CheckOut(new CheckoutCommand(borrower, "Benchmark", 14), actor, null), loan => loan.LoanId);

    public Task<LendAnswer> ReturnAsync(string fileId, string loanId) =>
        AnswerAsync(() => grains.GetGrain<ICustomerFileGrain>(fileId).Return(new ReturnCommand(loanId, ReturnCondition.Intact, ""), actor, null), _ => null);

    private static async Task<LendAnswer> AnswerAsync<T>(Func<Task<ArchiveResult<T>>> call, Func<T, string?> loanId)
    {
        try
        {
            var result = await call();
            return result.Succeeded ? new(200, loanId(result.Value!), null) : new(GrainAnswers.StatusOf(result.Outcome), null, result.Detail);
        }
        catch (Exception exception)
        {
            return new(0, null, exception.Message);
        }
    }
}

/// <summary>Counts failed requests and prints the first few bodies, so a broken run says why without flooding the console.</summary>
public sealed class ErrorLog
{
    private const int Printed = 5;
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Report(string what, string fileId, LendAnswer answer)
    {
        if (Interlocked.Increment(ref _count) <= Printed)
        {
            Console.Error.WriteLine($"  {what} of {fileId}: {answer.Status} {answer.Error}");
        }
    }
}

using System.Threading.RateLimiting;
using BranchArchive.Api.Auth;
using BranchArchive.Contracts.Audit;

namespace BranchArchive.Api.Http;

/// <summary>
/// A token bucket of refusals (403) per member of staff. Every refusal is audited, so someone
/// probing what they may not see would otherwise grow the audit log without bound. Each 403 takes
/// a token; once the bucket is empty the person's requests are answered 429 with Retry-After,
/// without calling a grain and so without an audit record each, and one <c>access.throttled</c>
/// record says that it happened. The log grows by at most <c>Burst</c> + <c>PerMinute</c> records a
/// minute per person, however fast the requests come.
/// </summary>
public sealed partial class DenialLimits : IDisposable
{
    public sealed class Options
    {
        public const string Section = "Api:DenialRateLimit";

        /// <summary>Refusals a person may run into in a row before being slowed down.</summary>
        public int Burst { get; set; } = 20;

        /// <summary>Refusals a minute a person may keep up.</summary>
        public int PerMinute { get; set; } = 10;
    }

    private readonly PartitionedRateLimiter<string> _buckets;
    private readonly TimeSpan _period;

    public DenialLimits(Options options)
    {
        _period = TimeSpan.FromMinutes(1) / Math.Max(1, options.PerMinute);
        _buckets = PartitionedRateLimiter.Create<string, string>(subject => RateLimitPartition.GetTokenBucketLimiter(subject, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.Burst,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = _period,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public void Dispose() => _buckets.Dispose();

    private bool IsExhausted(string subject) => _buckets.GetStatistics(subject)?.CurrentAvailablePermits <= 0;

    /// <summary>Takes a token for a refusal; true when this one emptied the bucket.</summary>
    private bool TakeAndEmptied(string subject)
    {
        using var lease = _buckets.AttemptAcquire(subject);
        return lease.IsAcquired && IsExhausted(subject);
    }

    public static IServiceCollection AddDenialLimits(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(new DenialLimits(configuration.GetSection(Options.Section).Get<Options>() ?? new Options()));

    /// <summary>Between authentication (who) and authorisation (whose 403s count too).</summary>
    public static IApplicationBuilder UseDenialLimits(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }
        var limits = context.RequestServices.GetRequiredService<DenialLimits>();
        var actor = context.User.ToActor();
        if (limits.IsExhausted(actor.Subject))
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(limits._period.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests.",
                    Detail = "Too many of your requests were refused in a short time; wait and retry.",
                },
            });
            return;
        }
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status403Forbidden && limits.TakeAndEmptied(actor.Subject))
        {
            LogThrottled(context.RequestServices.GetRequiredService<ILogger<DenialLimits>>(), actor.Subject);
            await context.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IAuditGrain>(0).RecordDenied(actor,
                AuditActions.DenialsThrottled, actor.Branch,
                $"Refused too often: further requests by {actor.Subject} are answered 429, without a record each, until refusals slow to the allowed rate.");
        }
    });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Requests by {Subject} are refused too often; answering 429 until they slow down")]
    private static partial void LogThrottled(ILogger logger, string subject);
}

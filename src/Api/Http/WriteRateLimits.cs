using System.Threading.RateLimiting;
using BranchArchive.Api.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace BranchArchive.Api.Http;

/// <summary>
/// A token bucket per member of staff on every write, so one misbehaving client or stolen token
/// cannot flood the archive. Over the limit the answer is 429 with Retry-After.
/// </summary>
public static class WriteRateLimits
{
    public const string Policy = "writes";

    public sealed class Options
    {
        public const string Section = "Api:WriteRateLimit";

        /// <summary>Writes a user may make in a burst.</summary>
        public int Burst { get; set; } = 200;

        /// <summary>Writes per second a user may keep up.</summary>
        public int PerSecond { get; set; } = 50;
    }

    public static IServiceCollection AddWriteRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(Options.Section).Get<Options>() ?? new Options();
        return services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Policy, context => RateLimitPartition.GetTokenBucketLimiter(
                context.User.ToActor().Subject,
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.Burst,
                    TokensPerPeriod = options.PerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                }
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests.",
                        Detail = "You are making changes faster than the archive allows for one person; slow down and retry.",
                    },
                });
            };
        });
    }
}

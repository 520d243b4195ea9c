using System.Reflection;
using BranchArchive.Contracts;
using Orleans.Runtime;

namespace BranchArchive.Api.Hosting;

/// <summary>
/// Sends a <see cref="SafeToRetryAttribute"/> call again when it failed in transit: while a dead
/// silo is being noticed, calls routed through it time out or are rejected, and a second try
/// reaches the grain's new home. A call that changes state is repeated only when it carries an
/// Idempotency-Key, so the grain answers the repeat with the first outcome.
/// </summary>
public sealed class RetrySafeCalls : IOutgoingGrainCallFilter
{
    private const int MaxAttempts = 5;

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var safe = IsSafeToRepeat(context);
        for (var attempt = 1; ; attempt++)
        {
            Exception? failure;
            try
            {
                await context.Invoke();
                failure = context.Response?.Exception;
            }
            catch (Exception exception) when (safe && attempt < MaxAttempts && IsTransient(exception))
            {
                failure = exception;
            }
            if (failure is null || !safe || attempt >= MaxAttempts || !IsTransient(failure))
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
        }
    }

    private static bool IsSafeToRepeat(IOutgoingGrainCallContext context)
    {
        var method = context.InterfaceMethod;
        if (method?.GetCustomAttribute<SafeToRetryAttribute>() is not { } marked)
        {
            return false;
        }
        if (marked.WhenArgumentGiven is not { } name)
        {
            return true;
        }
        var index = Array.FindIndex(method.GetParameters(), p => p.Name == name);
        return index >= 0 && context.Request.GetArgument(index) is not null;
    }

    private static bool IsTransient(Exception exception) =>
        exception is TimeoutException or OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException or GatewayTooBusyException;
}

using Microsoft.Extensions.Time.Testing;

namespace BranchArchive.Grains.Tests.Support;

/// <summary>
/// A clock the test moves, whose timers run in real time: moving a fake clock by weeks would fire
/// every periodic timer on it (the inventory gauges' among them) once per period skipped.
/// </summary>
public sealed class MovedClock() : FakeTimeProvider(Beginning)
{
    /// <summary>Where every test's clock starts.</summary>
    public static readonly DateTimeOffset Beginning = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime, period);
}

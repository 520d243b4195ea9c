using Microsoft.Extensions.Time.Testing;

namespace BranchArchive.Grains.Tests.Support;

/// <summary>
/// A clock the test moves, whose timers run in real time: moving a fake clock by weeks would fire
/// every periodic timer on it (the inventory gauges' among them) once per period skipped.
/// <para>
/// Tests that share a cluster move only their own time, with <see cref="AdvanceThisTest"/>: the
/// offset travels in Orleans' <see cref="RequestContext"/>, which goes with every grain call the
/// test makes and with the calls those grains make in turn, so the archive reads the test's time
/// while serving the test. The shared clock never moves, so no other test sees the jump. Timers and
/// reminders have no caller and read the shared time: a test about them moves a clock of its own
/// cluster (<see cref="FakeTimeProvider.Advance"/>, <see cref="FakeTimeProvider.SetUtcNow"/>).
/// </para>
/// </summary>
public sealed class MovedClock() : FakeTimeProvider(Beginning)
{
    /// <summary>Where every test's clock starts.</summary>
    public static readonly DateTimeOffset Beginning = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

    private const string OffsetKey = "branch-archive-tests.clock-offset";

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + OffsetOfThisTest;

    /// <summary>
    /// Moves the time of the calling test only. Call it from the test method itself (not from an
    /// async helper, whose changes to the call context end with it).
    /// </summary>
    public static void AdvanceThisTest(TimeSpan by) => RequestContext.Set(OffsetKey, OffsetOfThisTest + by);

    private static TimeSpan OffsetOfThisTest => RequestContext.Get(OffsetKey) is TimeSpan offset ? offset : TimeSpan.Zero;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime, period);
}

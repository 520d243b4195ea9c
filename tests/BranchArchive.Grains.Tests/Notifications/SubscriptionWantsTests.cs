using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Notifications;

namespace BranchArchive.Grains.Tests.Notifications;

/// <summary>Which notices a subscription is sent: its branch (head office: all), its kinds, and one copy per event.</summary>
public sealed class SubscriptionWantsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static NoticeSubscription Subscription(string? branch, params NoticeKind[] kinds) =>
        new("sub_1", branch, NoticeChannel.Webhook, "https://hooks.example.com/archive", kinds, "en", false, true, "admin", At);

    private static LoanNotice Notice(string branch, NoticeKind kind, string? recipient = null) =>
        new("f-1", kind, At, branch, 42, "", "", At, Recipient: recipient);

    [Fact]
    public void A_branch_is_sent_its_own_notices_of_its_kinds_and_head_office_every_branchs()
    {
        Assert.True(Subscription("B01").Wants(Notice("B01", NoticeKind.ArrivedForPickup)));
        Assert.False(Subscription("B01").Wants(Notice("B02", NoticeKind.ArrivedForPickup)));
        Assert.True(Subscription(null).Wants(Notice("B02", NoticeKind.ArrivedForPickup)));
        Assert.False(Subscription("B01", NoticeKind.Overdue).Wants(Notice("B01", NoticeKind.ArrivedForPickup)));
        Assert.False((Subscription("B01") with { Enabled = false }).Wants(Notice("B01", NoticeKind.ArrivedForPickup)));
    }

    [Fact]
    public void The_copy_addressed_to_a_member_of_staff_in_person_is_not_sent_again_to_the_branch()
    {
        // An arrival is told to the requesting branch and to its borrower: two rows, one event.
        Assert.False(Subscription("B01").Wants(Notice("B01", NoticeKind.ArrivedForPickup, recipient: "clerk.wang")));
        Assert.False(Subscription(null).Wants(Notice("B01", NoticeKind.ArrivedForPickup, recipient: "clerk.wang")));
    }
}

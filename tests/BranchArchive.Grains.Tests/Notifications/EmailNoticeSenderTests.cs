using System.Net;
using System.Net.Sockets;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Notifications;
using BranchArchive.Grains.Notifications.Email;
using BranchArchive.Testing;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BranchArchive.Grains.Tests.Notifications;

/// <summary>
/// The e-mail sender against a real SMTP server the test starts: what arrives (recipient, subject,
/// body, in Chinese and English), and how each failure is judged (retryable or not).
/// </summary>
public sealed class EmailNoticeSenderTests
{
    private const string Password = "s3cret-smtp-password";

    // 20:00 UTC on 21 November is 22 November in China: dates are shown in the configured zone.
    private static readonly NoticeMessage Overdue = new("ntc_overdue1", nameof(NoticeKind.Overdue),
        new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.Zero), NoticeMessage.CurrentVersion, "SH01", "file-1", 1234, "C01",
        "loan-1", "zhang.san", new DateTimeOffset(2026, 11, 21, 20, 0, 0, TimeSpan.Zero), null);

    [Fact]
    public async Task A_notice_arrives_for_its_recipient_with_the_subject_and_body_in_Chinese()
    {
        await using var smtp = await TestSmtpServer.StartAsync();

        var result = await Sender(smtp).SendAsync(Subscription("sh01-desk@bank.test", "zh-CN"), null, [Overdue], CancellationToken.None);

        Assert.Equal((true, (int?)250), (result.Delivered, result.StatusCode));
        var mail = await smtp.NextAsync();
        Assert.Equal(["sh01-desk@bank.test"], mail.Recipients);
        Assert.Equal("逾期：档案编号 1234 应还日期为 2026年11月22日", mail.Message.Subject);
        Assert.Contains("网点 SH01 的档案（档案编号 1234）由借阅人 zhang.san 借出，应还日期为 2026年11月22日，至今尚未归还。", mail.Body);
        Assert.Contains("通知编号：ntc_overdue1", mail.Body);
        Assert.Equal("archive@bank.test", mail.Message.From.Mailboxes.Single().Address);
        Assert.StartsWith("ntc_overdue1.", mail.Message.MessageId);
    }

    [Fact]
    public async Task A_notice_arrives_in_English_for_an_English_subscription()
    {
        await using var smtp = await TestSmtpServer.StartAsync();

        var result = await Sender(smtp).SendAsync(Subscription("head-office@bank.test", "en"), null, [Overdue], CancellationToken.None);

        Assert.True(result.Delivered);
        var mail = await smtp.NextAsync();
        Assert.Equal(["head-office@bank.test"], mail.Recipients);
        Assert.Equal("Overdue: file number 1234 was due on 22 November 2026", mail.Message.Subject);
        Assert.Contains("File number 1234 of branch SH01, checked out to zhang.san, was due on 22 November 2026 and has not been returned.", mail.Body);
    }

    [Fact]
    public async Task Several_notices_arrive_as_one_digest_listing_each()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var dueSoon = Overdue with { Id = "ntc_duesoon2", Type = nameof(NoticeKind.DueSoon), FileNumber = 5678, Borrower = "li.si" };

        var result = await Sender(smtp).SendAsync(Subscription("sh01-desk@bank.test", "en"), null, [Overdue, dueSoon], CancellationToken.None);

        Assert.True(result.Delivered);
        var mail = Assert.Single(smtp.Received);
        Assert.StartsWith("BranchArchive daily digest", mail.Message.Subject);
        Assert.Contains("- Overdue: file number 1234, checked out to zhang.san, was due on 22 November 2026", mail.Body);
        Assert.Contains("- Due soon: file number 5678, checked out to li.si, due on 22 November 2026", mail.Body);
    }

    [Fact]
    public async Task A_rejected_recipient_is_not_worth_retrying()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.RefuseRecipient = to => to == "nobody@bank.test" ? 550 : null;

        var result = await Sender(smtp).SendAsync(Subscription("nobody@bank.test", "en"), null, [Overdue], CancellationToken.None);

        Assert.Equal((false, false, (int?)550), (result.Delivered, result.Retryable, result.StatusCode));
        Assert.Contains("550", result.Error);
        Assert.Empty(smtp.Received);
    }

    [Fact]
    public async Task A_temporary_refusal_is_worth_retrying()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.RefuseRecipient = _ => 451;

        var result = await Sender(smtp).SendAsync(Subscription("busy@bank.test", "en"), null, [Overdue], CancellationToken.None);

        Assert.Equal((false, true, (int?)451), (result.Delivered, result.Retryable, result.StatusCode));
    }

    [Fact]
    public async Task A_server_that_is_down_is_worth_retrying_and_the_password_is_not_logged()
    {
        var logs = new ListLogger();
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = FreePorts.Next(), UserName = "archive", Password = Password };

        var result = await Sender(smtp, logs).SendAsync(Subscription("sh01-desk@bank.test", "en"), null, [Overdue], CancellationToken.None);

        Assert.Equal((false, true), (result.Delivered, result.Retryable));
        Assert.DoesNotContain(Password, result.Error);
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, line => line.Contains(Password));
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_and_is_worth_retrying()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0); // accepts connections (the backlog) and never greets
        silent.Start();
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = ((IPEndPoint)silent.LocalEndpoint).Port, Security = SecureSocketOptions.None, Timeout = TimeSpan.FromSeconds(1) };

        var result = await Sender(smtp).SendAsync(Subscription("sh01-desk@bank.test", "en"), null, [Overdue], CancellationToken.None);

        Assert.Equal((false, true), (result.Delivered, result.Retryable));
        Assert.Contains("did not answer within 1 s", result.Error);
    }

    [Fact]
    public async Task Without_an_SMTP_host_nothing_is_sent_and_retrying_cannot_help()
    {
        var result = await Sender(new SmtpOptions()).SendAsync(Subscription("sh01-desk@bank.test", "en"), null, [Overdue], CancellationToken.None);

        Assert.Equal((false, false), (result.Delivered, result.Retryable));
        Assert.Contains("Notifications:Smtp:Host", result.Error);
    }

    internal static NoticeSubscription Subscription(string to, string language, string? branch = "SH01", bool digest = false) =>
        new($"sub_{Guid.NewGuid():N}", branch, NoticeChannel.Email, to, [], language, digest, true, "admin", DateTimeOffset.UnixEpoch);

    internal static SmtpOptions OptionsFor(TestSmtpServer smtp) =>
        new() { Host = smtp.Host, Port = smtp.Port, Security = SecureSocketOptions.None, From = "archive@bank.test", Timeout = TimeSpan.FromSeconds(10) };

    private static EmailNoticeSender Sender(TestSmtpServer smtp) => Sender(OptionsFor(smtp));

    private static EmailNoticeSender Sender(SmtpOptions smtp, ILogger<EmailNoticeSender>? logger = null)
    {
        smtp.From = smtp.From is { Length: > 0 } from ? from : "archive@bank.test";
        return new EmailNoticeSender(Options.Create(smtp), new EmailTemplates(new EmailOptions().Zone()), TimeProvider.System,
            logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<EmailNoticeSender>.Instance);
    }

    /// <summary>Keeps what would be logged, with its arguments written out, to look for secrets in it.</summary>
    private sealed class ListLogger : ILogger<EmailNoticeSender>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception) + " " + exception);
    }
}

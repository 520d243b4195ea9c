using MailKit.Security;

namespace BranchArchive.Grains.Notifications.Email;

/// <summary>
/// The <c>Notifications:Smtp</c> section: the SMTP server e-mail notices leave through. Without a
/// <c>Host</c> nothing is sent and every e-mail attempt fails as not retryable ("not configured").
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Notifications:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>
    /// MailKit's <c>SecureSocketOptions</c>: <c>StartTls</c> (required, port 587), <c>SslOnConnect</c>
    /// (port 465), <c>StartTlsWhenAvailable</c>, <c>None</c> (a relay on a trusted network only), <c>Auto</c>.
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>Both, or neither (a relay that trusts the network). Never logged.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender's address, e.g. <c>archive@bank.example</c>; required with a host.</summary>
    public string From { get; set; } = "";

    /// <summary>The sender's display name.</summary>
    public string FromName { get; set; } = "BranchArchive 客户档案管理系统";

    /// <summary>One attempt's limit: connecting, greeting, authenticating and sending together.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

using BranchArchive.Contracts.Notifications;
using BranchArchive.Grains.Notifications.Email;
using BranchArchive.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BranchArchive.Silo.Hosting;

/// <summary>E-mail notices (issue 19): the SMTP sender the delivery pipeline uses, its wording, and the daily digest.</summary>
public static class ArchiveEmail
{
    public static ISiloBuilder AddArchiveEmail(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.Host)
                    || (MailboxAddress.TryParse(o.From, out _) && o.Port is > 0 and <= 65535 && o.Timeout > TimeSpan.Zero
                        && string.IsNullOrEmpty(o.UserName) == string.IsNullOrEmpty(o.Password)),
                "Notifications:Smtp: with a Host, From is an e-mail address, Port 1..65535, Timeout positive, and UserName and Password both or neither.")
            .ValidateOnStart();
        silo.Services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section)
            .Validate(o => o.HasKnownZone() && o.DigestCheckPeriod > TimeSpan.Zero && o.DigestAttempts >= 1,
                "Notifications: TimeZone is a known IANA zone (e.g. Asia/Shanghai), DigestCheckPeriod positive, DigestAttempts at least 1.")
            .ValidateOnStart();
        silo.Services.TryAddSingleton(services => new EmailTemplates(services.GetRequiredService<IOptions<EmailOptions>>().Value.Zone()));
        silo.Services.TryAddSingleton<EmailNoticeSender>();
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<INoticeSender, EmailNoticeSender>(services => services.GetRequiredService<EmailNoticeSender>()));
        silo.Services.TryAddSingleton<EmailDigestMetrics>();
        silo.AddStartupTask((services, _) => services.GetRequiredService<IGrainFactory>().GetGrain<IEmailDigestGrain>(0).Start());
        silo.Services.AddHostedService<EmailDigestKeeper>();
        return silo;
    }
}

using System.Net;
using BranchArchive.Grains.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace BranchArchive.Grains.Tests.Notifications;

/// <summary>The SSRF rules for webhook URLs and the addresses a webhook may connect to.</summary>
public sealed class WebhookTargetsTests
{
    private static WebhookTargets In(string environment, bool allowPrivate = false, bool? requireHttps = null) =>
        new(Options.Create(new NotificationOptions { AllowPrivateTargets = allowPrivate, RequireHttps = requireHttps }),
            new HostingEnvironment { EnvironmentName = environment });

    [Theory]
    [InlineData("http://hooks.example.com/x", "Production", "https")]
    [InlineData("http://hooks.example.com/x", "Development", null)]
    [InlineData("https://hooks.example.com/x", "Production", null)]
    [InlineData("https://127.0.0.1/x", "Production", "loopback")]
    [InlineData("https://localhost:8443/x", "Production", "localhost")]
    [InlineData("https://api.localhost/x", "Production", "localhost")]
    [InlineData("https://[::ffff:10.0.0.1]/x", "Production", "private")]
    [InlineData("https://[fd00::1]/x", "Production", "private")]
    [InlineData("https://100.64.0.1/x", "Production", "private")]
    [InlineData("https://172.20.0.1/x", "Production", "private")]
    [InlineData("https://172.32.0.1/x", "Production", null)]
    [InlineData("https://0.0.0.0/x", "Production", "loopback")]
    [InlineData("https://8.8.8.8/x", "Production", null)]
    public void A_url_is_refused_for_the_reason_its_rule_gives(string url, string environment, string? reason)
    {
        var refusal = In(environment).RefusalOf(new Uri(url));
        if (reason is null)
        {
            Assert.Null(refusal);
        }
        else
        {
            Assert.Contains(reason, refusal);
        }
    }

    [Fact]
    public void Configuration_allows_private_receivers_and_plain_http_where_asked()
    {
        Assert.Null(In("Production", allowPrivate: true, requireHttps: false).RefusalOf(new Uri("http://10.1.2.3/x")));
        Assert.True(In("Production", allowPrivate: true).Allows(IPAddress.Loopback));
        Assert.False(In("Production").Allows(IPAddress.Parse("169.254.169.254")));
        Assert.False(In("Production").Allows(IPAddress.Parse("fe80::1")));
        Assert.True(In("Production").Allows(IPAddress.Parse("93.184.216.34")));
    }
}

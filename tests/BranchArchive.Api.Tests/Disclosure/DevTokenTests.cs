using System.Net;
using BranchArchive.Api.Hosting;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests.Disclosure;

/// <summary>Issue 16 point 2: dev tokens only when enabled by name on a developer's machine, never signed with the configured key.</summary>
public sealed class DevTokenTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Dev_tokens_outside_Development_refuse_to_start_with_a_clear_message(string environment)
    {
        var settings = (await ArchiveSettings.FreshAsync()).ToConfiguration(devTokens: true);

        var failure = Assert.Throws<InvalidOperationException>(() =>
            ArchiveApi.Build([$"--environment={environment}"], builder => builder.Configuration.AddInMemoryCollection(settings)));

        Assert.Contains("Auth:DevTokens", failure.Message);
        Assert.Contains($"environment is {environment}", failure.Message);
    }

    [Fact]
    public async Task Dev_tokens_are_off_unless_enabled_by_name_even_in_Development()
    {
        var settings = (await ArchiveSettings.FreshAsync()).ToConfiguration();
        settings.Remove("Auth:DevTokens"); // the shipped appsettings.json decides
        var app = ArchiveApi.Build([ArchiveHost.DevelopmentEnvironment], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Urls"] = "http://127.0.0.1:0" });
        });
        await using var _ = app;

        Assert.False(app.Services.GetRequiredService<BranchArchive.Api.Auth.AuthOptions>().DevTokens);
        Assert.DoesNotContain(((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints),
            endpoint => endpoint.DisplayName?.Contains("/dev/token", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_dev_token_is_never_signed_with_the_configured_key()
    {
        await using var host = await ArchiveHost.StartAsync();
        var token = await host.Client.Archivist();

        var withConfiguredKey = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(host.Settings.SigningKey)),
            ValidateIssuer = false,
            ValidateAudience = false,
        });

        Assert.False(withConfiguredKey.IsValid);
        await Expect(HttpStatusCode.OK, host.Client.Get("/api/branches", token)); // the issuing process still accepts it
    }
}

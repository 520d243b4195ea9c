using BranchArchive.Testing;
using System.Net;
using BranchArchive.Api.Hosting;
using BranchArchive.Api.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace BranchArchive.Api.Tests;

public sealed class ProductionSettingsTests
{
    [Fact]
    public async Task Without_dev_tokens_the_dev_token_endpoint_does_not_exist()
    {
        await using var host = await ArchiveHost.StartAsync(devTokens: false);

        using var response = await host.Client.Http.PostAsync("/dev/token",
            new StringContent("""{"sub":"alice","roles":["admin"]}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Without_dev_tokens_and_without_a_key_or_authority_the_api_refuses_to_start()
    {
        var settings = (await ArchiveSettings.FreshAsync()).ToConfiguration(devTokens: false);
        settings["Auth:SigningKey"] = null;

        var failure = Assert.Throws<InvalidOperationException>(() =>
            ArchiveApi.Build([], builder => builder.Configuration.AddInMemoryCollection(settings)));

        Assert.Contains("Auth:Authority", failure.Message);
    }

    [Fact]
    public async Task Dev_tokens_are_refused_outside_the_embedded_topology()
    {
        var settings = (await ArchiveSettings.FreshAsync()).ToConfiguration(devTokens: true);
        settings["Topology"] = "Client";

        var failure = Assert.Throws<InvalidOperationException>(() =>
            ArchiveApi.Build([], builder => builder.Configuration.AddInMemoryCollection(settings)));

        Assert.Contains("Auth:DevTokens", failure.Message);
    }

    [Fact]
    public void On_PostgreSQL_without_an_audit_checkpoint_key_the_archive_refuses_to_start()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Cluster:Storage"] = "Postgres",
            ["ConnectionStrings:Archive"] = "Host=127.0.0.1;Database=never-opened",
            ["Auth:SigningKey"] = Convert.ToBase64String(new byte[32]),
            ["Auth:DevTokens"] = "false",
        };

        var failure = Assert.Throws<InvalidOperationException>(() =>
            ArchiveApi.Build([], builder => builder.Configuration.AddInMemoryCollection(settings)));

        Assert.Contains("Audit:Checkpoints:SigningKey", failure.Message);
    }
}

using BranchArchive.Api.Hosting;

var app = ArchiveApi.Build(args);
await app.RunAsync();

/// <summary>Entry point; the whole set-up lives in <see cref="ArchiveApi"/> so tests can host the same app.</summary>
public partial class Program;

namespace BranchArchive.WebApp;

/// <summary>The <c>WebApp</c> configuration section.</summary>
public sealed class WebAppOptions
{
    public const string Section = "WebApp";

    /// <summary>The API's base address as the web app calls it; empty: this process's own address.</summary>
    public string? ApiBaseAddress { get; set; }

    /// <summary>Serve the staff web app at all (on by default; an API-only deployment may turn it off).</summary>
    public bool Enabled { get; set; } = true;
}

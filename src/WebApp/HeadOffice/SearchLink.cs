using BranchArchive.WebApp.Api;

namespace BranchArchive.WebApp.HeadOffice;

/// <summary>The address of the search page with its filters set: where every chart and figure drills down to.</summary>
public static class SearchLink
{
    public const string Page = "head-office/search";

    public static string For(InventoryClient.Search search) => WithQuery(Page, search);

    /// <summary>The CSV of the same search, downloaded through the web app (<see cref="ExportEndpoint"/>).</summary>
    public static string Export(InventoryClient.Search search) => WithQuery(ExportEndpoint.Path.TrimStart('/'), search);

    private static string WithQuery(string path, InventoryClient.Search search)
    {
        // The search's own query string without the paging: a list opens at its first page.
        var query = string.Join('&', search.ToQueryString().Split('&').Where(part => !part.StartsWith("page=") && !part.StartsWith("pageSize=")));
        return query.Length == 0 ? path : $"{path}?{query}";
    }
}

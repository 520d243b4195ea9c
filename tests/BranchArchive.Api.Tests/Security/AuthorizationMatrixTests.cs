using BranchArchive.Testing;
using System.Net;
using System.Net.Http.Json;
using BranchArchive.Api;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Contracts.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BranchArchive.Api.Tests.Security;

/// <summary>
/// Every endpoint the app maps, against every role and against staff of another branch. The
/// endpoints come from the app's own metadata, so a new endpoint without an entry below (or
/// without an authorisation policy) makes this test fail until someone decides who may call it.
/// </summary>
[Collection(ArchiveHostCollection.Name)]
public sealed class AuthorizationMatrixTests(SqliteArchiveHostFixture fixture)
{
    private sealed record Rule(StaffRoles Allowed, bool BranchScoped);

    /// <summary>Who may call what. Branch-scoped: staff of another branch are refused too.</summary>
    private static readonly Dictionary<string, Rule> Rules = new()
    {
        ["POST /api/branches/"] = new(Permissions.ManageBranches, BranchScoped: false),
        ["GET /api/branches/"] = new(Permissions.Read, BranchScoped: false),
        ["GET /api/branches/{branch}"] = new(Permissions.Read, BranchScoped: true),
        ["POST /api/branches/{branch}/cabinets"] = new(Permissions.ManageCabinets, BranchScoped: true),
        ["GET /api/branches/{branch}/cabinets/{cabinet}"] = new(Permissions.Read, BranchScoped: true),
        ["PUT /api/branches/{branch}/cabinets/{cabinet}/custodian"] = new(Permissions.ManageCabinets, BranchScoped: true),
        ["POST /api/files/"] = new(Permissions.RegisterFiles, BranchScoped: true),
        ["GET /api/files/{id}"] = new(Permissions.Read, BranchScoped: true),
        // Also read, only their own entries, by a branch that borrowed the file (the case below).
        ["GET /api/files/{id}/loans"] = new(Permissions.Read, BranchScoped: true),
        ["POST /api/files/{id}/checkout"] = new(Permissions.LendFiles, BranchScoped: true),
        ["POST /api/files/{id}/return"] = new(Permissions.LendFiles, BranchScoped: true),
        ["POST /api/files/{id}/requests"] = new(Permissions.LendFiles, BranchScoped: true),
        // A request is scoped to its own pickup branch; an unknown request id is a 404 for everyone.
        ["DELETE /api/files/{id}/requests/{requestId}"] = new(Permissions.LendFiles, BranchScoped: false),
        ["POST /api/files/{id}/dispatch"] = new(Permissions.LendFiles, BranchScoped: true),
        ["POST /api/files/{id}/receive"] = new(Permissions.LendFiles, BranchScoped: true),
        // Scoped to the sending branch (the file's home while it is not on the road).
        ["POST /api/files/{id}/transit/cancel"] = new(Permissions.LendFiles, BranchScoped: true),
        // Managers of the file's home branch, and head office.
        ["POST /api/files/{id}/missing"] = new(Permissions.DeclareMissing, BranchScoped: true),
        ["POST /api/files/{id}/found"] = new(Permissions.DeclareMissing, BranchScoped: true),
        ["POST /api/files/{id}/pickup"] = new(Permissions.LendFiles, BranchScoped: true),
        ["POST /api/files/{id}/renew"] = new(Permissions.LendFiles, BranchScoped: true),
        // Also read, only their own entries, by a branch that borrowed the file (the case below).
        ["GET /api/files/{id}/custody"] = new(Permissions.Read, BranchScoped: true),
        ["POST /api/files/{id}/relocate"] = new(Permissions.ManageCabinets, BranchScoped: true),
        ["POST /api/files/{id}/reading-sessions"] = new(Permissions.ApproveLending, BranchScoped: true),
        ["POST /api/files/{id}/reading-sessions/close"] = new(Permissions.LendFiles, BranchScoped: true),
        // Reading requests and copies (issue 21): asked for and decided by the branch's staff and head office; which approver
        // may decide a request is the file grain's (a finance approver, a manager, head office), refused there with a 403 too.
        ["POST /api/files/{id}/reading-requests/"] = new(Permissions.LendFiles, BranchScoped: true),
        ["GET /api/files/{id}/reading-requests/"] = new(Permissions.Read, BranchScoped: true),
        ["POST /api/files/{id}/reading-requests/{requestId}/approve"] = new(Permissions.LendFiles, BranchScoped: true),
        ["POST /api/files/{id}/reading-requests/{requestId}/refuse"] = new(Permissions.LendFiles, BranchScoped: true),
        ["POST /api/files/{id}/copy-requests/"] = new(Permissions.Read, BranchScoped: true), // auditors ask for copies of what they audit
        ["GET /api/files/{id}/copy-requests/"] = new(Permissions.Read, BranchScoped: true),
        ["POST /api/files/{id}/copy-requests/{requestId}/approve"] = new(Permissions.LendFiles, BranchScoped: true),
        ["POST /api/files/{id}/copy-requests/{requestId}/refuse"] = new(Permissions.LendFiles, BranchScoped: true),
        ["POST /api/files/{id}/copy-requests/{requestId}/made"] = new(Permissions.LendFiles, BranchScoped: true),
        ["GET /api/notifications/"] = new(Permissions.Read, BranchScoped: true),
        // Managers for their branch, head office for any; a subscription another branch may not see is a 404, as one that does not exist.
        ["POST /api/notifications/subscriptions/"] = new(Permissions.ManageSubscriptions, BranchScoped: true),
        ["GET /api/notifications/subscriptions/"] = new(Permissions.ManageSubscriptions, BranchScoped: true),
        ["GET /api/notifications/subscriptions/{id}"] = new(Permissions.ManageSubscriptions, BranchScoped: false),
        ["DELETE /api/notifications/subscriptions/{id}"] = new(Permissions.ManageSubscriptions, BranchScoped: false),
        ["POST /api/notifications/subscriptions/{id}/enable"] = new(Permissions.ManageSubscriptions, BranchScoped: false),
        ["POST /api/notifications/subscriptions/{id}/disable"] = new(Permissions.ManageSubscriptions, BranchScoped: false),
        ["GET /api/notifications/subscriptions/{id}/deliveries"] = new(Permissions.ManageSubscriptions, BranchScoped: false),
        ["GET /api/notifications/deliveries/parked"] = new(Permissions.ReplayDeliveries, BranchScoped: false),
        ["POST /api/notifications/deliveries/parked/replay"] = new(Permissions.ReplayDeliveries, BranchScoped: false),
        // A notice of the home branch: its staff and head office mark it; auditors read only; another
        // branch's staff get the 404 of an unknown id (they may not learn that it exists).
        ["POST /api/notifications/notices/{id}/read"] = new(Permissions.LendFiles, BranchScoped: false),
        ["POST /api/notifications/notices/{id}/unread"] = new(Permissions.LendFiles, BranchScoped: false),
        ["GET /api/audit/"] = new(Permissions.ReadAudit, BranchScoped: false),
        ["GET /api/audit/verify"] = new(Permissions.ReadAllAudit, BranchScoped: false),
        ["POST /api/audit/checkpoints"] = new(Permissions.ReadAllAudit, BranchScoped: false),
        // Managers elsewhere are not refused: their answer is narrowed to their own branch's files (empty here).
        ["GET /api/access-log/"] = new(Permissions.ReadAccessLog, BranchScoped: false),
        ["GET /api/access-log/verify"] = new(Permissions.ReadAllAudit, BranchScoped: false),
        // The summary narrows itself to the caller's branch instead of refusing; the searches are
        // called for the home branch below, which staff of another branch may not see.
        ["GET /api/inventory/summary"] = new(Permissions.Read, BranchScoped: false),
        ["GET /api/inventory/files"] = new(Permissions.Read, BranchScoped: true),
        ["GET /api/inventory/files.csv"] = new(Permissions.Read, BranchScoped: true),
        ["POST /api/files/{id}/classification"] = new(Permissions.ClassifyFiles, BranchScoped: true),
        ["GET /api/files/{id}/classification/history"] = new(Permissions.Read, BranchScoped: true),
        // Managers elsewhere are narrowed to their own branch's re-classifications, as in the audit log.
        ["GET /api/reclassifications"] = new(Permissions.ReadAudit, BranchScoped: false),
        ["POST /api/files/{id}/repairs"] = new(Permissions.RepairFiles, BranchScoped: true),
        ["POST /api/files/{id}/repairs/{repairId}/complete"] = new(Permissions.RepairFiles, BranchScoped: true),
        ["GET /api/files/{id}/repairs"] = new(Permissions.Read, BranchScoped: true),
        ["POST /api/files/{id}/missing-documents/supplied"] = new(Permissions.RepairFiles, BranchScoped: true),
        // Narrowed to the caller's branch for managers, like the inventory summary.
        ["GET /api/retention/due"] = new(Permissions.ReadRetention, BranchScoped: false),
        ["POST /api/files/{id}/legal-hold"] = new(Permissions.HoldFiles, BranchScoped: true),
        ["DELETE /api/files/{id}/legal-hold"] = new(Permissions.HoldFiles, BranchScoped: true),
        ["POST /api/files/{id}/destruction"] = new(Permissions.DestroyFiles, BranchScoped: true),
        ["POST /api/files/{id}/destruction/approvals"] = new(Permissions.DestroyFiles, BranchScoped: true),
        ["POST /api/files/{id}/destruction/execute"] = new(Permissions.DestroyFiles, BranchScoped: true),
        ["POST /api/files/{id}/documents/{index}/scans"] = new(Permissions.AttachScans, BranchScoped: true),
        ["GET /api/files/{id}/scans"] = new(Permissions.Read, BranchScoped: true),
        ["GET /api/files/{id}/scans/{digest}"] = new(Permissions.Read, BranchScoped: true),
        // Inspections
        ["GET /api/inspections/due"] = new(Permissions.Read, BranchScoped: true),
        ["GET /api/branches/{branch}/inspections"] = new(Permissions.Read, BranchScoped: true),
        ["GET /api/branches/{branch}/cabinets/{cabinet}/inspections"] = new(Permissions.Read, BranchScoped: true),
        ["POST /api/branches/{branch}/cabinets/{cabinet}/inspections"] = new(Permissions.InspectCabinets, BranchScoped: true),
        ["GET /api/branches/{branch}/cabinets/{cabinet}/inspections/{id}"] = new(Permissions.Read, BranchScoped: true),
        ["POST /api/branches/{branch}/cabinets/{cabinet}/inspections/{id}/found"] = new(Permissions.InspectCabinets, BranchScoped: true),
        ["POST /api/branches/{branch}/cabinets/{cabinet}/inspections/{id}/complete"] = new(Permissions.InspectCabinets, BranchScoped: true),
        ["POST /api/branches/{branch}/cabinets/{cabinet}/inspections/{id}/abandon"] = new(Permissions.AbandonInspections, BranchScoped: true),
        // Imports: the branch the import is for (?branch=) is checked; a job of another branch is a 404 here (unknown id).
        ["POST /api/imports/"] = new(Permissions.ImportFiles, BranchScoped: true),
        ["GET /api/imports/{id}"] = new(Permissions.Read, BranchScoped: false),
        ["GET /api/imports/{id}/report"] = new(Permissions.Read, BranchScoped: false),
        // Borrowers: a branch's staff list, kept by its manager and head office.
        ["GET /api/branches/{branch}/staff/"] = new(Permissions.Read, BranchScoped: true),
        ["PUT /api/branches/{branch}/staff/{staffId}"] = new(Permissions.ManageStaff, BranchScoped: true),
        ["DELETE /api/branches/{branch}/staff/{staffId}"] = new(Permissions.ManageStaff, BranchScoped: true),
        // Everyone's own loans; another borrower's for managers (narrowed to loans held at their branch, not refused) and head office.
        ["GET /api/loans/mine"] = new(Permissions.Read, BranchScoped: false),
        ["GET /api/borrowers/{staffId}/loans"] = new(Permissions.ReadBorrowers, BranchScoped: false),
        // Purpose-bound access: branch staff of any branch ask (head office and auditors see every file already; staff
        // shown the file in full get a 409); managers of the file's branch and head office decide; an unknown request is a 404.
        ["POST /api/files/{id}/access-requests/"] = new(Permissions.RequestAccess, BranchScoped: false),
        ["POST /api/files/{id}/access-requests/emergency"] = new(Permissions.RequestAccess, BranchScoped: false),
        ["GET /api/files/{id}/access-requests/"] = new(Permissions.Read, BranchScoped: false),
        ["POST /api/files/{id}/access-requests/{requestId}/approve"] = new(Permissions.ApproveAccess, BranchScoped: true),
        ["POST /api/files/{id}/access-requests/{requestId}/refuse"] = new(Permissions.ApproveAccess, BranchScoped: true),
        ["POST /api/files/{id}/access-requests/{requestId}/review"] = new(Permissions.ApproveAccess, BranchScoped: true),
        ["POST /api/files/{id}/access-requests/{requestId}/withdraw"] = new(Permissions.RequestAccess, BranchScoped: false),
        ["GET /api/access-requests/mine"] = new(Permissions.Read, BranchScoped: false),
        // The operators' view of the cluster: admins only, like the Orleans Dashboard.
        ["GET /api/cluster"] = new(Permissions.Operate, BranchScoped: false),
    };

    private static readonly string[] Anonymous = ["/dev/token", "/health/live", "/health/ready", "/openapi/{documentName}.json", "/metrics",
        "/culture/set", "/signin/organisation"];

    /// <summary>The Orleans Dashboard's pages and data: operators (admins) only.</summary>
    private const string DashboardPrefix = "/dashboard";

    /// <summary>The browsable API reference (its page and script files): public, like the document it shows.</summary>
    private const string ReferencePrefix = "/reference";

    [Fact]
    public void Every_endpoint_has_a_rule_here_and_a_policy_in_the_app()
    {
        foreach (var (key, endpoint) in Endpoints())
        {
            if (Anonymous.Contains(endpoint.RoutePattern.RawText))
            {
                continue;
            }
            if (endpoint.RoutePattern.RawText!.StartsWith(ReferencePrefix, StringComparison.Ordinal))
            {
                Assert.NotEmpty(endpoint.Metadata.GetOrderedMetadata<IAllowAnonymous>());
                continue;
            }
            if (endpoint.RoutePattern.RawText!.StartsWith(DashboardPrefix, StringComparison.Ordinal))
            {
                Assert.Contains(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), data => data.Policy == Auth.ArchivePolicies.Operate);
                continue;
            }
            if (endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(data => data.Policy == WebApp.SignIn.StaffCookie.Policy))
            {
                // The staff web app (src/WebApp) behind its cookie sign-in: it reaches the archive only
                // through the endpoints above, with the user's token, so their rows cover it.
                continue;
            }
            Assert.True(Rules.ContainsKey(key), $"{key} has no row in the authorisation matrix.");
            Assert.Contains(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), data => !string.IsNullOrEmpty(data.Policy));
            Assert.Empty(endpoint.Metadata.GetOrderedMetadata<IAllowAnonymous>());
        }
        Assert.Equal(Rules.Keys.Order(), Endpoints().Select(e => e.Key).Where(Rules.ContainsKey).Order());
    }

    [Fact]
    public async Task Every_role_and_every_branch_gets_exactly_what_the_matrix_allows()
    {
        var api = fixture.Client;
        var home = await api.OpenBranchWithCabinet(capacity: 1000);
        var elsewhere = await api.OpenBranchWithCabinet();
        var fileId = (await api.RegisterFile(await api.Clerk(home), home)).GetProperty("id").GetString()!;
        var noticeId = await NoticeOf(api, home, elsewhere);
        var staff = new (string Name, StaffRoles Roles, string? Branch)[]
        {
            ("clerk", StaffRoles.Clerk, home), ("manager", StaffRoles.Manager, home),
            ("archivist", StaffRoles.Archivist, null), ("auditor", StaffRoles.Auditor, null), ("admin", StaffRoles.Admin, null),
            ("clerk-elsewhere", StaffRoles.Clerk, elsewhere), ("manager-elsewhere", StaffRoles.Manager, elsewhere),
        };
        var failures = new List<string>();
        foreach (var (key, _) in Endpoints().Where(e => Rules.ContainsKey(e.Key)))
        {
            var rule = Rules[key];
            foreach (var member in staff)
            {
                var token = await api.Token($"matrix.{member.Name}", [member.Name.Split('-')[0]], member.Branch);
                using var response = await Call(api, key, token, home, fileId, noticeId);
                var expectDenied = (member.Roles & rule.Allowed) == 0
                    || (rule.BranchScoped && member.Branch is not null && member.Branch != home);
                var denied = response.StatusCode == HttpStatusCode.Forbidden;
                if (denied != expectDenied || (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{key} as {member.Name}: {(int)response.StatusCode}, expected {(expectDenied ? "403" : "not 403")}");
                }
            }
        }
        Assert.Empty(failures);
    }

    /// <summary>What a branch that borrowed a file still reads of it once it has gone home: its own entries of these (issue 18 point 8).</summary>
    private static readonly string[] ReadByBorrowingBranch = ["GET /api/files/{id}/custody", "GET /api/files/{id}/loans"];

    /// <summary>Reads that answer anyone only what is their own (their access requests: none here), so are never refused.</summary>
    private static readonly string[] OwnOnly = ["GET /api/files/{id}/access-requests/"];

    [Fact]
    public async Task A_branch_that_borrowed_the_file_reads_its_custody_and_loans_once_it_is_home_and_no_other_part_of_it()
    {
        var api = fixture.Client;
        var (home, there) = (await api.OpenBranchWithCabinet(), await api.OpenBranchWithCabinet());
        var fileId = await Disclosure.BorrowingBranchDisclosureTests.RegisterLendable(api, home);
        await Disclosure.BorrowingBranchDisclosureTests.Journey(api, fileId, home, there, returned: true);
        var reads = Endpoints().Select(e => e.Key).Where(key => key.StartsWith("GET /api/files/{id}", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Superset(ReadByBorrowingBranch.ToHashSet(), reads.ToHashSet());
        var failures = new List<string>();
        foreach (var role in new[] { "clerk", "manager" })
        {
            var token = await api.Token($"matrix.borrower.{role}", [role], there);
            foreach (var key in reads)
            {
                using var response = await Call(api, key, token, there, fileId);
                var expected = ReadByBorrowingBranch.Contains(key) || OwnOnly.Contains(key) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
                if (response.StatusCode != expected)
                {
                    failures.Add($"{key} as {role} of the borrowing branch: {(int)response.StatusCode}, expected {(int)expected}");
                }
            }
        }
        Assert.Empty(failures);
    }

    private IEnumerable<(string Key, RouteEndpoint Endpoint)> Endpoints() =>
        fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => ($"{method} {e.RoutePattern.RawText}", e)));

    /// <summary>A notice to <paramref name="home"/>: a request from <paramref name="elsewhere"/> it must dispatch a file for.</summary>
    private static async Task<string> NoticeOf(ArchiveClient api, string home, string elsewhere)
    {
        var file = await Disclosure.BorrowingBranchDisclosureTests.RegisterLendable(api, home);
        await ArchiveClient.Expect(HttpStatusCode.OK, api.Post($"/api/files/{file}/requests", await api.Clerk(elsewhere),
            new { borrower = "matrix.reader", pickupBranch = elsewhere, purpose = "Matrix", days = 7 }));
        var notices = await ArchiveClient.Expect(HttpStatusCode.OK, api.Get($"/api/notifications?branch={home}&kind=DispatchRequested", await api.Clerk(home)));
        return notices.GetProperty("items")[0].GetProperty("id").GetString()!;
    }

    /// <summary>A well-formed request for the endpoint, so only authorisation decides a refusal.</summary>
    private static Task<HttpResponseMessage> Call(ArchiveClient api, string key, string token, string branch, string fileId, string? noticeId = null)
    {
        var unique = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var (method, pattern) = (key.Split(' ')[0], key.Split(' ')[1]);
        var path = (pattern.StartsWith("/api/notifications/notices/{id}", StringComparison.Ordinal) ? pattern.Replace("{id}", noticeId) : pattern)
            .Replace("{branch}", branch).Replace("{cabinet}", "C01").Replace("{id}", fileId)
            .Replace("{requestId}", Guid.NewGuid().ToString("D")).Replace("{repairId}", Guid.NewGuid().ToString("D"))
            .Replace("{index}", "0").Replace("{staffId}", "matrix.staff." + unique).Replace("{digest}", new string('0', 64)).TrimEnd('/');
        if (pattern.StartsWith("/api/inventory/files", StringComparison.Ordinal) || pattern.StartsWith("/api/notifications", StringComparison.Ordinal)
            || pattern.StartsWith("/api/inspections", StringComparison.Ordinal))
        {
            path += $"?branch={branch}";
        }
        if (pattern == "/api/access-log/")
        {
            path += $"?fileId={fileId}";
        }
        object? body = key switch
        {
            "POST /api/branches/" => new { code = "M" + unique, name = "Matrix" },
            "POST /api/branches/{branch}/cabinets" => new { code = "M" + unique, name = "Matrix", capacity = 10 },
            "POST /api/files/" => ArchiveClient.FileBody(branch),
            "POST /api/files/{id}/checkout" => ArchiveClient.Checkout(),
            "POST /api/files/{id}/return" => new { loanId = Guid.NewGuid().ToString(), condition = "Intact" },
            "PUT /api/branches/{branch}/cabinets/{cabinet}/custodian" => new { custodian = "chen.custodian" },
            "POST /api/files/{id}/requests" => new { borrower = "li.si", pickupBranch = branch, purpose = "Audit", days = 7 },
            "POST /api/files/{id}/dispatch" => new { reference = "EMS-1" },
            "POST /api/files/{id}/relocate" => new { branch, cabinet = "NOPE", reason = "Matrix" },
            "POST /api/files/{id}/reading-sessions" => new { reader = "auditor.ext", purpose = "Annual audit" },
            "POST /api/files/{id}/reading-requests/" => new { reader = "auditor.ext", purpose = "Annual audit", outsideParty = "Tax bureau", letterReference = "TB-1" },
            "POST /api/files/{id}/reading-requests/{requestId}/refuse" or "POST /api/files/{id}/copy-requests/{requestId}/refuse" => new { reason = "Matrix" },
            "POST /api/files/{id}/copy-requests/" => new { kind = "Photocopy", parts = new[] { new { documentIndex = 0, pages = "1" } }, copies = 1, purpose = "Matrix" },
            "POST /api/files/{id}/copy-requests/{requestId}/made" => new { notes = "" },
            "POST /api/notifications/subscriptions/" => new { branch, channel = "Email", target = "matrix@example.com" },
            "POST /api/files/{id}/reading-sessions/close" => new { sessionId = Guid.NewGuid().ToString(), notes = "" },
            "POST /api/files/{id}/receive" => new { notes = "" },
            "POST /api/files/{id}/transit/cancel" => new { reason = "Matrix" },
            "POST /api/files/{id}/missing" => new { note = "Matrix" },
            "POST /api/files/{id}/found" => new { note = "Matrix" },
            "POST /api/files/{id}/pickup" => new { requestId = Guid.NewGuid().ToString() },
            "POST /api/files/{id}/renew" => new { loanId = Guid.NewGuid().ToString(), days = 7 },
            "PUT /api/branches/{branch}/staff/{staffId}" => new { name = "Matrix", roles = new[] { "clerk" } },
            "POST /api/files/{id}/classification" => new { reason = "Matrix", importance = "Normal" },
            "POST /api/files/{id}/repairs" => new { damage = "Torn cover" },
            "POST /api/files/{id}/repairs/{repairId}/complete" => new { work = "Re-bound" },
            "POST /api/files/{id}/missing-documents/supplied" => new { titles = new[] { "ID copy" } },
            "POST /api/files/{id}/legal-hold" => new { reason = "Matrix" },
            "POST /api/files/{id}/destruction" => new { reason = "Matrix" },
            "POST /api/files/{id}/destruction/approvals" => new { requestId = Guid.NewGuid().ToString(), @as = "Manager" },
            "POST /api/notifications/notices/{id}/read" or "POST /api/notifications/notices/{id}/unread" => new { },
            "POST /api/files/{id}/destruction/execute" => new { requestId = Guid.NewGuid().ToString(), witnesses = new[] { "li.na", "chen.jie" } },
            "POST /api/branches/{branch}/cabinets/{cabinet}/inspections/{id}/found" => new { fileNumbers = new[] { 1 } },
            "POST /api/branches/{branch}/cabinets/{cabinet}/inspections/{id}/abandon" => new { reason = "Matrix" },
            "POST /api/files/{id}/access-requests/" or "POST /api/files/{id}/access-requests/emergency" => new { reason = "Matrix", hours = 1 },
            "POST /api/files/{id}/access-requests/{requestId}/approve" => new { hours = 1 },
            "POST /api/files/{id}/access-requests/{requestId}/refuse" or "POST /api/files/{id}/access-requests/{requestId}/review"
                or "POST /api/files/{id}/access-requests/{requestId}/withdraw" => new { note = "Matrix" },
            _ => null,
        };
        if (key == "POST /api/imports/")
        {
            return api.Send(HttpMethod.Post, $"{path}?branch={branch}", token,
                new StringContent($"客户名称,客户类型,柜号\nMatrix {unique},个人,C01\n", System.Text.Encoding.UTF8, "text/csv"));
        }
        return api.Send(new HttpMethod(method), path, token, body is null ? null : JsonContent.Create(body));
    }
}

using System.Diagnostics;
using BranchArchive.Contracts.Audit;

namespace BranchArchive.Api.Http;

/// <summary>Hands the request's trace id to every grain call it makes, for the audit log.</summary>
public static class RequestIdPropagation
{
    public static IApplicationBuilder UseRequestIdForGrains(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            RequestContext.Set(AuditContext.RequestIdKey, Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
            return next(context);
        });
}

using System.Security.Claims;
using BranchArchive.Api.Auth;
using BranchArchive.Contracts.Access;
using Microsoft.AspNetCore.Mvc;

namespace BranchArchive.Api.Apis;

/// <summary>What every archive handler needs: the grains, and who is asking.</summary>
public readonly struct ArchiveRequest
{
    public required IGrainFactory Grains { get; init; }

    public required ClaimsPrincipal User { get; init; }

    public Actor Actor => User.ToActor();
}

/// <summary>The same, for writes that take an Idempotency-Key.</summary>
public readonly struct ArchiveWrite
{
    public required IGrainFactory Grains { get; init; }

    public required ClaimsPrincipal User { get; init; }

    [FromHeader(Name = Http.IdempotencyKeys.Header)]
    public string? IdempotencyKey { get; init; }

    public Actor Actor => User.ToActor();
}

namespace BranchArchive.Grains.Imports;

/// <summary>
/// One customer identity key (<see cref="IdentityKeys"/>) and the file that claimed it first:
/// the archive's durable index for duplicate detection. One grain per key makes a claim atomic
/// (two imports racing for one customer: one wins) on either store, with no table of its own.
/// </summary>
public interface ICustomerIdentityGrain : IGrainWithStringKey
{
    /// <summary>Claims the key for <paramref name="fileId"/> if no file holds it; answers the holder (this file when it won or already held it).</summary>
    Task<IdentityClaim> Claim(string fileId, string source);

    /// <summary>Gives the key up if <paramref name="fileId"/> holds it (its registration was refused).</summary>
    Task Release(string fileId);
}

/// <param name="Source">Where the holder came from: <c>import {job} row {n}</c>, or <c>registration</c>.</param>
[GenerateSerializer, Immutable, Alias("identity-claim")]
public sealed record IdentityClaim([property: Id(0)] string FileId, [property: Id(1)] string Source);

using BranchArchive.Contracts;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Results;

namespace BranchArchive.Contracts.Branches;

/// <summary>
/// A locked cabinet, keyed by <see cref="CabinetKeys"/>. Holds the roster of files shelved in it
/// and refuses a file when full. Only its branch grain creates it and only file grains change
/// its roster, so calls flow one way and never cycle.
/// </summary>
public interface ICabinetGrain : IGrainWithStringKey
{
    /// <summary>Sets the cabinet up. Repeating it with the same values is harmless.</summary>
    Task<ArchiveResult<Cabinet>> Install(CreateCabinetCommand command);

    [SafeToRetry]
    Task<ArchiveResult<Cabinet>> Get(Actor actor);

    /// <summary>
    /// Reserves a place for the file. Idempotent per file id: a file already on the roster
    /// succeeds again without taking a second place.
    /// </summary>
    Task<ArchiveResult<Cabinet>> Shelve(string fileId);

    /// <summary>Gives up the file's place. Idempotent: a file not on the roster succeeds again.</summary>
    Task<ArchiveResult<Cabinet>> Release(string fileId);

    /// <summary>Names the cabinet's custodian (managers of its branch and head office); the history keeps every change.</summary>
    Task<ArchiveResult<Cabinet>> AssignCustodian(AssignCustodianCommand command, Actor actor);

    /// <summary>Whether the file is on this cabinet's roster.</summary>
    [SafeToRetry]
    Task<bool> Holds(string fileId);

    // Inspections

    /// <summary>The ids of the files on the roster; null when the cabinet does not exist.</summary>
    [SafeToRetry]
    Task<IReadOnlyList<string>?> Roster();

    /// <summary>
    /// Closes the cabinet to new files for the inspection (shelving answers 409 until it ends) and
    /// answers the roster, as one step so no file slips in between; null when no such cabinet.
    /// Idempotent; only the cabinet's inspection grain calls it.
    /// </summary>
    Task<IReadOnlyList<string>?> BeginInspection(string inspectionId);

    /// <summary>Opens the cabinet again after the inspection. Idempotent.</summary>
    Task EndInspection(string inspectionId);
}

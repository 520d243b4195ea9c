using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Files;
using BranchArchive.Grains.Imports;
using Microsoft.Extensions.Logging;

namespace BranchArchive.Grains.Files;

public sealed partial class CustomerFileGrain
{
    /// <summary>
    /// Records the new file in the customer identity index, so a later import finds it as a
    /// duplicate. A key another file holds stays with it (registration itself does not refuse
    /// duplicates); an import has claimed its keys before it registers, so this writes nothing then.
    /// </summary>
    private async Task RecordIdentityAsync(Customer customer)
    {
        foreach (var key in IdentityKeys.Of(customer))
        {
            try
            {
                await GrainFactory.GetGrain<ICustomerIdentityGrain>(key).Claim(Id, "registration");
            }
            catch (Exception exception)
            {
                LogIdentityNotRecorded(exception, Id); // the file stands; only a later import's duplicate check misses it
            }
        }
    }

    public async Task<bool> ShowsCustomerTo(Actor actor)
    {
        await _file.EnsureCurrentAsync();
        return _file.Exists && File.ShowsDetailsTo(actor) && Disclosure.ShowsCustomer(actor, File.Branch, File.Sensitivity);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "File {FileId} is registered but could not be recorded in the customer identity index")]
    private partial void LogIdentityNotRecorded(Exception exception, string fileId);
}

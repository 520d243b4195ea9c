namespace BranchArchive.Grains.Files;

/// <summary>The file also answers other grains' calls (<see cref="ICustomerFileInternal"/>); the API sees only <see cref="Contracts.Files.ICustomerFileGrain"/>.</summary>
public sealed partial class CustomerFileGrain : ICustomerFileInternal;

using System.Data;
using System.Data.Common;
using BranchArchive.Contracts.Storage;
using BranchArchive.Persistence.Serialization;
using Orleans.Storage;

namespace BranchArchive.Persistence.Changes;

/// <summary>
/// A change's row in Orleans' grain-state table, keyed as the ADO.NET provider keys it, so the
/// provider reads what the change stores write and the change stores update what it wrote.
/// </summary>
internal sealed record StateRow(string ServiceId, string StateName, long N0, long N1, string? Extension, int? ExpectedVersion, byte[] Payload)
{
    private static readonly ArchiveStateSerializer Serializer = new();

    /// <summary>The key the provider derives from a grain id (Orleans' AdoGrainKey): a key that reads as a GUID or a hex integer is stored as one.</summary>
    public static StateRow Of<TState>(string serviceId, StateChange<TState> change)
    {
        long n0 = 0, n1 = 0;
        string? extension;
        if (change.Grain.TryGetGuidKey(out var guid, out var guidExtension))
        {
            var bytes = guid.ToByteArray();
            (n0, n1, extension) = (BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8), guidExtension);
        }
        else if (change.Grain.TryGetIntegerKey(out var integer, out var integerExtension))
        {
            (n1, extension) = (integer, integerExtension);
        }
        else
        {
            extension = change.Grain.Key.ToString();
        }
        int? version = string.IsNullOrWhiteSpace(change.ETag) ? null : int.Parse(change.ETag, System.Globalization.CultureInfo.InvariantCulture);
        return new StateRow(serviceId, change.StateName, n0, n1, extension, version, Serializer.Serialize(change.State).ToArray());
    }

    /// <summary>The statement's parameters, named as the provider names them (hashes are unused by the queries: 0).</summary>
    public void Bind(DbParameterCollection parameters, Func<DbParameter> create)
    {
        Add(parameters, create, "@GrainIdHash", 0, DbType.Int32);
        Add(parameters, create, "@GrainTypeHash", 0, DbType.Int32);
        Add(parameters, create, "@GrainIdN0", N0, DbType.Int64);
        Add(parameters, create, "@GrainIdN1", N1, DbType.Int64);
        Add(parameters, create, "@GrainTypeString", StateName, DbType.String);
        Add(parameters, create, "@GrainIdExtensionString", Extension, DbType.String);
        Add(parameters, create, "@ServiceId", ServiceId, DbType.String);
        Add(parameters, create, "@GrainStateVersion", ExpectedVersion, DbType.Int32);
        Add(parameters, create, "@PayloadBinary", Payload, DbType.Binary);
    }

    /// <summary>What the provider throws when its write changed no row: the version read is not the stored one.</summary>
    public InconsistentStateException Clash() => new(
        $"Version conflict (WriteState): ServiceId={ServiceId} GrainType={StateName} GrainId={Extension ?? N1.ToString(System.Globalization.CultureInfo.InvariantCulture)} ETag={ExpectedVersion}.");

    private static void Add(DbParameterCollection parameters, Func<DbParameter> create, string name, object? value, DbType type)
    {
        var parameter = create();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        parameters.Add(parameter);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace BranchArchive.Persistence.Serialization;

/// <summary>
/// Stores grain state as plain JSON: camelCase names, enums by name, and no .NET type names, so
/// renaming a class, namespace or assembly never makes stored rows unreadable. The stored shape
/// is part of the archive's data contract; tests read rows written by earlier builds.
/// </summary>
public sealed class ArchiveStateSerializer : IGrainStorageSerializer
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input) =>
        JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)
        ?? throw new JsonException($"Stored state for {typeof(T).Name} is null.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            // Fields added later read as their defaults from older rows; unknown ones are skipped.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

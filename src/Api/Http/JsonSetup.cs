using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BranchArchive.Api.Http;

/// <summary>
/// The contract's JSON: camelCase, enums as one name each, numbers as JSON numbers (never a number
/// in quotes), timestamps in UTC with a Z. What the OpenAPI document types a field as is exactly
/// what is accepted, so generated clients and hand-written ones agree.
/// </summary>
public static class JsonSetup
{
    public static void Configure(JsonSerializerOptions options)
    {
        // The web defaults read "14" as 14; the contract's integers are integers.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new StrictEnumConverter());
        options.Converters.Add(new UtcTimestampConverter());
        options.AllowTrailingCommas = false;
    }

    private sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace BranchArchive.Api.Http;

/// <summary>
/// Enums as exactly one of their names. <see cref="JsonStringEnumConverter"/> also reads numbers
/// in quotes and comma lists ("Vip, Normal"), which the contract does not document and a client
/// should not come to rely on; those are refused here. Names are matched ignoring case, as before.
/// </summary>
public sealed class StrictEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
    {
        private static readonly string[] Names = Enum.GetNames<TEnum>();

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()) : throw Refused();

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());

        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Parse(reader.GetString());

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.ToString());

        private static TEnum Parse(string? text) =>
            Array.Find(Names, name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase)) is { } name
                ? Enum.Parse<TEnum>(name)
                : throw Refused();

        private static JsonException Refused() => new($"must be one of {string.Join(", ", Names)} (one name, as a string).");
    }
}

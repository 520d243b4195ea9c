using System.Text;
using System.Text.Json.Nodes;

namespace BranchArchive.Api.Tests.Security;

/// <summary>
/// Generates requests that are wrong by construction: every body carries at least one defect the
/// API must refuse (bad JSON, wrong type, unknown enum, missing required field, out-of-range
/// number, oversize or control-character string), and every odd path names nothing real.
/// Seeded, so a failure can be replayed.
/// </summary>
public sealed class MalformedRequestGenerator(int seed, string branch, string fileId)
{
    private readonly Random _random = new(seed);

    public (HttpMethod Method, string Path, string? Body) Next() => _random.Next(10) switch
    {
        0 => (HttpMethod.Get, OddPath(), null),
        1 => (HttpMethod.Post, OddPath(), RandomJson(3).ToJsonString()),
        2 => (HttpMethod.Post, Pick(WritePaths()), RandomBytesAsText()),
        3 => (HttpMethod.Post, Pick(WritePaths()), RandomJson(4).ToJsonString()),
        _ => MutatedValidRequest(),
    };

    private (HttpMethod, string, string?) MutatedValidRequest()
    {
        var (path, body, required) = Pick(ValidRequests());
        var defect = _random.Next(6);
        var field = Pick(required);
        if (defect == 2 && !field.EndsWith('!'))
        {
            defect = 1; // only numbers and enums (marked '!') have values out of range
        }
        field = field.TrimEnd('!');
        switch (defect)
        {
            case 0: Remove(body, field); break;
            case 1: Set(body, field, WrongTypeFor(Get(body, field))); break;
            case 2: Set(body, field, OutOfRange(Get(body, field))); break;
            case 3: Set(body, field, JsonValue.Create(new string('x', _random.Next(1_000, 300_000)))); break;
            case 4: Set(body, field, JsonValue.Create("bad\u0000\u0007\u001b" + OddText())); break;
            default:
                var text = body.ToJsonString();
                return (HttpMethod.Post, path, text[..(_random.Next(1, Math.Max(2, text.Length - 1)))]); // truncated JSON
        }
        // Odd but valid text elsewhere must not rescue or break anything.
        if (_random.Next(2) == 0 && body is JsonObject obj && !obj.ContainsKey("notes"))
        {
            obj["unexpected-" + _random.Next(100)] = OddText();
        }
        return (HttpMethod.Post, path, body.ToJsonString());
    }

    private IEnumerable<(string Path, JsonObject Body, string[] Required)> ValidRequests()
    {
        yield return ($"/api/files/{fileId}/checkout", new JsonObject { ["borrower"] = "a", ["purpose"] = "b", ["days"] = 5 }, ["borrower", "purpose", "days!"]);
        yield return ($"/api/files/{fileId}/return", new JsonObject { ["loanId"] = Guid.NewGuid().ToString(), ["condition"] = "Intact" }, ["condition!"]);
        yield return ("/api/branches", new JsonObject { ["code"] = "FZ" + _random.Next(1000, 9999), ["name"] = "Fuzz" }, ["code", "name"]);
        yield return ($"/api/branches/{branch}/cabinets", new JsonObject { ["code"] = "F" + _random.Next(1000), ["name"] = "Fuzz", ["capacity"] = 5 }, ["code", "name", "capacity!"]);
        yield return ("/api/files", new JsonObject
        {
            ["branch"] = branch, ["cabinet"] = "C01", ["importance"] = "Vip",
            ["customer"] = new JsonObject { ["name"] = "Fuzz", ["type"] = "Individual" },
        }, ["branch", "cabinet", "importance!", "customer"]);
    }

    private string[] WritePaths() =>
        [$"/api/files/{fileId}/checkout", $"/api/files/{fileId}/return", "/api/files", "/api/branches", $"/api/branches/{branch}/cabinets"];

    private string OddPath() => Pick(new[]
    {
        "/api/files/..%2F..%2Fetc%2Fpasswd", "/api/files/%00", "/api/files/" + new string('9', 5000), "/api/branches/" + Uri.EscapeDataString(OddText()),
        $"/api/files/{fileId}/checkout/../return", $"/api//files//{fileId}", "/api/files/%2e%2e/%2e%2e", $"/api/files/{fileId.ToUpperInvariant()}",
        "/api/branches/SH01/cabinets/" + Uri.EscapeDataString("C01' OR '1'='1"), "/api/files/" + Uri.EscapeDataString("{\"$ne\":null}"),
        "/api/audit?page=-1", "/api/audit?pageSize=100000", "/api/audit?from=yesterday", "/api/audit?branch=" + Uri.EscapeDataString(OddText()),
    });

    /// <summary>A negative number for a number, an unknown name for a string.</summary>
    private JsonNode OutOfRange(JsonNode? current) =>
        current is JsonValue value && value.TryGetValue<int>(out _)
            ? JsonValue.Create(-_random.Next(1, int.MaxValue))
            : JsonValue.Create("NotAKnownValue" + _random.Next());

    private JsonNode WrongTypeFor(JsonNode? current) => current switch
    {
        JsonValue v when v.TryGetValue<string>(out _) => _random.Next(2) == 0 ? JsonValue.Create(_random.Next()) : new JsonArray("a", 1),
        JsonObject => JsonValue.Create("not an object"),
        _ => new JsonObject { ["nested"] = true },
    };

    private JsonNode RandomJson(int depth) => (_random.Next(depth <= 0 ? 4 : 6)) switch
    {
        0 => JsonValue.Create(_random.Next(int.MinValue, int.MaxValue)),
        1 => JsonValue.Create(OddText()),
        2 => JsonValue.Create(_random.Next(2) == 0),
        3 => JsonValue.Create(_random.NextDouble() * 1e300),
        4 => new JsonArray(Enumerable.Range(0, _random.Next(4)).Select(_ => (JsonNode?)RandomJson(depth - 1)).ToArray()),
        _ => new JsonObject(Enumerable.Range(0, _random.Next(5)).Select(i => KeyValuePair.Create("k" + i + OddText()[..1], (JsonNode?)RandomJson(depth - 1)))),
    };

    private string RandomBytesAsText()
    {
        var bytes = new byte[_random.Next(1, 2000)];
        _random.NextBytes(bytes);
        return Encoding.Latin1.GetString(bytes);
    }

    private string OddText() => Pick(new[]
    {
        "ﾃｽﾄ", "\u202Eevil\u202C", "😀🙃", "Ａ１２３", "'; DROP TABLE AuditLog; --", "<script>alert(1)</script>", "\\u0000", "%s%n%x",
        "null", "../../", new string('長', 300), "\uFEFF", "a\tb",
    });

    private static JsonNode? Get(JsonObject body, string field) => body[field];

    private static void Set(JsonObject body, string field, JsonNode? value) => body[field] = value;

    private static void Remove(JsonObject body, string field) => body.Remove(field);

    private T Pick<T>(IEnumerable<T> items)
    {
        var list = items as IList<T> ?? items.ToList();
        return list[_random.Next(list.Count)];
    }
}

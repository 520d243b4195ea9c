using System.Text.RegularExpressions;

namespace BranchArchive.Contracts.Validation;

/// <summary>Collects per-field errors in the shape of RFC 9457 validation problems.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
    }

    public void RequiredText(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required.");
            return;
        }
        OptionalText(field, value, maxLength);
    }

    public void OptionalText(string field, string? value, int maxLength)
    {
        if (value is null)
        {
            return;
        }
        if (value.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters.");
        }
        if (value.Any(char.IsControl))
        {
            Add(field, "must not contain control characters.");
        }
    }

    public void Pattern(string field, string? value, Regex pattern, string description)
    {
        if (value is null || !pattern.IsMatch(value))
        {
            Add(field, $"must be {description}.");
        }
    }

    public void Range(string field, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            Add(field, $"must be between {min} and {max}.");
        }
    }

    public void Required<T>(string field, T? value) where T : struct
    {
        if (value is null)
        {
            Add(field, "is required.");
        }
    }

    public void Defined<TEnum>(string field, TEnum? value) where TEnum : struct, Enum
    {
        if (value is { } v && !Enum.IsDefined(v))
        {
            Add(field, $"must be one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        }
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}

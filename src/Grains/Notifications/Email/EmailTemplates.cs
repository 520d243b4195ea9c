using System.Globalization;
using System.Text;
using System.Text.Json;
using BranchArchive.Contracts.Notifications;

namespace BranchArchive.Grains.Notifications.Email;

/// <summary>A message's wording: its subject and plain-text body.</summary>
public sealed record EmailText(string Subject, string Body);

/// <summary>
/// The e-mail wording, read from one file per language (Templates/en.json, Templates/zh-CN.json,
/// embedded in the assembly): a subject, body and digest line per notice kind, and a generic wording
/// for a kind without its own entry, so a new kind is sent, in the recipient's language, before
/// anyone writes its words. Dates are shown in <paramref name="zone"/> with the language's own
/// format; the silos run without culture data (invariant globalization), so formats are spelled out.
/// </summary>
public sealed class EmailTemplates(TimeZoneInfo zone)
{
    public const string English = "en";
    public const string Chinese = "zh-CN";
    public const string Generic = "Generic";

    private static readonly IReadOnlyDictionary<string, LanguageTemplates> Languages = new Dictionary<string, LanguageTemplates>(StringComparer.OrdinalIgnoreCase)
    {
        [English] = Load(English),
        [Chinese] = Load(Chinese),
    };

    /// <summary>The languages a subscription may choose.</summary>
    public static IReadOnlyCollection<string> Known => Languages.Keys.ToList();

    /// <summary>The language's wording; an unknown language gets English.</summary>
    public static LanguageTemplates For(string? language) =>
        language is not null && Languages.TryGetValue(language, out var templates) ? templates : Languages[English];

    /// <summary>One notice, one message.</summary>
    public EmailText Notice(string language, NoticeMessage notice)
    {
        var templates = For(language);
        var kind = templates.KindOf(notice.Type);
        var values = ValuesOf(templates, notice);
        var body = new StringBuilder();
        foreach (var line in kind.Body.Concat(templates.Footer))
        {
            body.AppendLine(Fill(line, values));
        }
        return new EmailText(Fill(kind.Subject, values), body.ToString());
    }

    /// <summary>
    /// A daily digest: one line per notice (at most <paramref name="listed"/>, then how many more),
    /// for the subscription's branch, or every branch (<paramref name="branch"/> null, head office).
    /// </summary>
    public EmailText Digest(string language, string? branch, DateTimeOffset day, IReadOnlyList<NoticeMessage> notices, int listed = 200)
    {
        var templates = For(language);
        var digest = templates.Digest;
        var scope = branch is null ? digest.AllBranches : Fill(digest.OneBranch, new() { ["branch"] = branch });
        var values = new Dictionary<string, string>
        {
            ["scope"] = scope, ["count"] = notices.Count.ToString(CultureInfo.InvariantCulture), ["date"] = DateOf(templates, day),
        };
        var body = new StringBuilder();
        foreach (var line in digest.Intro)
        {
            body.AppendLine(Fill(line, values));
        }
        foreach (var notice in notices.Take(listed))
        {
            var line = Fill(templates.KindOf(notice.Type).Line, ValuesOf(templates, notice));
            body.AppendLine(branch is null ? $"- [{notice.Branch}] {line}" : $"- {line}");
        }
        if (notices.Count > listed)
        {
            body.AppendLine(Fill(digest.More, new() { ["count"] = (notices.Count - listed).ToString(CultureInfo.InvariantCulture) }));
        }
        foreach (var line in digest.Footer)
        {
            body.AppendLine(Fill(line, values));
        }
        return new EmailText(Fill(digest.Subject, values), body.ToString());
    }

    private Dictionary<string, string> ValuesOf(LanguageTemplates templates, NoticeMessage notice)
    {
        var values = new Dictionary<string, string>
        {
            ["fileNumber"] = notice.FileNumber?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["branch"] = notice.Branch,
            ["cabinet"] = notice.Cabinet ?? "",
            ["borrower"] = notice.Borrower ?? "",
            ["dueDate"] = DateOf(templates, notice.DueAt),
            ["noticeId"] = notice.Id,
        };
        values["kind"] = templates.Kinds.TryGetValue(notice.Type, out var own) ? own.Name : notice.Type;
        values["about"] = Fill(notice.FileNumber is not null ? templates.AboutFile : notice.Cabinet is not null ? templates.AboutCabinet : templates.AboutBranch, values);
        return values;
    }

    private string DateOf(LanguageTemplates templates, DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString(templates.DateFormat, CultureInfo.InvariantCulture);

    /// <summary>Replaces each <c>{name}</c> by its value; unknown names stay as written, so a typo shows.</summary>
    private static string Fill(string template, Dictionary<string, string> values)
    {
        var text = new StringBuilder(template);
        foreach (var (name, value) in values)
        {
            text.Replace("{" + name + "}", value);
        }
        return text.ToString();
    }

    private static LanguageTemplates Load(string language)
    {
        var name = $"BranchArchive.Email.{language}.json";
        using var stream = typeof(EmailTemplates).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The e-mail templates {name} are not embedded in {typeof(EmailTemplates).Assembly.GetName().Name}.");
        var templates = JsonSerializer.Deserialize<LanguageTemplates>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"The e-mail templates {name} are empty.");
        return templates.Kinds.ContainsKey(Generic)
            ? templates
            : throw new InvalidOperationException($"The e-mail templates {name} lack the {Generic} wording that kinds without their own use.");
    }
}

/// <summary>One language's wording, as written in Templates/{language}.json.</summary>
public sealed record LanguageTemplates(
    string DateFormat, string AboutFile, string AboutCabinet, string AboutBranch, IReadOnlyList<string> Footer,
    IReadOnlyDictionary<string, KindTemplate> Kinds, DigestTemplate Digest)
{
    /// <summary>The kind's own wording, or the generic one.</summary>
    public KindTemplate KindOf(string type) => Kinds.TryGetValue(type, out var own) ? own : Kinds[EmailTemplates.Generic];
}

public sealed record KindTemplate(string Name, string Subject, IReadOnlyList<string> Body, string Line);

public sealed record DigestTemplate(
    string Subject, IReadOnlyList<string> Intro, string More, string AllBranches, string OneBranch, IReadOnlyList<string> Footer);

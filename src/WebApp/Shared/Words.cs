using Microsoft.Extensions.Localization;

namespace BranchArchive.WebApp.Shared;

/// <summary>
/// The users' words for the values the API answers by name (file status, importance, customer
/// type, inspection state, custody action...), shared by the head-office pages so each value has
/// one name everywhere (the glossary's). Unknown names are shown as the API wrote them.
/// </summary>
public sealed class Words(IStringLocalizer<Words> text)
{
    public string this[Enum value] => text[value.ToString()];

    public string this[string name] => text[name];
}

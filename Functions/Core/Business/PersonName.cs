namespace FollowUp.Core;

/// <summary>How a person's name is used in the words sent to people.</summary>
internal static class PersonName
{
    /// <summary>The first word of a name ("Lee" of "Lee Park"): what texts call people, staff and prospects alike.</summary>
    public static string First(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : name;
}

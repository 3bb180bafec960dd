using System.Text.RegularExpressions;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Structure;

/// <summary>
/// The layers, read from the sources: features stand on Core and Storage and never on each other (one
/// feature reaches another only through an interface Core defines), Core stands on Storage alone, and
/// Storage on nothing. A folder uses another when one of its files has <c>using FollowUp.X;</c>, a
/// <c>FollowUp.X.</c> name, or <c>X.Type</c> for a type declared in folder X.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class FolderDependencyTests
{
    private static readonly string Root = Path.Combine(Published.RepoRoot, "Functions");

    /// <summary>What each layer may use; a feature folder may use these and nothing else.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Storage"] = [],
        ["Core"] = ["Storage"],
    };

    private static readonly string[] Base = ["Core", "Storage"];

    [Fact]
    public void No_two_folders_use_each_other()
    {
        var uses = Uses();

        var pairs = (from a in uses.Keys from b in uses[a].Keys where string.CompareOrdinal(a, b) < 0 && uses.TryGetValue(b, out var back) && back.ContainsKey(a)
                     select $"{a} <-> {b}: {string.Join(", ", uses[a][b].Concat(uses[b][a]).Distinct().Order())}").ToList();

        Assert.True(pairs.Count == 0, "Folders that use each other:\n" + string.Join("\n", pairs));
    }

    [Fact]
    public void Features_use_only_core_and_storage_and_core_only_storage()
    {
        var uses = Uses();

        var wrong = (from folder in uses.Keys
                     from used in uses[folder]
                     let allowed = Allowed.TryGetValue(folder, out var layer) ? layer : Base
                     where !allowed.Contains(used.Key) && folder != "Hosting"
                     select $"{folder} uses {used.Key}: {string.Join(", ", used.Value.Order())}").ToList();

        Assert.True(wrong.Count == 0, "Uses across the layers (reach another feature through an interface in Core):\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void A_feature_that_reached_into_another_would_be_named()
    {
        var uses = Uses(extra: ("Intake/Probe.cs", "namespace FollowUp.Intake;\ninternal static class Probe { public static object Use() => Leads.LeadImporter.MaxRows; }"));

        Assert.Contains("Intake/Probe.cs", uses["Intake"]["Leads"]);
    }

    /// <summary>For each top folder, the folders it uses and the files that do.</summary>
    private static Dictionary<string, Dictionary<string, HashSet<string>>> Uses(params (string Path, string Text)[] extra)
    {
        var folders = Directory.GetDirectories(Root).Select(Path.GetFileName).OfType<string>()
            .Where(d => d is not ("bin" or "obj" or "Properties" or "wwwroot")).ToHashSet(StringComparer.Ordinal);
        var files = folders.SelectMany(folder => Directory.GetFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories)
                .Select(path => (Folder: folder, Path: Path.GetRelativePath(Root, path).Replace('\\', '/'), Text: File.ReadAllText(path))))
            .Concat(extra.Select(e => (Folder: e.Path.Split('/')[0], e.Path, e.Text)))
            .Select(f => (f.Folder, f.Path, Text: Code(f.Text)))
            .ToList();
        var declared = files.SelectMany(f => Declaration().Matches(f.Text).Select(m => (f.Folder, Type: m.Groups["name"].Value)))
            .GroupBy(d => d.Folder).ToDictionary(g => g.Key, g => g.Select(d => d.Type).ToHashSet(StringComparer.Ordinal));

        var uses = new Dictionary<string, Dictionary<string, HashSet<string>>>(StringComparer.Ordinal);
        foreach (var (folder, path, text) in files)
        {
            foreach (Match match in Reference().Matches(text))
            {
                var other = match.Groups["ns"].Success ? match.Groups["ns"].Value : match.Groups["folder"].Value;
                var counts = match.Groups["ns"].Success
                    || (declared.TryGetValue(other, out var types) && types.Contains(match.Groups["type"].Value));
                if (counts && other != folder && folders.Contains(other))
                {
                    var byFolder = uses.TryGetValue(folder, out var found) ? found : uses[folder] = new(StringComparer.Ordinal);
                    (byFolder.TryGetValue(other, out var paths) ? paths : byFolder[other] = []).Add(path);
                }
            }
        }

        return uses;
    }

    /// <summary>The code alone: comments and string contents removed (a doc comment naming another feature is no dependency).</summary>
    private static string Code(string text) => Strings().Replace(Comments().Replace(text, ""), "\"\"");

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"\bFollowUp\.(?<ns>[A-Z]\w*)\b|(?<![.\w])(?<folder>[A-Z]\w*)\.(?<type>[A-Z]\w*)")]
    private static partial Regex Reference();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"@""(?:""""|[^""])*""|""(?:\\.|[^""\\\n])*""")]
    private static partial Regex Strings();
}

using System.Text.RegularExpressions;
using FollowUp.Hosting;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Deployment;

/// <summary>
/// The documentation keeps up with the app: every HTTP route is in docs/api.md, the README stays short
/// enough to lead, and no relative link in the README or docs/ points at a file that does not exist.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class DocsCatalogTests
{
    private const int ReadmeMaxLines = 400;

    [Fact]
    public void Every_http_route_the_app_serves_is_in_the_api_doc()
    {
        var api = File.ReadAllText(Path.Combine(Published.RepoRoot, "docs", "api.md"));

        Assert.NotEmpty(FunctionCatalog.Http);
        Assert.All(FunctionCatalog.Http, function => Assert.StartsWith($"/{FunctionCatalog.RoutePrefix}/", function.Route, StringComparison.Ordinal));
        string[] missing = [.. FunctionCatalog.Http
            .Where(function => !api.Contains($"`{function.Route}`", StringComparison.Ordinal))
            .Select(function => $"{function.Name} {function.Route}")
            .Order(StringComparer.Ordinal)];
        Assert.Equal([], missing);
    }

    [Fact]
    public void The_readme_is_at_most_400_lines()
    {
        var lines = File.ReadAllLines(Path.Combine(Published.RepoRoot, "README.md")).Length;

        Assert.True(lines <= ReadmeMaxLines, $"README.md has {lines} lines; keep it to {ReadmeMaxLines} and move detail to docs/.");
    }

    [Fact]
    public void Every_relative_link_in_the_readme_and_docs_points_to_a_file_that_exists()
    {
        var root = Published.RepoRoot;
        var documents = Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Prepend(Path.Combine(root, "README.md")).ToList();

        Assert.Contains(documents, d => d.EndsWith(Path.Combine("docs", "api.md"), StringComparison.Ordinal));
        string[] broken = [.. from document in documents
                              from Match link in MarkdownLink().Matches(File.ReadAllText(document))
                              let target = link.Groups["target"].Value
                              where !IsExternal(target)
                              let path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, Uri.UnescapeDataString(target.Split('#')[0])))
                              where target.Split('#')[0].Length > 0 && !File.Exists(path) && !Directory.Exists(path)
                              select $"{Path.GetRelativePath(root, document)}: {target}"];
        Assert.Equal([], broken);
    }

    private static bool IsExternal(string target) =>
        target.StartsWith('#') || Regex.IsMatch(target, "^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase);

    /// <summary>An inline Markdown link or image: <c>[text](target)</c> or <c>[text](target "title")</c>.</summary>
    [GeneratedRegex(@"\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex MarkdownLink();
}

using System.Text.Json;

namespace FollowUp.Tests.Fixtures;

/// <summary>The settings a launch profile of <c>Functions/Properties/launchSettings.json</c> gives <c>dotnet run</c>, as configuration keys.</summary>
public static class LaunchProfile
{
    public static Dictionary<string, string?> Settings(string profile)
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(Published.RepoRoot, "Functions", "Properties", "launchSettings.json")));
        return file.RootElement.GetProperty("profiles").GetProperty(profile).GetProperty("environmentVariables").EnumerateObject()
            .Where(variable => variable.Name != "ASPNETCORE_ENVIRONMENT")
            .ToDictionary(variable => variable.Name.Replace("__", ":", StringComparison.Ordinal), variable => (string?)variable.Value.GetString());
    }
}

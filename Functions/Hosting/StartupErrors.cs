using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace FollowUp.Hosting;

/// <summary>
/// A setting that makes no sense stops the app with one line naming it, on standard error, and exit
/// code 1: no stack trace for a person to dig through, and a failed start the host or a script can see.
/// </summary>
internal static partial class StartupErrors
{
    /// <summary>Checks every setting validated at start now, before the host starts (and logs a stack trace).</summary>
    public static void ValidateSettings(IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();

    public static int Run(Action run)
    {
        try
        {
            run();
            return 0;
        }
        catch (Exception ex) when (SettingProblems(ex) is { Count: > 0 } problems)
        {
            Report(problems);
            return 1;
        }
        catch (StartupProblem problem)
        {
            Report([problem.Message]);
            return 1;
        }
    }

    /// <summary>The one line on standard error.</summary>
    public static void Report(IEnumerable<string> problems) =>
        Console.Error.WriteLine("FollowUp cannot start: " + string.Join(" ", problems.Select(p => p.ReplaceLineEndings(" "))));

    /// <summary>The failures of every options validation in <paramref name="exception"/>; empty when anything else failed.</summary>
    public static List<string> SettingProblems(Exception exception)
    {
        var failures = exception is AggregateException all ? all.Flatten().InnerExceptions : [exception];
        return failures.All(f => f is OptionsValidationException)
            ? [.. failures.Cast<OptionsValidationException>().SelectMany(f => f.Failures).Select(Named)]
            : [];
    }

    /// <summary>A data-annotation failure, named by its setting: <c>FollowUp:Intake:PermitsPerMinute: The field … must be between 1 and 100000.</c></summary>
    private static string Named(string failure)
    {
        var match = DataAnnotationFailure().Match(failure);
        if (!match.Success)
        {
            return failure;
        }

        var section = typeof(StartupErrors).Assembly.GetTypes()
            .FirstOrDefault(t => t.Name == match.Groups["type"].Value)?
            .GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string;
        var error = match.Groups["error"].Value;
        var member = match.Groups["member"].Value;
        var setting = section is null || member.Contains(':', StringComparison.Ordinal) ? member : $"{section}:{member}";
        return error.StartsWith(setting, StringComparison.Ordinal) ? error : $"{setting}: {error}";
    }

    [GeneratedRegex(@"^DataAnnotation validation failed for '(?<type>\w+)' members: '(?<member>[^']+)' with the error: '(?<error>.*)'\.$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();
}

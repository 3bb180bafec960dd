namespace FollowUp.Hosting.Local;

/// <summary>A provider command that cannot be made as asked, said in words that name the fix.</summary>
internal sealed class CommandProblem(string message) : Exception(message);

namespace FollowUp.Core;

/// <summary>
/// The refusals an HTTP function answers with RFC 9457 problem details (<c>application/problem+json</c>,
/// with <c>errors</c> per field on a 422). The description adds those its caller's check gives (401 for
/// staff, 403 for a webhook) and 503 (storage down, or settings that need fixing) to every function.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ApiProblemsAttribute(params int[] statuses) : Attribute
{
    public IReadOnlyList<int> Statuses => statuses;
}

namespace FollowUp.Core;

/// <summary>
/// An answer an HTTP function gives that is not a problem: its status, and the type whose JSON schema
/// its body has (none for an empty body, or for content described by <see cref="ContentType"/> alone).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class ApiResponseAttribute(int status, Type? body = null) : Attribute
{
    public int Status => status;

    public Type? Body => body;

    /// <summary>The body's content type: <c>application/json</c> when a <see cref="Body"/> is given, else none unless set.</summary>
    public string? ContentType { get; set; }

    /// <summary>When it is given; the status's reason phrase if not set (the first of a status's responses gives it).</summary>
    public string? Description { get; set; }
}

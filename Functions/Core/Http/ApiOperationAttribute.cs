namespace FollowUp.Core;

/// <summary>
/// The OpenAPI description of an HTTP function, beside its <c>[Function]</c>: what it does, who may call
/// it, and what it takes. <see cref="ApiResponseAttribute"/> and <see cref="ApiProblemsAttribute"/> say
/// what it answers. <c>/api/openapi.json</c> is built from these and the function's trigger.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ApiOperationAttribute(string summary, ApiCaller caller = ApiCaller.Anyone) : Attribute
{
    public string Summary => summary;

    public ApiCaller Caller => caller;

    /// <summary>The request body's type: its JSON schema is the body's, in each of <see cref="Consumes"/>.</summary>
    public Type? Body { get; set; }

    /// <summary>The body's content types; <c>application/json</c> when only <see cref="Body"/> is given.</summary>
    public string[] Consumes { get; set; } = [];

    /// <summary>The query parameters it reads (all optional strings), as <c>name: what it means</c>.</summary>
    public string[] Query { get; set; } = [];
}

using Microsoft.AspNetCore.Http.HttpResults;

namespace FollowUp.Core;

/// <summary>The one shape of every 422: RFC 9457 problem details with <c>errors</c>, field name → messages.</summary>
internal static class FieldProblems
{
    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Some fields need fixing",
            Detail = "See errors for what is wrong with each field.",
        });
}

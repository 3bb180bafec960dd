using System.Net.Mail;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace FollowUp.Privacy;

internal static class PrivacyApi
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public static async Task<Results<Ok<ErasureReport>, ProblemHttpResult>> Erase(
        ErasureRequest request, HttpContext http, StaffDirectory directory, Erasure erasure, IOptions<BusinessOptions> business, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        if (!await directory.IsManagerAsync(caller.Id, cancellationToken))
        {
            return TypedResults.Problem("Only managers erase people's data.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        var errors = new Dictionary<string, string[]>();
        var phone = string.IsNullOrWhiteSpace(request.Phone) ? null : E164(request.Phone, business.Value.DefaultRegion);
        if (request.Phone is { Length: > 0 } && phone is null)
        {
            errors["phone"] = [$"Not a valid phone number. Include the country code if it is outside {business.Value.DefaultRegion}."];
        }

        var email = string.IsNullOrWhiteSpace(request.Email) ? null
            : MailAddress.TryCreate(request.Email.Trim(), out var address) && address.DisplayName.Length == 0 ? $"{address.User}@{address.Host.ToLowerInvariant()}" : null;
        if (request.Email is { Length: > 0 } && email is null)
        {
            errors["email"] = ["Not a valid email address."];
        }

        if (errors.Count == 0 && phone is null && email is null)
        {
            errors["phone"] = errors["email"] = ["Give the person's phone number, email address, or both."];
        }

        if (errors.Count > 0)
        {
            return FieldProblems.Invalid(errors);
        }

        return TypedResults.Ok(await erasure.EraseAsync(phone, email, caller.Name, cancellationToken));
    }

    private static string? E164(string value, string region)
    {
        try
        {
            var number = Phones.Parse(value, region);
            return Phones.IsValidNumber(number) ? Phones.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}

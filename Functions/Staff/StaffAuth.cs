using Azure.Data.Tables;
using FollowUp.Hosting;
using FollowUp.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FollowUp.Staff;

/// <summary>
/// Who is calling the staff API: <c>Authorization: Bearer &lt;staff API key&gt;</c>, matched by its hash;
/// or, under the Functions host with App Service authentication, the signed-in principal
/// (<c>X-MS-CLIENT-PRINCIPAL-NAME</c>, matched to a staff email). Anyone else gets 401.
/// </summary>
internal static class StaffAuth
{
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL-NAME";
    private const string ItemKey = "followup.staff";

    public static StaffEntity Caller(this HttpContext context) => (StaffEntity)context.Items[ItemKey]!;

    /// <summary>Marks endpoints (or a group) as staff-only; <see cref="UseStaffAuth"/> enforces it.</summary>
    public static TBuilder RequireStaff<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(StaffOnly.Instance);

    /// <summary>
    /// Checks the caller of a staff-only endpoint before the endpoint runs, so a request without a valid
    /// key gets 401 before its body is read or bound (an unauthenticated caller learns nothing about
    /// what the body should be).
    /// </summary>
    public static IApplicationBuilder UseStaffAuth(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<StaffOnly>() is not null)
        {
            var staff = await FindAsync(http, http.RequestServices.GetRequiredService<FollowUpStorage>());
            if (staff is null)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                await TypedResults.Problem("Send your staff API key as 'Authorization: Bearer <key>'.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized")
                    .ExecuteAsync(http);
                return;
            }

            http.Items[ItemKey] = staff;
        }

        await next(http);
    });

    private static async Task<StaffEntity?> FindAsync(HttpContext http, FollowUpStorage storage)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header[7..].Trim() is { Length: > 0 } key)
        {
            var hash = StaffEntity.HashKey(key);
            await foreach (var member in storage.Staff.QueryAsync<StaffEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {StaffEntity.Partition} and ApiKeyHash eq {hash}"), cancellationToken: http.RequestAborted))
            {
                return member;
            }

            return null;
        }

        // App Service authentication sets this header only on requests it has authenticated, and the
        // Functions host is then the only caller; in standalone mode anyone could send it.
        if (http.RequestServices.GetRequiredService<HostingMode>().IsCustomHandler
            && http.Request.Headers[PrincipalHeader].ToString() is { Length: > 0 } principal)
        {
            await foreach (var member in storage.Staff.QueryAsync<StaffEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {StaffEntity.Partition}"), cancellationToken: http.RequestAborted))
            {
                if (string.Equals(member.Email, principal, StringComparison.OrdinalIgnoreCase))
                {
                    return member;
                }
            }
        }

        return null;
    }
}

/// <summary>Endpoint metadata: only staff may call this.</summary>
internal sealed class StaffOnly
{
    public static readonly StaffOnly Instance = new();
}

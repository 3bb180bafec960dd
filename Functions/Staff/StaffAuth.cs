using Azure.Data.Tables;
using FollowUp.Hosting;
using FollowUp.Storage;

namespace FollowUp.Staff;

/// <summary>
/// Who is calling the staff API: <c>Authorization: Bearer &lt;staff API key&gt;</c>, matched by its hash;
/// or, under the Functions host with App Service authentication, the signed-in principal
/// (<c>X-MS-CLIENT-PRINCIPAL-NAME</c>, matched to a staff email). Anyone else gets 401.
/// </summary>
internal sealed class StaffAuth(FollowUpStorage storage, HostingMode mode)
{
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL-NAME";
    internal const string ItemKey = "followup.staff";

    /// <summary>
    /// The guard of every staff-only function: a request without a valid credential gets 401 before its
    /// body is read or bound (an unauthenticated caller learns nothing about what the body should be).
    /// </summary>
    public async ValueTask<IResult?> RequireStaffAsync(HttpContext http)
    {
        if (await FindAsync(http) is not { } staff)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem("Send your staff API key as 'Authorization: Bearer <key>'.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        http.Items[ItemKey] = staff;
        return null;
    }

    private async Task<StaffEntity?> FindAsync(HttpContext http)
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
        if (mode.IsFunctionsHost && http.Request.Headers[PrincipalHeader].ToString() is { Length: > 0 } principal)
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

internal static class StaffCaller
{
    /// <summary>The staff member <see cref="StaffAuth.RequireStaffAsync"/> let through.</summary>
    public static StaffEntity Caller(this HttpContext context) => (StaffEntity)context.Items[StaffAuth.ItemKey]!;
}

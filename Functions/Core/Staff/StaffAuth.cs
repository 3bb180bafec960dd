using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.Core;

/// <summary>
/// Who is calling the staff API: <c>Authorization: Bearer &lt;staff API key&gt;</c>, matched by its hash;
/// or, under the Functions host with App Service Authentication on, the signed-in user in
/// <c>X-MS-CLIENT-PRINCIPAL</c>, matched on provider and object id (<see cref="PlatformPrincipal"/>).
/// Anyone else gets 401.
/// </summary>
/// <remarks>
/// The platform header is believed only when App Service says authentication is on
/// (<c>WEBSITE_AUTH_ENABLED=True</c>): then its front end removes any <c>X-MS-*</c> header a caller sent
/// and writes its own. Without it, or in standalone mode, the header is anyone's to forge and is ignored.
/// A signed-in browser sends its session cookie with every request, so a call that changes something
/// must also come from one of the app's own origins (<c>Origin</c>), or another site could make it.
/// </remarks>
internal sealed class StaffAuth(FollowUpStorage storage, StaffSeeder seeder, HostingMode mode, IConfiguration configuration, IOptions<StaffOptions> options)
{
    internal const string ItemKey = "followup.staff";

    private readonly bool _platformSignIn = mode.IsFunctionsHost && string.Equals(configuration["WEBSITE_AUTH_ENABLED"], "true", StringComparison.OrdinalIgnoreCase);

    private readonly string[] _origins =
    [
        .. configuration["WEBSITE_HOSTNAME"] is { Length: > 0 } host ? [$"https://{host}"] : Array.Empty<string>(),
        .. options.Value.StaffOrigins.Select(o => new Uri(o).GetLeftPart(UriPartial.Authority)),
    ];

    /// <summary>
    /// The guard of every staff-only function: a request without a valid credential gets 401 before its
    /// body is read or bound (an unauthenticated caller learns nothing about what the body should be).
    /// </summary>
    public async ValueTask<IResult?> RequireStaffAsync(HttpContext http)
    {
        var (staff, bySession) = await FindAsync(http);
        if (staff is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem("Send your staff API key as 'Authorization: Bearer <key>'.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        if (bySession && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !FromOwnOrigin(http.Request))
        {
            return TypedResults.Problem(
                "A signed-in browser may change things only from this app's own pages (the request's Origin is not one of them).",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        http.Items[ItemKey] = staff;
        return null;
    }

    private async Task<(StaffEntity? Staff, bool BySession)> FindAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header[7..].Trim() is { Length: > 0 } key)
        {
            return (await FindOneAsync($"PartitionKey eq {StaffEntity.Partition} and ApiKeyHash eq {StaffEntity.HashKey(key)}", http.RequestAborted), false);
        }

        if (_platformSignIn && PlatformPrincipal.Read(http.Request.Headers[PlatformPrincipal.Header]) is { } principal)
        {
            return (await FindOneAsync($"PartitionKey eq {StaffEntity.Partition} and SignIn eq {principal.Key}", http.RequestAborted), true);
        }

        return (null, false);
    }

    private async Task<StaffEntity?> FindOneAsync(FormattableString filter, CancellationToken cancellationToken)
    {
        // Not before the directory is written: a key removed from the settings must not work in the meantime.
        await seeder.SeededAsync(cancellationToken);
        await foreach (var member in storage.Staff.QueryAsync<StaffEntity>(TableClient.CreateQueryFilter(filter), maxPerPage: 1, cancellationToken: cancellationToken))
        {
            return member;
        }

        return null;
    }

    /// <summary>Whether <c>Origin</c> is this app: its own host as the request reached it, its App Service host name, or a configured origin.</summary>
    private bool FromOwnOrigin(HttpRequest request)
    {
        if (!Uri.TryCreate(request.Headers.Origin.ToString(), UriKind.Absolute, out var origin))
        {
            return false;
        }

        var authority = origin.GetLeftPart(UriPartial.Authority);
        return string.Equals(authority, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
            || _origins.Contains(authority, StringComparer.OrdinalIgnoreCase);
    }
}

namespace FollowUp.Core;

internal static class StaffCaller
{
    /// <summary>The staff member <see cref="StaffAuth.RequireStaffAsync"/> let through.</summary>
    public static StaffEntity Caller(this HttpContext context) => (StaffEntity)context.Items[StaffAuth.ItemKey]!;
}

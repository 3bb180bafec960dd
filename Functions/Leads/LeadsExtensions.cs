namespace FollowUp.Leads;

internal static class LeadsExtensions
{
    public static IHostApplicationBuilder AddLeads(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LeadImporter>();
        return builder;
    }
}

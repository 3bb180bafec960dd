namespace FollowUp.Leads;

internal static class LeadsExtensions
{
    public static IHostApplicationBuilder AddLeads(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LeadImportOptions>().BindConfiguration(LeadImportOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<LeadImporter>();
        return builder;
    }
}

namespace FollowUp.Privacy;

internal static class PrivacyExtensions
{
    public static IHostApplicationBuilder AddPrivacy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Erasure>();
        builder.Services.AddSingleton<RetentionPurge>();
        return builder;
    }
}

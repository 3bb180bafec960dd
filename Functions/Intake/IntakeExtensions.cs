namespace FollowUp.Intake;

internal static class IntakeExtensions
{
    public static IHostApplicationBuilder AddIntake(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<BusinessOptions>().BindConfiguration(BusinessOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SubmissionValidator>();
        builder.Services.AddSingleton<IntakeService>();
        builder.Services.AddSingleton(new AnswerPace(TimeProvider.System)); // wall-clock: it paces provider calls
        builder.Services.AddCors();
        builder.Services.AddSingleton<PublicFormGuards>();
        return builder;
    }
}

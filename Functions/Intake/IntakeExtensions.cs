namespace FollowUp.Intake;

internal static class IntakeExtensions
{
    public static IHostApplicationBuilder AddIntake(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Acknowledgments>();
        builder.Services.AddSingleton<ContactClaims>();
        builder.Services.AddSingleton<RepeatSubmissions>();
        builder.Services.AddSingleton<NewInquiries>();
        builder.Services.AddSingleton<IntakeAnswers>();
        builder.Services.AddSingleton<IntakeService>();
        builder.Services.AddSingleton<IInquiryIntake>(services => services.GetRequiredService<IntakeService>());
        builder.Services.AddSingleton(new AnswerPace(TimeProvider.System)); // wall-clock: it paces provider calls
        builder.Services.AddCors();
        builder.Services.AddSingleton<PublicFormGuards>();
        return builder;
    }
}

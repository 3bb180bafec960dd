using Microsoft.Extensions.Options;

namespace FollowUp.Intake;

/// <summary>What an intake endpoint needs, bound together.</summary>
internal sealed record IntakeRequest(
    HttpRequest Http,
    IntakeService Intake,
    IntakeAnswers Answers,
    AnswerPace Pace,
    SubmissionValidator Validator,
    IdGenerator Ids,
    IOptions<IntakeOptions> Options,
    IOptions<BusinessOptions> Business,
    BusinessCalendar Calendar,
    TimeProvider Time,
    ILogger<IntakeService> Logger,
    CancellationToken CancellationToken);

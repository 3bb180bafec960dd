namespace FollowUp.Intake;

/// <summary>
/// The public answer to a submission, the same for a new inquiry, a repeat and a decoy: a receipt, the
/// promise a new inquiry would get now, and the channel the submission alone points to (never one worked
/// out from an inquiry it joins, a STOP or a bounce), so it tells nobody what FollowUp knows.
/// </summary>
internal sealed class IntakeAnswers(IdGenerator ids, BusinessCalendar calendar, SmsDestinations destinations)
{
    public IntakeResult ForNew(InquiryEntity inquiry, Submission submission) =>
        new(inquiry, Joined: false, inquiry.Id, inquiry.RespondBy, Channel(submission.Prospect));

    /// <summary>For a repeat joined to <paramref name="inquiry"/>: a receipt of its own, and a new inquiry's promise.</summary>
    public IntakeResult ForRepeat(InquiryEntity inquiry, Submission submission, DateTimeOffset now) =>
        new(inquiry, Joined: true, ids.NewInquiryId(), calendar.RespondBy(now, submission.Kind), Channel(submission.Prospect));

    /// <summary>The channel a new inquiry with these fields would be acknowledged by.</summary>
    public string? Channel(Prospect prospect) =>
        ProspectRoutes.Channel(prospect.Phone, prospect.Email, prospect.ConsentToSms, prospect.PreferredChannel, new Reachability(false, false, destinations.Refusal(prospect.Phone)));
}

namespace FollowUp.Privacy;

internal sealed record PurgeReport(int Inquiries, int Contacts, int EventIds);

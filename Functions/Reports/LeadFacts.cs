namespace FollowUp.Reports;

internal sealed record LeadFacts(
    string OwnerId, string OwnerName, string Source, int? MinutesToContact, bool InWindow, int Lapsed, int Escalations, int NoNews, int Attempts, bool Unanswered,
    StatusLinkUse Link = default,
    CallFigures? Calls = null);

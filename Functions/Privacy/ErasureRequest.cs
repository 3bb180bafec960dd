namespace FollowUp.Privacy;

internal sealed record ErasureRequest(string? Phone, string? Email);

namespace FollowUp.Core;

/// <summary>
/// A message a party of an inquiry sent in (a text to the business number, an email to their reply
/// address), before anyone has decided whether it is really theirs.
/// </summary>
/// <param name="Channel"><c>sms</c> or <c>email</c>.</param>
/// <param name="From">The sender's number (E.164) or email address, as the provider gave it.</param>
/// <param name="Party">Whose it claims to be: the owner of the number, or of the reply address it was sent to.</param>
/// <param name="Text">What they wrote, quoted history cut off.</param>
/// <param name="Vouched">Whether the provider's checks (SPF, DKIM) do not contradict <paramref name="From"/>; always true for a text.</param>
internal sealed record InboundReply(string Channel, string From, Party Party, string Text, bool Vouched = true);

namespace FollowUp.Core;

/// <summary>
/// The people an inquiry talks to. Each has their own reply address and is believed only from their own
/// number or address: a referrer's reply is the referrer's, never the prospect's.
/// </summary>
internal enum Party
{
    Prospect = 1,
    Referrer = 2,
}

namespace FollowUp.Core;

/// <summary>How a prospect's request went.</summary>
internal enum ProspectRequestResult
{
    Done,

    /// <summary>The inquiry is closed already: nothing changed.</summary>
    Closed,

    /// <summary>There is no such inquiry (it was erased).</summary>
    NotFound,
}

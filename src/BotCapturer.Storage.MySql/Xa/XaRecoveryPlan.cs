namespace BotCapturer.Storage.MySql.Xa;

/// <summary>What recovery does with one prepared branch.</summary>
internal enum XaResolution
{
    /// <summary>The load's decision record (its files row) committed: commit the branch.</summary>
    Commit,

    /// <summary>No decision was committed: roll the branch back (presumed abort).</summary>
    Rollback,
}

/// <summary>
/// The recovery decision for prepared branches of multi-connection loads, without a server (presumed abort with
/// branch 0 as the decision record; docs/storage.md "Recovery"). Branch 0 inserts the files row carrying the token
/// and commits first, so: branch 0 still prepared means no decision was made, and every branch of that token rolls
/// back; otherwise a files row with the token means branch 0 committed, and the other branches commit; no such row
/// means branch 0 rolled back (or never prepared), and they roll back.
/// </summary>
internal static class XaRecoveryPlan
{
    /// <summary>One action per prepared branch of one token; branch 0, the decision record, goes last, so that a
    /// recovery cut short decides the same way when it runs again.</summary>
    public static IReadOnlyList<(XaBranchId Branch, XaResolution Action)> Decide(IEnumerable<XaBranchId> prepared, Func<string, bool> hasFilesRow)
    {
        var plan = new List<(XaBranchId, XaResolution)>();
        foreach (var token in prepared.GroupBy(b => b.Token, StringComparer.Ordinal))
        {
            var branches = token.Distinct().OrderByDescending(b => b.Branch).ToList();
            var action = branches.Exists(b => b.Branch == 0) ? XaResolution.Rollback
                : hasFilesRow(token.Key) ? XaResolution.Commit
                : XaResolution.Rollback;
            plan.AddRange(branches.Select(b => (b, action)));
        }

        return plan;
    }
}

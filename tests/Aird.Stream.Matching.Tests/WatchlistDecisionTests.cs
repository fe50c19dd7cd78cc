using Aird.Stream.Matching.Decisions;

namespace Aird.Stream.Matching.Tests;

public class WatchlistDecisionTests
{
    private static readonly Guid Alice = Guid.NewGuid();
    private static readonly Guid Bob = Guid.NewGuid();
    private static readonly Guid Carol = Guid.NewGuid();

    private static readonly WatchlistSettings Watchlist = new(
        Guid.NewGuid(), "test", MatchThreshold: 0.75f, UnknownThreshold: 0.5f, Margin: 0.125f, AlertOnUnknown: true, TimeSpan.FromMinutes(5));

    [Fact]
    public void Best_above_threshold_with_margin_is_a_match()
    {
        var verdict = WatchlistDecision.Decide([new(Alice, 0.875f), new(Bob, 0.5f)], Watchlist);

        Assert.Equal(new WatchlistVerdict(VerdictKind.Match, Alice, 0.875f, 0.375f), verdict);
    }

    [Fact]
    public void Best_exactly_at_threshold_and_margin_is_a_match()
    {
        var verdict = WatchlistDecision.Decide([new(Bob, 0.625f), new(Alice, 0.75f)], Watchlist);

        Assert.Equal(VerdictKind.Match, verdict.Kind);
        Assert.Equal(Alice, verdict.SubjectId);
        Assert.Equal(0.125f, verdict.Margin);
    }

    [Fact]
    public void Best_above_threshold_without_margin_is_ambiguous()
    {
        var verdict = WatchlistDecision.Decide([new(Alice, 0.875f), new(Bob, 0.8125f)], Watchlist);

        Assert.Equal(new WatchlistVerdict(VerdictKind.Ambiguous, null, 0.875f, 0.0625f), verdict);
    }

    [Fact]
    public void A_second_face_of_the_same_subject_is_no_rival()
    {
        var verdict = WatchlistDecision.Decide([new(Alice, 0.875f), new(Alice, 0.86f), new(Bob, 0.5f)], Watchlist);

        Assert.Equal(new WatchlistVerdict(VerdictKind.Match, Alice, 0.875f, 0.375f), verdict);
    }

    [Fact]
    public void The_rival_is_the_best_other_subject_in_any_order()
    {
        var verdict = WatchlistDecision.Decide(
            [new(Carol, 0.5f), new(Bob, 0.625f), new(Alice, 0.8125f), new(Bob, 0.75f), new(Alice, 0.875f), new(Carol, 0.25f)], Watchlist);

        Assert.Equal(new WatchlistVerdict(VerdictKind.Match, Alice, 0.875f, 0.125f), verdict);
    }

    [Fact]
    public void A_leader_overtaken_by_its_rival_becomes_the_rival()
    {
        var verdict = WatchlistDecision.Decide([new(Bob, 0.5f), new(Alice, 0.75f), new(Bob, 0.9375f)], Watchlist);

        Assert.Equal(new WatchlistVerdict(VerdictKind.Match, Bob, 0.9375f, 0.1875f), verdict);
    }

    [Fact]
    public void A_single_subject_leads_the_least_similarity()
    {
        var verdict = WatchlistDecision.Decide([new(Alice, 0.75f)], Watchlist);

        Assert.Equal(new WatchlistVerdict(VerdictKind.Match, Alice, 0.75f, 1.75f), verdict);
    }

    [Fact]
    public void Between_the_thresholds_is_ambiguous()
    {
        var verdict = WatchlistDecision.Decide([new(Alice, 0.625f)], Watchlist);

        Assert.Equal(VerdictKind.Ambiguous, verdict.Kind);
        Assert.Null(verdict.SubjectId);
    }

    [Fact]
    public void At_the_unknown_threshold_is_not_unknown()
    {
        Assert.Equal(VerdictKind.Ambiguous, WatchlistDecision.Decide([new(Alice, 0.5f)], Watchlist).Kind);
    }

    [Fact]
    public void Below_the_unknown_threshold_is_unknown_when_the_watchlist_asks()
    {
        var verdict = WatchlistDecision.Decide([new(Alice, 0.25f), new(Bob, 0.125f)], Watchlist);

        Assert.Equal(new WatchlistVerdict(VerdictKind.Unknown, null, 0.25f, 0.125f), verdict);
    }

    [Fact]
    public void Below_the_unknown_threshold_is_nothing_when_the_watchlist_does_not_ask()
    {
        var verdict = WatchlistDecision.Decide([new(Alice, 0.25f)], Watchlist with { AlertOnUnknown = false });

        Assert.Equal(VerdictKind.None, verdict.Kind);
    }

    [Fact]
    public void An_empty_watchlist_knows_nobody()
    {
        Assert.Equal(
            new WatchlistVerdict(VerdictKind.Unknown, null, WatchlistDecision.NoSimilarity, 0f),
            WatchlistDecision.Decide([], Watchlist));
        Assert.Equal(VerdictKind.None, WatchlistDecision.Decide([], Watchlist with { AlertOnUnknown = false }).Kind);
    }

    [Fact]
    public void Equal_thresholds_leave_no_gap_between_match_and_unknown()
    {
        var strict = Watchlist with { MatchThreshold = 0.5f, UnknownThreshold = 0.5f, Margin = 0f };

        Assert.Equal(VerdictKind.Match, WatchlistDecision.Decide([new(Alice, 0.5f)], strict).Kind);
        Assert.Equal(VerdictKind.Unknown, WatchlistDecision.Decide([new(Alice, 0.4375f)], strict).Kind);
    }
}

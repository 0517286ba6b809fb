using Analytics.HighValue;
using Analytics.Sleeping;
using Analytics.Tests.Support;
using Search.Indexer.Records;

namespace Analytics.Tests.Sleeping;

/// <summary>Sleeping-patent rules on the real export records of 中科大数据研究院 (a research institute) and a US grant.</summary>
public class SleepingPatentRulesTests
{
    private static SleepingPatentRules Rules(Action<SleepingPatentOptions>? change = null, ISet<string>? implemented = null)
    {
        var o = new SleepingPatentOptions { RequireNoImplementation = implemented is not null };
        change?.Invoke(o);
        return new SleepingPatentRules(o, FixedClock.At2026, implemented);
    }

    private static RuleFinding Rule(SleepingAssessment a, string name) => a.Rules.Single(r => r.Rule == name);

    [Fact]
    public void Assess_an_institutes_unused_patent_granted_four_years_ago_sleeps_with_every_rule_as_reason()
    {
        // CN216774847U: utility model granted 2022-06-17, 有权, 0 transfers, licences and pledges.
        var a = Rules().Assess(Samples.Export("CN216774847U"));
        Assert.Equal(Finding.Met, a.Verdict);
        Assert.Equal(7, a.Deciding.Count());
        Assert.Contains("is a research institute", Rule(a, SleepingPatentRules.Owner).Reason, StringComparison.Ordinal);
        Assert.Contains("2022-06-17", Rule(a, SleepingPatentRules.YearsSinceGrant).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_granted_too_recently_does_not_sleep_and_says_why()
    {
        var a = Rules(o => o.MinYearsSinceGrant = 5).Assess(Samples.Export("CN216774847U"));
        Assert.Equal(Finding.NotMet, a.Verdict);
        Assert.Contains("fewer than 5", Assert.Single(a.Deciding).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_an_owner_type_the_user_did_not_pick_does_not_sleep()
    {
        var a = Rules(o => o.OwnerTypes = [PartyType.University]).Assess(Samples.Export("CN216774847U"));
        Assert.Equal(Finding.NotMet, Rule(a, SleepingPatentRules.Owner).Finding);
    }

    [Fact]
    public void Assess_a_transfer_or_license_on_record_wakes_it()
    {
        var r = Samples.Export("CN216774847U");
        r.Counts.Licenses = 1;
        var a = Rules().Assess(r);
        Assert.Equal(Finding.NotMet, a.Verdict);
        Assert.Equal("1 licence(s) recorded", Assert.Single(a.Deciding).Reason);
    }

    [Fact]
    public void Assess_a_pending_application_is_not_in_force()
    {
        var a = Rules().Assess(Samples.Export("CN116245100A"));
        Assert.Equal(Finding.NotMet, Rule(a, SleepingPatentRules.InForce).Finding);
        Assert.Equal(Finding.NotMet, Rule(a, SleepingPatentRules.YearsSinceGrant).Finding);
    }

    [Fact]
    public void Assess_a_us_grant_without_legal_status_or_counts_is_unknown_not_false()
    {
        var us = Samples.Get(Samples.All.First(x => x.Country == "US" && x.Stage == PublicationStage.Grant).Id);
        var a = Rules(o => o.OwnerTypes = [PartyType.Enterprise, PartyType.University, PartyType.ResearchInstitute, PartyType.Individual]).Assess(us);
        Assert.Equal(Finding.Unknown, Rule(a, SleepingPatentRules.InForce).Finding);
        Assert.Equal(Finding.Unknown, Rule(a, SleepingPatentRules.NoTransfer).Finding);
        Assert.Equal(Finding.Unknown, Rule(a, SleepingPatentRules.FeesPaid).Finding);
        Assert.NotEqual(Finding.Met, a.Verdict);
    }

    [Fact]
    public void Assess_implementation_records_come_from_the_uploaded_list()
    {
        var withoutList = new SleepingPatentRules(new SleepingPatentOptions(), FixedClock.At2026);
        Assert.Equal(Finding.Unknown, withoutList.Assess(Samples.Export("CN216774847U")).Verdict);
        var implemented = new HashSet<string>(StringComparer.Ordinal) { "CN216774847" };
        Assert.Equal(Finding.NotMet, Rules(implemented: implemented).Assess(Samples.Export("CN216774847U")).Verdict);
        Assert.Equal(Finding.Met, Rules(implemented: implemented).Assess(Samples.Export("CN217546176U")).Verdict);
    }

    [Fact]
    public void Assess_a_lapsed_patent_has_no_fees_paid()
    {
        var r = Samples.Export("CN216774847U");
        r.LegalStatus = LegalStatus.Lapsed;
        r.LegalStatusText = "无权-未缴年费终止";
        var a = Rules().Assess(r);
        Assert.Equal("无权-未缴年费终止", Rule(a, SleepingPatentRules.FeesPaid).Reason);
        Assert.Equal(Finding.NotMet, a.Verdict);
    }

    [Fact]
    public void With_a_pledge_register_no_pledge_reads_the_register_not_the_sources_count()
    {
        // The source counts 0 pledges, but the register holds one (released pledges stay in it): the patent was pledged.
        var record = Samples.Export("CN216774847U");
        var register = new PatentNumberLookup<PledgeEntry>([new PledgeEntry("CN216774847U", 1_000_000m, new DateOnly(2025, 5, 1), "泉州银行", 1)], p => p.PatentNumber);
        var pledged = new SleepingPatentRules(new SleepingPatentOptions(), FixedClock.At2026, null, register).Assess(record);
        Assert.Equal(Finding.NotMet, Rule(pledged, SleepingPatentRules.NoPledge).Finding);
        Assert.Equal(Finding.NotMet, pledged.Verdict);

        // A source without a pledge count leaves the rule unknown; a register that does not name the patent decides it.
        record.Counts.Pledges = null;
        var empty = new PatentNumberLookup<PledgeEntry>([], p => p.PatentNumber);
        Assert.Equal(Finding.Unknown, Rule(Rules().Assess(record), SleepingPatentRules.NoPledge).Finding);
        Assert.Equal(Finding.Met, Rule(new SleepingPatentRules(new SleepingPatentOptions(), FixedClock.At2026, null, empty).Assess(record), SleepingPatentRules.NoPledge).Finding);
    }
}

using ProSaaS.Application.Leads.CaptureLead;
using ProSaaS.Application.Leads.GetLead;
using ProSaaS.Domain.Leads;

namespace ProSaaS.Application.Tests.Leads;

public sealed class LeadDeduplicationTests(ApplicationHost host) : IClassFixture<ApplicationHost>
{
    private static string NewMobile() => "05" + Random.Shared.Next(0, 10) + Random.Shared.Next(1_000_000, 9_999_999);

    [Fact]
    public async Task A_second_capture_of_the_same_phone_enriches_the_lead_and_records_the_merge()
    {
        var mobile = NewMobile();
        var first = await host.SendAsync(new CaptureLead(null, mobile, null, LeadSource.Call,
            new Dictionary<string, string> { ["city"] = "חיפה", ["rooms"] = "3" }));
        var second = await host.SendAsync(new CaptureLead("מורן", "+972" + mobile[1..], "moran@example.co.il", LeadSource.WhatsApp,
            new Dictionary<string, string> { ["rooms"] = "4", ["budget"] = "2,000,000" }));

        first.Merged.Should().BeFalse();
        second.Should().Be(new CapturedLead(first.LeadId, Merged: true));
        var lead = await host.SendAsync(new GetLead(first.LeadId));
        lead.Name.Should().Be("מורן", "a missing name is filled");
        lead.Email.Should().Be("moran@example.co.il");
        lead.Fields.Should().BeEquivalentTo(new Dictionary<string, string> { ["city"] = "חיפה", ["rooms"] = "4", ["budget"] = "2000000" });
        lead.Version.Should().Be(2);
        (await host.Database.ScalarAsync<long>("select count(*) from leads where phone = $1", "+972" + mobile[1..])).Should().Be(1);
        (await host.Database.ScalarAsync<string>("select type from mt_events where stream_id = $1 and version = 2", first.LeadId))
            .Should().Be("lead_capture_merged");
    }

    [Fact]
    public async Task A_known_name_is_never_overwritten_by_a_repeated_capture()
    {
        var mobile = NewMobile();
        var first = await host.SendAsync(new CaptureLead("אבי", mobile, null, LeadSource.Call));
        await host.SendAsync(new CaptureLead("אברהם", mobile, null, LeadSource.Api));

        (await host.SendAsync(new GetLead(first.LeadId))).Name.Should().Be("אבי");
    }

    private static readonly string[] FieldKeys = ["city", "property_type", "budget", "rooms", "details"];
    private static readonly string[] FieldValues = ["נתניה", "דירה", "1500000", "3", "מחפש קרוב לים"];

    [Fact]
    public async Task Concurrent_captures_of_one_new_phone_make_exactly_one_lead()
    {
        var mobile = NewMobile();
        using var start = new ManualResetEventSlim();
        var captures = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await host.SendAsync(new CaptureLead($"מתקשר {i}", mobile, null, LeadSource.Call,
                new Dictionary<string, string> { [FieldKeys[i % FieldKeys.Length]] = FieldValues[i % FieldKeys.Length] }));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(captures);

        results.Select(r => r.LeadId).Distinct().Should().ContainSingle();
        results.Count(r => !r.Merged).Should().Be(1);
        var e164 = "+972" + mobile[1..];
        (await host.Database.ScalarAsync<long>("select count(*) from leads where phone = $1", e164)).Should().Be(1);
        (await host.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", results[0].LeadId)).Should().Be(8);
        (await host.SendAsync(new GetLead(results[0].LeadId))).Fields.Should().HaveCount(FieldKeys.Length, "every capture's details were kept");
    }

    [Fact]
    public async Task The_same_phone_in_another_business_is_another_lead()
    {
        var mobile = NewMobile();
        var a = await host.SendAsync(new CaptureLead("א", mobile, null, LeadSource.Call), tenant: "tenant-a");
        var b = await host.SendAsync(new CaptureLead("ב", mobile, null, LeadSource.Call), tenant: "tenant-b");

        b.Merged.Should().BeFalse();
        b.LeadId.Should().NotBe(a.LeadId);
    }
}

namespace FollowUp.Tests.Core;

/// <summary>Each party's reply address names its inquiry and party only to the app that made it.</summary>
[Trait("Category", "Unit")]
public sealed class ReplyAddressesTests
{
    private const string Id = "20261123140000-K3F9Q2XD";
    private readonly ReplyAddresses _addresses = new("inbound-parse-key-for-tests-0123", "reply.example");

    [Fact]
    public void A_token_reads_back_as_its_inquiry_and_party_whatever_its_case()
    {
        var prospect = _addresses.Token(Id, Party.Prospect);
        var referrer = _addresses.Token(Id, Party.Referrer);

        Assert.Equal((Id, Party.Prospect), _addresses.ReadToken(prospect));
        Assert.Equal((Id, Party.Referrer), _addresses.ReadToken(referrer.ToUpperInvariant()));
        Assert.Equal(26, prospect.Length);
        Assert.Equal($"r-{prospect}@reply.example", _addresses.For(Id, Party.Prospect));
        Assert.Equal((Id, Party.Prospect), _addresses.Read($"R-{prospect.ToUpperInvariant()}@Reply.Example"));
        Assert.Null(_addresses.Read($"r-{prospect}@elsewhere.example"));
        Assert.Null(new ReplyAddresses(null, "reply.example").For(Id, Party.Prospect));
    }

    [Fact]
    public void The_address_reveals_neither_the_inquiry_id_nor_which_party_it_is()
    {
        var prospect = _addresses.Token(Id, Party.Prospect);
        var referrer = _addresses.Token(Id, Party.Referrer);
        var next = _addresses.Token("20261123140000-K3F9Q2XE", Party.Prospect);

        Assert.DoesNotContain("k3f9", prospect);
        Assert.DoesNotContain("20261123", prospect);
        Assert.True(Differing(prospect, referrer) > 15, "one changed bit of the input changes the whole token");
        Assert.True(Differing(prospect, next) > 15);
    }

    [Fact]
    public void Another_key_a_changed_character_or_a_made_up_token_reads_as_nothing()
    {
        var token = _addresses.Token(Id, Party.Prospect);
        var changed = (token[0] == 'a' ? "b" : "a") + token[1..];

        Assert.Null(new ReplyAddresses("another-inbound-parse-key-000000", "reply.example").ReadToken(token));
        Assert.Null(_addresses.ReadToken(changed));
        Assert.Null(_addresses.ReadToken(Id.ToLowerInvariant()));
        Assert.Null(_addresses.ReadToken(new string('a', 26)));
        Assert.Null(_addresses.ReadToken(token + "a"));
        Assert.Null(_addresses.ReadToken(token[..^1] + "!"));
    }

    private static int Differing(string a, string b) => a.Zip(b).Count(pair => pair.First != pair.Second);
}

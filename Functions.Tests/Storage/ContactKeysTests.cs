namespace FollowUp.Tests.Storage;

/// <summary>One contact row per phone number or address, under a key storage accepts.</summary>
[Trait("Category", "Unit")]
public sealed class ContactKeysTests
{
    [Fact]
    public void A_phone_key_is_the_e164_number() =>
        Assert.Equal("phone:+12125550100", ContactEntity.PhoneKey("+12125550100"));

    [Theory]
    [InlineData("Lee.Park@Example.COM", "email:lee.park%40example.com")]
    [InlineData("lee.park@example.com", "email:lee.park%40example.com")] // the same person whatever the case
    [InlineData("a/b#c?d\\e@example.com", "email:a%2Fb%23c%3Fd%5Ce%40example.com")] // characters a key may not hold are escaped
    public void An_email_key_is_the_lower_case_address_escaped(string email, string key) =>
        Assert.Equal(key, ContactEntity.EmailKey(email));

    [Fact]
    public void A_contact_rows_row_key_is_its_partition_key()
    {
        var contact = new ContactEntity { PartitionKey = ContactEntity.PhoneKey("+12125550100"), RowKey = "ignored" };

        Assert.Equal("phone:+12125550100", contact.RowKey);
    }
}

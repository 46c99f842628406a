using Triage.Mime.Headers;

namespace Triage.Mime.Tests.Headers;

public class AddressParserTests
{
    [Theory]
    // RFC 5322 Appendix A style values, written for these tests.
    [InlineData("Jane Doe <jane.doe@example.net>", "Jane Doe", "jane.doe@example.net")]
    [InlineData("jane.doe@example.net", null, "jane.doe@example.net")]
    [InlineData("<jane.doe@example.net>", null, "jane.doe@example.net")]
    [InlineData("\"Doe, Jane\" <jane@example.net>", "Doe, Jane", "jane@example.net")]
    [InlineData("\"Jane \\\"JJ\\\" Doe\" <jane@example.net>", "Jane \"JJ\" Doe", "jane@example.net")]
    [InlineData("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>", "Pete", "pete@silly.test")]
    [InlineData("jane@example.net (Jane Doe)", "Jane Doe", "jane@example.net")]
    [InlineData("(Jane Doe) jane@example.net", "Jane Doe", "jane@example.net")]
    [InlineData("<jane@example.net> (Jane Doe)", "Jane Doe", "jane@example.net")]
    [InlineData("Jane Doe <jane@example.net> (work)", "Jane Doe", "jane@example.net")]
    [InlineData("Jane Q. Public <jq@example.net>", "Jane Q. Public", "jq@example.net")]
    [InlineData("jane@example.net <jane@example.net>", "jane@example.net", "jane@example.net")]
    [InlineData("'jane@example.net' <jane@example.net>", "jane@example.net", "jane@example.net")]
    [InlineData("Jane Doe jane@example.net", "Jane Doe", "jane@example.net")]
    [InlineData("\"Jane Doe\" jane@example.net", "Jane Doe", "jane@example.net")]
    [InlineData("Jane Doe <jane@example.net", "Jane Doe", "jane@example.net")]
    [InlineData("<@route1,@route2:jane@example.net>", null, "jane@example.net")]
    [InlineData("Jane <@relay.test:jane@example.net>", "Jane", "jane@example.net")]
    [InlineData("john . doe @ example . net", null, "john.doe@example.net")]
    [InlineData("\"john doe\"@example.net", null, "\"john doe\"@example.net")]
    [InlineData("<\"john\"@example.net>", null, "john@example.net")]
    [InlineData("<\"john..doe\"@example.net>", null, "\"john..doe\"@example.net")]
    [InlineData("user@[192.0.2.1]", null, "user@[192.0.2.1]")]
    [InlineData("<mailto:jane@example.net>", null, "jane@example.net")]
    [InlineData("MAILER-DAEMON", null, "MAILER-DAEMON")]
    [InlineData("Mail Delivery System <MAILER-DAEMON>", "Mail Delivery System", "MAILER-DAEMON")]
    [InlineData("\"Mail Delivery System\" <>", "Mail Delivery System", "")]
    [InlineData("undisclosed", null, "undisclosed")]
    [InlineData("  Jane   Doe   <jane@example.net>  ", "Jane Doe", "jane@example.net")]
    [InlineData("Jane\r\n Doe <jane@example.net>", "Jane Doe", "jane@example.net")]
    public void Parse_SingleMailbox_ReturnsNameAndAddress(string header, string? name, string address)
    {
        var mailbox = Assert.Single(AddressParser.Parse(header));

        Assert.Equal(name, mailbox.Name);
        Assert.Equal(address, mailbox.Address);
        Assert.Null(mailbox.Group);
    }

    [Theory]
    [InlineData("=?iso-8859-1?Q?Fr=E5gor_AB?= <info@example.se>", "Frågor AB")]
    [InlineData("=?utf-8?Q?J=C3=B6rg_M=C3=BCller?= <jm@example.de>", "Jörg Müller")]
    [InlineData("\"=?utf-8?Q?J=C3=B6rg_M=C3=BCller?=\" <jm@example.de>", "Jörg Müller")]
    [InlineData("=?utf-8?B?U2FubmEgTsOkc2k=?= <sanna@example.fi>", "Sanna Näsi")]
    [InlineData("=?ISO-8859-1?Q?Mikko_H=E4m=E4l=E4inen?= <mikko@example.fi>", "Mikko Hämäläinen")]
    [InlineData("=?windows-1252?Q?S=F8ren_=D8sterg=E5rd?= <soren@example.dk>", "Søren Østergård")]
    [InlineData("\"Bjørn Ødegård\" <bjorn@example.no>", "Bjørn Ødegård")]
    [InlineData("Joost van der Meer <joost@example.nl>", "Joost van der Meer")]
    [InlineData("=?utf-8?Q?J=C3=B6rg?= \"Schmidt\" <js@example.de>", "Jörg Schmidt")]
    [InlineData("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?= <jp@example.jp>", "日本語")]
    [InlineData("user@example.net (=?utf-8?Q?J=C3=B6rg?=)", "Jörg")]
    public void Parse_EncodedOrInternationalName_Decodes(string header, string name) =>
        Assert.Equal(name, Assert.Single(AddressParser.Parse(header)).Name);

    [Theory]
    [InlineData("a@example.net, b@example.net", "a@example.net|b@example.net")]
    [InlineData("a@example.net; b@example.net", "a@example.net|b@example.net")]
    [InlineData("a@example.net,,b@example.net,", "a@example.net|b@example.net")]
    [InlineData(", ,a@example.net", "a@example.net")]
    [InlineData("\"Doe, Jane\" <a@example.net>, \"Roe, Rick\" <b@example.net>", "a@example.net|b@example.net")]
    [InlineData("Jane <a@example.net>,Rick <b@example.net>", "a@example.net|b@example.net")]
    [InlineData("a@example.net b@example.net", "b@example.net")]
    [InlineData("Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>", "mary@x.test|jdoe@example.org|one@y.test")]
    [InlineData("<boss@nil.test>, \"Giant; \\\"Big\\\" Box\" <sysservices@example.net>", "boss@nil.test|sysservices@example.net")]
    [InlineData("Jane <a@example.net, Rick <b@example.net>", "a@example.net|b@example.net")]
    public void Parse_List_SplitsAddresses(string header, string expected) =>
        Assert.Equal(expected, string.Join('|', AddressParser.Parse(header).Select(m => m.Address)));

    [Fact]
    public void Parse_UnquotedCommaInName_KeepsNameTogether()
    {
        var mailbox = Assert.Single(AddressParser.Parse("Doe, Jane <jane@example.net>"));

        Assert.Equal("Doe, Jane", mailbox.Name);
        Assert.Equal("jane@example.net", mailbox.Address);
    }

    [Fact]
    public void Parse_Group_FlattensMembersWithGroupName()
    {
        var list = AddressParser.Parse("A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;, after@x.test");

        Assert.Equal(["c@a.test", "joe@where.test", "jdoe@one.test", "after@x.test"], list.Select(m => m.Address));
        Assert.Equal(["A Group", "A Group", "A Group", null], list.Select(m => m.Group));
        Assert.Equal("Ed Jones", list[0].Name);
    }

    [Fact]
    public void Parse_EncodedGroupName_Decodes() =>
        Assert.Equal("Försäljning", Assert.Single(AddressParser.Parse("=?utf-8?Q?F=C3=B6rs=C3=A4ljning?=: sales@example.se;")).Group);

    [Theory]
    [InlineData("undisclosed-recipients:;")]
    [InlineData("Undisclosed recipients: ;")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(",,,")]
    [InlineData("(just a comment)")]
    public void Parse_NothingAddressable_ReturnsEmpty(string header) => Assert.Empty(AddressParser.Parse(header));

    [Fact]
    public void Parse_EmptyGroupThenMailbox_ReturnsOnlyMailbox() =>
        Assert.Equal("a@example.net", Assert.Single(AddressParser.Parse("undisclosed-recipients:; a@example.net")).Address);

    [Theory]
    [InlineData("Jörg <jörg@müller.example>", "jörg@müller.example")]
    [InlineData("用户@例子.广告", "用户@例子.广告")]
    [InlineData("<info@xn--mller-kva.example>", "info@xn--mller-kva.example")]
    public void Parse_Rfc6532AndIdn_KeepsAddressAsWritten(string header, string address) =>
        Assert.Equal(address, Assert.Single(AddressParser.Parse(header)).Address);

    [Theory]
    [InlineData("info@xn--mller-kva.example", "info@müller.example")]
    [InlineData("info@XN--MLLER-KVA.example", "info@müller.example")]
    [InlineData("info@example.net", "info@example.net")]
    [InlineData("info@xn--.example", "info@xn--.example")]
    [InlineData("no-at-sign", "no-at-sign")]
    public void ToUnicode_PunycodeDomain_ReturnsUnicodeForm(string address, string expected) =>
        Assert.Equal(expected, AddressParser.ToUnicode(address));

    [Theory]
    [InlineData("<<<>>>")]
    [InlineData("\"")]
    [InlineData("(")]
    [InlineData("a@b (unterminated comment")]
    [InlineData(":::;;;,,,")]
    [InlineData("<@>")]
    [InlineData("@")]
    [InlineData("Group: <a@b>, \"x")]
    [InlineData("\\")]
    public void Parse_Garbage_DoesNotThrow(string header) => Assert.NotNull(AddressParser.Parse(header));
}

using Triage.Mime.Html;

namespace Triage.Mime.Tests.Html;

public class InlineStyleTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("display:none", true)]
    [InlineData("color:red; DISPLAY : None !important ;", true)]
    [InlineData("display:none;display:block", false)]
    [InlineData("display:block;display:none", true)]
    [InlineData("mso-hide:all", true)]
    [InlineData("mso-hide:all;display:block", true)]
    [InlineData("visibility:hidden", false)]
    [InlineData("font-family:\"a;b\";display:none", true)]
    public void Parse_Visibility_HiddenOnlyForDisplayNoneOrMsoHide(string? style, bool hidden)
    {
        Assert.Equal(hidden, InlineStyle.Parse(style).Hidden);
    }

    [Theory]
    [InlineData("color:red", nameof(WhiteSpaceMode.Inherit))]
    [InlineData("white-space:pre", nameof(WhiteSpaceMode.Pre))]
    [InlineData("white-space: pre-wrap", nameof(WhiteSpaceMode.Pre))]
    [InlineData("white-space:break-spaces", nameof(WhiteSpaceMode.Pre))]
    [InlineData("white-space:pre-line", nameof(WhiteSpaceMode.PreLine))]
    [InlineData("white-space:nowrap", nameof(WhiteSpaceMode.Normal))]
    [InlineData("white-space:inherit", nameof(WhiteSpaceMode.Inherit))]
    public void Parse_WhiteSpace_Mapped(string style, string expected)
    {
        Assert.Equal(expected, InlineStyle.Parse(style).WhiteSpace.ToString());
    }

    [Theory]
    [InlineData("margin:0", true)]
    [InlineData("margin:0cm 0cm 0.0001pt", false)]
    [InlineData("margin:0cm 0cm 0pt", true)]
    [InlineData("margin: 0px 5px", true)]
    [InlineData("margin:0 0 10px 0", false)]
    [InlineData("margin-top:0;margin-bottom:0", true)]
    [InlineData("margin-top:0px", false)]
    [InlineData("margin:0;margin-bottom:1em", false)]
    [InlineData("margin:auto", false)]
    public void Parse_Margins_NoVerticalMarginWhenTopAndBottomZero(string style, bool expected)
    {
        Assert.Equal(expected, InlineStyle.Parse(style).NoVerticalMargin);
    }
}

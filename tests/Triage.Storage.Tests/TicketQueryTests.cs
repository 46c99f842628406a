using Triage.Core.Tickets;

namespace Triage.Storage.Tests;

public sealed class TicketQueryTests
{
    [Fact]
    public async Task ListTicketsAsync_Filters_NewestFirstWithTotal()
    {
        await using var t = await TestStore.CreateAsync();
        for (var i = 0; i < 5; i++)
        {
            await t.NewTicketAsync("m" + i, i < 3 ? "anna@bergsbageri.example" : "per@kiosk.example");
        }

        await t.Store.SetStatusAsync("SUP-100002", TicketStatus.Closed, CancellationToken.None);

        var anna = await t.Store.ListTicketsAsync(new TicketFilter(Address: "ANNA@bergsbageri.example"), new Paging(), CancellationToken.None);
        var open = await t.Store.ListTicketsAsync(new TicketFilter(Status: TicketStatus.Open), new Paging(Offset: 1, Limit: 2), CancellationToken.None);
        var none = await t.Store.ListTicketsAsync(new TicketFilter(Topic: "billing", Critical: false), new Paging(), CancellationToken.None);

        Assert.Equal(3, anna.Total);
        Assert.Equal(["SUP-100003", "SUP-100002", "SUP-100001"], anna.Tickets.Select(x => x.Number));
        Assert.Equal(4, open.Total);
        Assert.Equal(["SUP-100004", "SUP-100003"], open.Tickets.Select(x => x.Number));
        Assert.Equal(0, none.Total);
    }

    [Fact]
    public async Task GetTicketAsync_NumberInOtherCase_Found()
    {
        await using var t = await TestStore.CreateAsync();
        await t.NewTicketAsync("m1");

        Assert.Equal("SUP-100001", (await t.Store.GetTicketAsync("sup-100001", CancellationToken.None))?.Number);
        Assert.Null(await t.Store.GetTicketAsync("SUP-999999", CancellationToken.None));
    }

    [Fact]
    public async Task SetStatusAsync_UnknownTicket_False()
    {
        await using var t = await TestStore.CreateAsync();

        Assert.False(await t.Store.SetStatusAsync("SUP-1", TicketStatus.Closed, CancellationToken.None));
    }

    [Fact]
    public async Task ListTicketsAsync_LimitOutOfRange_Throws()
    {
        await using var t = await TestStore.CreateAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => t.Store.ListTicketsAsync(TicketFilter.All, new Paging(Limit: 0), CancellationToken.None));
    }
}

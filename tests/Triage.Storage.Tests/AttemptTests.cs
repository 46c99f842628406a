namespace Triage.Storage.Tests;

public sealed class AttemptTests
{
    [Fact]
    public async Task AddAttemptAsync_Repeated_CountsPerMailAndSurvivesReopen()
    {
        await using var t = await TestStore.CreateAsync();
        Assert.Equal(1, await t.Store.AddAttemptAsync("INBOX", 7, 42, CancellationToken.None));
        Assert.Equal(2, await t.Store.AddAttemptAsync("INBOX", 7, 42, CancellationToken.None));
        Assert.Equal(1, await t.Store.AddAttemptAsync("INBOX", 7, uint.MaxValue, CancellationToken.None));
        Assert.Equal(1, await t.Store.AddAttemptAsync("INBOX", 8, 42, CancellationToken.None));
        Assert.Equal(1, await t.Store.AddAttemptAsync("Support/Nordic", 7, 42, CancellationToken.None));

        await t.ReopenAsync();

        Assert.Equal(new Dictionary<uint, int> { [42] = 2, [uint.MaxValue] = 1 }, await t.Store.GetAttemptsAsync("INBOX", 7, CancellationToken.None));
        Assert.Equal(3, await t.Store.AddAttemptAsync("INBOX", 7, 42, CancellationToken.None));
    }

    [Fact]
    public async Task ClearAttemptsAsync_OneMail_OthersKept()
    {
        await using var t = await TestStore.CreateAsync();
        await t.Store.AddAttemptAsync("INBOX", 7, 1, CancellationToken.None);
        await t.Store.AddAttemptAsync("INBOX", 7, 2, CancellationToken.None);

        await t.Store.ClearAttemptsAsync("INBOX", 7, 1, CancellationToken.None);

        Assert.Equal(new Dictionary<uint, int> { [2] = 1 }, await t.Store.GetAttemptsAsync("INBOX", 7, CancellationToken.None));
        Assert.Empty(await t.Store.GetAttemptsAsync("INBOX", 99, CancellationToken.None));
    }
}

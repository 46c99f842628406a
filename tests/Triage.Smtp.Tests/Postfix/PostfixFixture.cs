using Triage.TestServers;

namespace Triage.Smtp.Tests.Postfix;

/// <summary>One throw-away Postfix for the tests of a class, stopped when they are done.</summary>
public sealed class PostfixFixture : IAsyncLifetime
{
    public PostfixServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostfixServer.StartAsync(new PostfixOptions { Mailboxes = ["inbox", "support", "ack"] });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

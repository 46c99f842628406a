namespace Triage.Smtp.Protocol;

/// <summary>The caller's token combined with <see cref="SmtpClientOptions.Timeout"/> on the configured clock.</summary>
internal sealed class StepDeadline : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;

    public StepDeadline(SmtpClientOptions options, CancellationToken cancellationToken)
    {
        _timeout = new CancellationTokenSource(options.Timeout, options.TimeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timeout.Token);
    }

    public CancellationToken Token => _linked.Token;

    public void Dispose()
    {
        _linked.Dispose();
        _timeout.Dispose();
    }
}

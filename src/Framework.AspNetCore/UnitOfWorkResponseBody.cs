using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Framework.AspNetCore;

/// <summary>
/// The response body while a request's unit of work is undecided: the first write, flush or start commits or rolls
/// back first (with the status the endpoint set), and only then reaches the server. After a failed commit, the endpoint's
/// writes are dropped, so that nothing of a response that must not be sent reaches the client. The body writer is a
/// pipe over this stream, as ASP.NET Core's own body-wrapping middlewares (response compression) do it.
/// </summary>
internal sealed class UnitOfWorkResponseBody(IHttpResponseBodyFeature inner, RequestUnitOfWork unit) : Stream, IHttpResponseBodyFeature
{
    private PipeWriter? _writer;

    public IHttpResponseBodyFeature Inner { get; } = inner;

    private bool Discarding => unit.CommitFailure is not null;

    // ---- IHttpResponseBodyFeature

    public Stream Stream => this;

    public PipeWriter Writer => _writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

    public void DisableBuffering() => Inner.DisableBuffering();

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await unit.Decide(async: true).ConfigureAwait(false);
        if (!Discarding)
            await Inner.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        await unit.Decide(async: true).ConfigureAwait(false);
        if (!Discarding)
            await Inner.SendFileAsync(path, offset, count, cancellationToken).ConfigureAwait(false);
    }

    public async Task CompleteAsync()
    {
        await Finish().ConfigureAwait(false);
        if (!Discarding)
            await Inner.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>Pushes what the body writer holds through (which decides, if nothing did yet).</summary>
    public async ValueTask Finish()
    {
        if (_writer is { } writer)
            await writer.FlushAsync().ConfigureAwait(false);
        await unit.Decide(async: true).ConfigureAwait(false);
    }

    // ---- Stream

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await unit.Decide(async: true).ConfigureAwait(false);
        if (!Discarding)
            await Inner.Stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        // Synchronous writes (AllowSynchronousIO) decide synchronously, through the sessions' sync faces.
        SyncDecide();
        if (!Discarding)
            Inner.Stream.Write(buffer, offset, count);
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await unit.Decide(async: true).ConfigureAwait(false);
        if (!Discarding)
            await Inner.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Flush()
    {
        SyncDecide();
        if (!Discarding)
            Inner.Stream.Flush();
    }

    private void SyncDecide()
    {
        var decision = unit.Decide(async: false);
        if (!decision.IsCompleted)
            throw new InvalidOperationException("A synchronous decision did not complete synchronously.");
        decision.GetAwaiter().GetResult();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

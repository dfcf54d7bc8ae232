using System.IO.Pipelines;
using Framework.AspNetCore.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Framework.AspNetCore;

/// <summary>
/// The response body while a request's unit of work is undecided: the first write, flush or start commits or rolls
/// back first (with the status the endpoint set), and only then reaches the server. After a failed commit, the endpoint's
/// writes are dropped, so that nothing of a response that must not be sent reaches the client. The body writer is a
/// pipe over this stream, as ASP.NET Core's own body-wrapping middlewares (response compression) do it.
/// A JSON body under the JSON guard's Raise policy is held whole until the endpoint returns (see
/// <see cref="JsonGuardSetup.HoldsResponse"/>), and the decision waits for it too: a guard failure anywhere in the body then
/// rolls back and becomes a clean problem response, with no byte of the JSON sent. Clearing the response drops what is held.
/// </summary>
internal sealed class UnitOfWorkResponseBody(IHttpResponseBodyFeature inner, RequestUnitOfWork unit) : Stream, IHttpResponseBodyFeature
{
    private PipeWriter? _writer;
    private bool? _holding;
    private FileBufferingWriteStream? _held;
    private int _threshold;

    public IHttpResponseBodyFeature Inner { get; } = inner;

    private bool Discarding => unit.CommitFailure is not null;

    // ---- IHttpResponseBodyFeature

    public Stream Stream => this;

    public PipeWriter Writer => _writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

    public void DisableBuffering() => Inner.DisableBuffering();

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Holding())
            return;
        await unit.Decide(async: true).ConfigureAwait(false);
        if (!Discarding)
            await Inner.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        await Release().ConfigureAwait(false);
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
        await Release().ConfigureAwait(false);
        await unit.Decide(async: true).ConfigureAwait(false);
    }

    // Whether this body is held: decided at the first start, write or flush, once the endpoint has set its content type.
    private bool Holding()
    {
        if (_holding is { } holding)
            return holding;
        var context = unit.HttpContext;
        _holding = JsonGuardSetup.HoldsResponse(context);
        if (_holding.Value)
        {
            _threshold = context.RequestServices.GetRequiredService<IOptions<JsonGuardOptions>>().Value.HeldBodyMemoryThreshold;
            _held = NewHeld();
        }
        return _holding.Value;
    }

    // Ends the hold: decides, then sends what was held (with its length, when the endpoint set none).
    private async ValueTask Release()
    {
        if (_holding != true || _held is not { } held)
            return;
        _holding = false;
        _held = null;
        await unit.Decide(async: true).ConfigureAwait(false);
        if (!Discarding)
        {
            var response = unit.HttpContext.Response;
            if (!response.HasStarted && response.ContentLength is null)
                response.ContentLength = held.Length;
            await held.DrainBufferAsync(Inner.Stream).ConfigureAwait(false);
        }
        await held.DisposeAsync().ConfigureAwait(false);
    }

    private FileBufferingWriteStream NewHeld()
    {
        var held = new FileBufferingWriteStream(_threshold);
        // Disposed with the response in any case: past the threshold it owns a temporary file.
        unit.HttpContext.Response.RegisterForDisposeAsync(held);
        return held;
    }

    /// <summary>Drops what is held, and what the body writer still holds (the response is being replaced by a problem).</summary>
    public void DropHeld()
    {
        if (_held is { } held)
        {
            held.Dispose();
            _held = NewHeld();
            _writer = null;
        }
    }

    // ---- Stream

    public override bool CanRead => false;

    // True while holding, so that HttpResponse.Clear (an exception handler about to write a problem) drops what is held
    // through SetLength(0).
    public override bool CanSeek => _holding == true;

    public override bool CanWrite => true;

    public override long Length => _held?.Length ?? throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Holding())
        {
            await _held!.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            return;
        }
        await unit.Decide(async: true).ConfigureAwait(false);
        if (!Discarding)
            await Inner.Stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (Holding())
        {
            _held!.Write(buffer, offset, count);
            return;
        }
        // Synchronous writes (AllowSynchronousIO) decide synchronously, through the sessions' sync faces.
        SyncDecide();
        if (!Discarding)
            Inner.Stream.Write(buffer, offset, count);
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (Holding())
            return;
        await unit.Decide(async: true).ConfigureAwait(false);
        if (!Discarding)
            await Inner.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Flush()
    {
        if (Holding())
            return;
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

    public override void SetLength(long value)
    {
        if (_holding != true || value != 0)
            throw new NotSupportedException();
        DropHeld();
    }
}

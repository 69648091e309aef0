using System.Runtime.CompilerServices;

namespace PayerTrustGateway.LoadHarness;

/// <summary>
/// Reads HTTP/1.1 responses from one connection into a single reused buffer. Bodies are counted and discarded;
/// framing follows RFC 9112 §6.3 (no body for 1xx/204/304, then chunked, then Content-Length, else until close).
/// Bytes that arrive after a response stay in the buffer for the next one. The per-response async methods use
/// the pooling builder, so steady-state load allocates nothing per request here (the generator must not add GC
/// pauses of its own to the latencies it measures).
/// </summary>
internal sealed class HttpResponseReader
{
    /// <summary>Largest response head or chunk-size line accepted.</summary>
    public const int BufferSize = 64 * 1024;

    // Negative results of FindDelimiterAsync and ReadChunkedBodyAsync.
    private const int EndOfStream = -1;
    private const int TooLarge = -2;
    private const int Invalid = -3;

    private readonly Stream stream;
    private readonly byte[] buffer = new byte[BufferSize];
    private int start;
    private int end;

    public HttpResponseReader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        this.stream = stream;
    }

    private enum FillResult
    {
        Data,
        EndOfStream,
        BufferFull,
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ResponseReadResult> ReadResponseAsync(CancellationToken cancellationToken)
    {
        var firstHead = true;
        while (true)
        {
            var headLength = await FindDelimiterAsync(blankLine: true, cancellationToken);
            if (headLength < 0)
            {
                var closedCleanly = headLength == EndOfStream && firstHead && start == end;
                return ResponseReadResult.Failed(
                    closedCleanly ? ResponseReadStatus.ConnectionClosed : ErrorStatus(headLength));
            }

            var parsed = HttpResponseHead.TryParse(buffer.AsSpan(start, headLength), out var head);
            start += headLength + 4;
            if (!parsed || head.StatusCode == 101)
            {
                // 101 would switch protocols; we never ask for an upgrade.
                return ResponseReadResult.Failed(ResponseReadStatus.Malformed);
            }

            if (head.StatusCode < 200)
            {
                // RFC 9110 §15.2: interim responses precede the final one on the same connection.
                firstHead = false;
                continue;
            }

            return await ReadBodyAsync(head, cancellationToken);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ResponseReadResult> ReadBodyAsync(HttpResponseHead head, CancellationToken cancellationToken)
    {
        if (head.HasNoBody)
        {
            return new ResponseReadResult(ResponseReadStatus.Complete, head.StatusCode, 0, head.KeepAlive);
        }

        if (head.IsChunked)
        {
            var chunked = await ReadChunkedBodyAsync(cancellationToken);
            return chunked < 0
                ? ResponseReadResult.Failed(ErrorStatus(chunked))
                : new ResponseReadResult(ResponseReadStatus.Complete, head.StatusCode, chunked, head.KeepAlive);
        }

        if (head.ContentLength >= 0 && !head.HasOtherTransferCoding)
        {
            return await SkipAsync(head.ContentLength, cancellationToken)
                ? new ResponseReadResult(ResponseReadStatus.Complete, head.StatusCode, head.ContentLength, head.KeepAlive)
                : ResponseReadResult.Failed(ResponseReadStatus.Truncated);
        }

        // RFC 9112 §6.3 rules 4 and 8: the body is delimited by the server closing the connection.
        var untilClose = await SkipToEndOfStreamAsync(cancellationToken);
        return new ResponseReadResult(ResponseReadStatus.Complete, head.StatusCode, untilClose, KeepAlive: false);
    }

    private static ResponseReadStatus ErrorStatus(long code) =>
        code == EndOfStream ? ResponseReadStatus.Truncated : ResponseReadStatus.Malformed;

    /// <summary>RFC 9112 §7.1: chunk-size [ext] CRLF data CRLF ... 0 [ext] CRLF trailer-section CRLF.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<long> ReadChunkedBodyAsync(CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            var lineLength = await FindDelimiterAsync(blankLine: false, cancellationToken);
            if (lineLength < 0)
            {
                return lineLength;
            }

            var size = ParseChunkSize(buffer.AsSpan(start, lineLength));
            start += lineLength + 2;
            if (size < 0)
            {
                return Invalid;
            }

            if (size == 0)
            {
                var trailer = await SkipTrailerSectionAsync(cancellationToken);
                return trailer < 0 ? trailer : total;
            }

            if (!await SkipAsync(size, cancellationToken))
            {
                return EndOfStream;
            }

            var crlf = await FindDelimiterAsync(blankLine: false, cancellationToken);
            if (crlf != 0)
            {
                return crlf < 0 ? crlf : Invalid;
            }

            start += 2;
            total += size;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> SkipTrailerSectionAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var lineLength = await FindDelimiterAsync(blankLine: false, cancellationToken);
            if (lineLength < 0)
            {
                return lineLength;
            }

            start += lineLength + 2;
            if (lineLength == 0)
            {
                return 0;
            }
        }
    }

    /// <summary>Hex chunk size, optionally followed by BWS and ";ext"; -1 when invalid or absurdly large.</summary>
    private static long ParseChunkSize(ReadOnlySpan<byte> line)
    {
        long size = 0;
        var digits = 0;
        for (; digits < line.Length; digits++)
        {
            var value = HexValue(line[digits]);
            if (value < 0)
            {
                break;
            }

            if (digits == 15)
            {
                return -1;
            }

            size = (size << 4) | (uint)value;
        }

        var rest = line[digits..].TrimStart(" \t"u8);
        return digits > 0 && (rest.IsEmpty || rest[0] == (byte)';') ? size : -1;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    /// <summary>
    /// Ensures the buffered data contains CRLF (or CRLF CRLF when <paramref name="blankLine"/>) and returns the
    /// number of bytes before it, counted from <see cref="start"/>; or a negative error code.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> FindDelimiterAsync(bool blankLine, CancellationToken cancellationToken)
    {
        var delimiterLength = blankLine ? 4 : 2;
        var scanned = 0;
        while (true)
        {
            var index = IndexOfDelimiter(scanned, blankLine);
            if (index >= 0)
            {
                return index;
            }

            // A delimiter may straddle the old end of data: rescan its last delimiterLength - 1 bytes.
            scanned = Math.Max(0, end - start - (delimiterLength - 1));
            var fill = await FillAsync(cancellationToken);
            if (fill != FillResult.Data)
            {
                return fill == FillResult.EndOfStream ? EndOfStream : TooLarge;
            }
        }
    }

    private int IndexOfDelimiter(int scanned, bool blankLine)
    {
        var data = buffer.AsSpan(start + scanned, end - start - scanned);
        var index = blankLine ? data.IndexOf("\r\n\r\n"u8) : data.IndexOf("\r\n"u8);
        return index < 0 ? -1 : scanned + index;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<FillResult> FillAsync(CancellationToken cancellationToken)
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            return FillResult.BufferFull;
        }

        var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
        if (read == 0)
        {
            return FillResult.EndOfStream;
        }

        end += read;
        return FillResult.Data;
    }

    /// <summary>Consumes <paramref name="count"/> body bytes; false when the stream ends first.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> SkipAsync(long count, CancellationToken cancellationToken)
    {
        while (true)
        {
            var available = end - start;
            if (available >= count)
            {
                start += (int)count;
                return true;
            }

            count -= available;
            start = end = 0;
            var read = await stream.ReadAsync(buffer.AsMemory(), cancellationToken);
            if (read == 0)
            {
                return false;
            }

            end = read;
        }
    }

    private async ValueTask<long> SkipToEndOfStreamAsync(CancellationToken cancellationToken)
    {
        long total = end - start;
        start = end = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }
}

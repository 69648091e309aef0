using System.Buffers;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Serialization;

namespace PayerTrustGateway.Audit;

/// <summary>Writes records as NDJSON: the export form with hashes (<see cref="AuditChain.WriteExport"/>), or one FHIR AuditEvent per line.</summary>
internal static class AuditExport
{
    private const int FlushEvery = 256;
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static async Task<long> WriteAsync(IEnumerable<AuditRecord> records, bool fhir, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(output);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        long count = 0;
        foreach (var record in records)
        {
            if (fhir)
            {
                buffer.Write(Encoding.UTF8.GetBytes(AuditEventMapper.Map(record).ToJson()));
            }
            else
            {
                using var json = new Utf8JsonWriter(buffer);
                AuditChain.WriteExport(record, json);
            }

            buffer.Write(NewLine);
            if (++count % FlushEvery == 0)
            {
                await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
                buffer.ResetWrittenCount();
            }
        }

        await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return count;
    }
}

using System.Text.Json;
using Akka.Actor;
using System.Runtime.Serialization;
using Akka.Serialization;
using AiMass.Kernels.Input;
using AiMass.Seed.Protocol;

namespace AiMass.Seed.Serialization;

/// <summary>
/// The one serializer bound to <see cref="IAimassMessage"/>: hand-written binary for the numeric hot path
/// (parameters and statistics, raw float64), System.Text.Json for small control messages. A string manifest names
/// the concrete type; nothing in a payload names a type, so nothing outside this table can be deserialized.
/// </summary>
public sealed class AimassSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>The serializer id (stable for the cluster's life).</summary>
    public const int SerializerId = 917;

    private static readonly Dictionary<Type, string> Manifests = new()
    {
        [typeof(PartitionCommands.ComputeStatistics)] = "cs",
        [typeof(PartitionEvents.StatisticsComputed)] = "sc",
        [typeof(PartitionCommands.ReleasePartition)] = "rp",
        [typeof(PartitionEvents.StatisticsFailed)] = "sf",
        [typeof(JobCommands.SubmitJob)] = "js",
        [typeof(JobCommands.JobSubmitted)] = "jd",
        [typeof(JobCommands.JobRejected)] = "jr",
        [typeof(JobCommands.CancelJob)] = "jc",
        [typeof(JobCommands.JobNotFound)] = "jn",
        [typeof(JobCommands.DeleteJob)] = "jx",
        [typeof(JobCommands.JobDeleted)] = "jy",
        [typeof(JobCommands.JobNotDeleted)] = "jz",
        [typeof(JobQueries.GetJobs)] = "qj",
        [typeof(JobQueries.JobList)] = "ql",
        [typeof(JobQueries.GetJob)] = "qg",
        [typeof(JobQueries.JobStatusReply)] = "qs",
        [typeof(JobQueries.GetJobModel)] = "qm",
        [typeof(JobQueries.JobModel)] = "qo",
        [typeof(WorkerEvents.WorkerAdvertised)] = "wa",
        [typeof(ClusterQueries.GetClusterView)] = "cv",
        [typeof(ClusterQueries.ClusterView)] = "cw",
        [typeof(PayloadChunks.Chunk)] = "pc",
        [typeof(PayloadChunks.ChunkReceived)] = "pa",
        [typeof(NodeCommands.ReleaseJob)] = "nr",
    };

    private static long _bytesRead;

    private static readonly Dictionary<string, Type> Types = Manifests.ToDictionary(p => p.Value, p => p.Key);

    /// <inheritdoc />
    public override int Identifier => SerializerId;

    /// <summary>
    /// Bytes of AiMass messages this process has deserialized (every actor system in it): what its nodes received
    /// over remoting, for benchmarks and diagnostics.
    /// </summary>
    public static long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>Every message type this serializer handles.</summary>
    public static IReadOnlyCollection<Type> MessageTypes => Manifests.Keys;

    /// <inheritdoc />
    public override string Manifest(object o) =>
        Manifests.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"{o.GetType()} is not an AiMass message.", nameof(o));

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        switch (obj)
        {
            case PartitionCommands.ComputeStatistics compute:
                return Binary(w => BinaryMessages.Write(w, compute));
            case PartitionEvents.StatisticsComputed computed:
                return Binary(w => BinaryMessages.Write(w, computed));
            case PayloadChunks.Chunk chunk:
                return ChunkCodec.Write(chunk);
            case PayloadChunks.ChunkReceived received:
                return ChunkCodec.Write(received);
            default:
                Manifest(obj);
                return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType());
        }
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Interlocked.Add(ref _bytesRead, bytes.Length);
        switch (manifest)
        {
            case "pc":
                return ChunkCodec.ReadChunk(bytes);
            case "pa":
                return ChunkCodec.ReadReceived(bytes);
            case "cs":
                return BinaryMessages.ReadComputeStatistics(Reader(bytes));
            case "sc":
                return BinaryMessages.ReadStatisticsComputed(Reader(bytes));
            default:
                if (!Types.TryGetValue(manifest, out var type))
                {
                    throw new SerializationException($"Unknown AiMass message manifest {Excerpt.Of(manifest)}.");
                }

                return JsonSerializer.Deserialize(bytes, type)
                    ?? throw new SerializationException($"Empty AiMass message {Excerpt.Of(manifest)}.");
        }
    }

    private static byte[] Binary(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    private static BinaryReader Reader(byte[] bytes) => new(new MemoryStream(bytes, writable: false));
}

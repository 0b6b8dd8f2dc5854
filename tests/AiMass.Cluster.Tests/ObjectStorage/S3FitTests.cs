using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Fitting;
using AiMass.Coordinator.Nodes;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;
using AiMass.Seed.Data.Storage;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Cluster.Tests.ObjectStorage;

/// <summary>
/// Fits from a real S3-compatible server (s3rver on loopback) equal the fits of the same local files bit for bit, in
/// one process and through a two-worker loopback cluster, for .npy, Parquet and a multi-file Parquet dataset; and
/// the server's own request log shows that partitions read byte ranges, never whole objects.
/// </summary>
public sealed class S3FitTests : IDisposable
{
    private const int Rows = 3000;
    private const int Features = 3;
    private readonly TempDirectory _dir = new();
    private readonly S3Server? _server = S3FactAttribute.Executable is null ? null : new S3Server();

    public void Dispose()
    {
        _server?.Dispose();
        _dir.Dispose();
    }

    [S3Fact]
    public void A_fit_of_an_npy_object_equals_the_local_fit_bit_for_bit_and_reads_only_byte_ranges()
    {
        var local = Datasets.WriteMixture(_dir.File("x.npy"), 40_000, Features, 3, seed: 21);
        var uri = _server!.Upload(local, "sets/x.npy");
        var size = new FileInfo(local).Length;

        using var counter = new FaultProxy(_server.Port);

        var expected = Fit(local, DataAccess.For(new DataAccessSettings()));
        var actual = Fit(uri, new DataAccess(_server.Settings(counter.Endpoint)));

        ModelAssert.SameAs(expected, actual);
        // Every GET of the object asked for a byte range (the counting proxy saw its Range header) ...
        var gets = counter.Requests.Where(r => r.StartsWith("GET /data/sets/x.npy", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(gets);
        Assert.All(gets, r => Assert.Contains("Range: bytes=", r));
        // ... and the server answered each with part of it (206), never the whole object.
        var ranged = _server.Requests(206);
        Assert.Equal(gets.Count, ranged.Count);
        Assert.All(ranged, r => Assert.True(r.Bytes < size, $"a ranged read of {r.Bytes} bytes of {size}"));
        // Planning reads the header and its row sample (here every row) in blocks, once; then each of the five
        // partitions reads its own fifth: about twice the file in all, where whole-file reads would be six times.
        var total = ranged.Sum(r => r.Bytes);
        Assert.InRange(total, 1.9 * size, 2.2 * size);
    }

    [S3Fact]
    public void A_fit_of_a_parquet_object_equals_the_local_fit_bit_for_bit()
    {
        var values = ParquetDatasets.ReadNpy(Datasets.WriteMixture(_dir.File("x.npy"), Rows, Features, 3, 22), out _);
        var local = ParquetDatasets.Write(_dir.File("x.parquet"), values, Features, 0, Rows, groupRows: 400);
        var uri = _server!.Upload(local, "sets/x.parquet");

        var expected = Fit(local, DataAccess.For(new DataAccessSettings()));
        var actual = Fit(uri, new DataAccess(_server.Settings()));

        ModelAssert.SameAs(expected, actual);
    }

    [S3Fact]
    public void A_multi_file_parquet_prefix_equals_one_local_file_with_partitions_spanning_parts()
    {
        var values = ParquetDatasets.ReadNpy(Datasets.WriteMixture(_dir.File("x.npy"), Rows, Features, 3, 23), out _);
        var whole = ParquetDatasets.Write(_dir.File("x.parquet"), values, Features, 0, Rows, groupRows: 500);
        Directory.CreateDirectory(_dir.File("parts"));
        var cuts = new long[] { 0, 700, 1900, Rows };
        for (var p = 0; p + 1 < cuts.Length; p++)
        {
            var part = ParquetDatasets.Write(
                _dir.File($"parts/part-{p:D4}.parquet"), values, Features, cuts[p], cuts[p + 1] - cuts[p], 300);
            _server!.Upload(part, $"parts/part-{p:D4}.parquet");
        }

        var expected = Fit(whole, DataAccess.For(new DataAccessSettings()));
        var folder = Fit(_dir.File("parts"), DataAccess.For(new DataAccessSettings()));
        var prefix = Fit($"s3://{_server!.Bucket}/parts/", new DataAccess(_server.Settings()));

        ModelAssert.SameAs(expected, folder);
        ModelAssert.SameAs(expected, prefix);
    }

    [S3Fact]
    public async Task A_two_worker_cluster_fit_from_s3_equals_the_local_fit_for_npy_parquet_and_parts()
    {
        var npy = Datasets.WriteMixture(_dir.File("c.npy"), Rows, Features, 3, seed: 24);
        var values = ParquetDatasets.ReadNpy(npy, out _);
        var parquet = ParquetDatasets.Write(_dir.File("c.parquet"), values, Features, 0, Rows, groupRows: 450);
        _server!.Upload(npy, "c/x.npy");
        _server.Upload(parquet, "c/x.parquet");
        _server.Upload(ParquetDatasets.Write(_dir.File("p0.parquet"), values, Features, 0, 1234, 200), "c/parts/a.parquet");
        _server.Upload(
            ParquetDatasets.Write(_dir.File("p1.parquet"), values, Features, 1234, Rows - 1234, 200), "c/parts/b.parquet");
        var settings = _server.Settings();
        await using var cluster = await EmbeddedCluster.StartAsync(
            2, () => new ReferenceBackend(), s => s with { DataAccess = settings });

        foreach (var (local, uri) in new[]
                 {
                     (npy, "s3://data/c/x.npy"), (parquet, "s3://data/c/x.parquet"), (parquet, "s3://data/c/parts/"),
                 })
        {
            var expected = Fit(local, DataAccess.For(new DataAccessSettings()));
            var status = await ClusterJobs.RunAsync(cluster, Spec(uri));
            Assert.True(status.State == JobState.Succeeded, status.Error);
            ModelAssert.SameAs(expected, await ClusterJobs.ModelAsync(cluster, status.JobId));
        }
    }

    private static FitSpec Spec(string data) =>
        new() { Data = data, Components = 3, Partitions = 5, MaxIter = 8, Tol = 0, Seed = 3 };

    private static GaussianMixtureParameters Fit(string data, DataAccess access) =>
        (GaussianMixtureParameters)LocalFit.Run(
            Spec(data), new ReferenceBackend(), new NullFitObserver(), CancellationToken.None, access).Parameters;
}

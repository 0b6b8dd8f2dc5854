using AiMass.Cluster.Tests.Support;
using AiMass.Kernels;
using AiMass.Seed.Data.Parts;
using AiMass.Seed.Data.Storage;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Cluster.Tests.ObjectStorage;

/// <summary>
/// Every fault of the data plane against a real S3-compatible server: a missing object or bucket, a truncated
/// object, an object that changes during a job, throttling (503 SlowDown) and a store that stops answering each
/// end in their defined outcome: retried when transient, else a user error naming the URI and the remedy.
/// </summary>
public sealed class S3FaultTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly S3Server? _server = S3FactAttribute.Executable is null ? null : new S3Server();

    public void Dispose()
    {
        _server?.Dispose();
        _dir.Dispose();
    }

    [S3Fact]
    public void A_missing_object_is_a_missing_fault_naming_the_uri()
    {
        var error = Assert.Throws<DataAccessException>(() => Open("s3://data/nowhere/x.npy"));

        Assert.Equal(DataFault.Missing, error.Fault);
        Assert.Contains("s3://data/nowhere/x.npy does not exist", error.Message);
        Assert.True(error.OtherNodesMayRead);
    }

    [S3Fact]
    public void A_missing_bucket_is_a_missing_fault_that_says_the_bucket_does_not_exist()
    {
        var error = Assert.Throws<DataAccessException>(() => Open("s3://no-such-bucket/x.npy"));

        Assert.Equal(DataFault.Missing, error.Fault);
        Assert.Contains("s3://no-such-bucket/x.npy: the bucket does not exist (NoSuchBucket)", error.Message);
    }

    [S3Fact]
    public void A_truncated_npy_object_is_refused_at_planning_naming_the_uri()
    {
        var local = Datasets.WriteMixture(_dir.File("x.npy"), 500, 3, 2, seed: 1);
        var bytes = File.ReadAllBytes(local);
        File.WriteAllBytes(_dir.File("cut.npy"), bytes[..(bytes.Length - 100)]);
        var uri = _server!.Upload(_dir.File("cut.npy"), "cut.npy");

        var error = Assert.Throws<InvalidInputException>(() => Open(uri));

        Assert.StartsWith($"{uri} is truncated: its header says 500 × 3 float64", error.Message);
    }

    [S3Fact]
    public void An_object_changed_after_planning_fails_the_partition_as_changed_not_as_stale_data()
    {
        var first = Datasets.WriteMixture(_dir.File("a.npy"), 600, 3, 2, seed: 2);
        var second = Datasets.WriteMixture(_dir.File("b.npy"), 600, 3, 2, seed: 3);
        var uri = _server!.Upload(first, "moving.npy");
        var access = new DataAccess(_server.Settings());
        using var planned = DatasetLayout.Open(Spec(uri), 3, access);
        var dataset = DatasetRef.From(Spec(uri), 3) with { Fingerprint = planned.Fingerprint };

        _server.Upload(second, "moving.npy");

        var onWorker = Assert.Throws<DataAccessException>(() => DatasetLayout.OpenPlanned(dataset, access));
        Assert.Equal(DataFault.Changed, onWorker.Fault);
        Assert.Contains("changed since the job was planned", onWorker.Message);
        // A read pinned to the planned ETag is refused too (the coordinator's lazy reader after the change).
        var part = planned.Parts[0];
        var read = Assert.Throws<DataAccessException>(
            () => access.StoreOf(part.Object.Location).Read(part.Object, 0, new byte[16], "data file"));
        Assert.Equal(DataFault.Changed, read.Fault);
        Assert.False(read.OtherNodesMayRead);
    }

    [S3Fact]
    public void Throttling_is_retried_with_backoff_and_the_read_succeeds()
    {
        var local = Datasets.WriteMixture(_dir.File("x.npy"), 400, 2, 2, seed: 4);
        _server!.Upload(local, "t.npy");
        using var proxy = new FaultProxy(_server.Port);
        var access = new DataAccess(_server.Settings(proxy.Endpoint));
        proxy.SlowDown(2);

        using var layout = DatasetLayout.Open(Spec("s3://data/t.npy"), 2, access);

        Assert.Equal(400, layout.Data.Rows);
        Assert.True(proxy.Requests.Count >= 3, string.Join('\n', proxy.Requests));
    }

    [S3Fact]
    public void Throttling_that_outlives_the_retries_is_a_throttled_fault()
    {
        _server!.Upload(Datasets.WriteMixture(_dir.File("x.npy"), 400, 2, 2, seed: 5), "t.npy");
        using var proxy = new FaultProxy(_server.Port);
        var access = new DataAccess(_server.Settings(proxy.Endpoint));
        proxy.SlowDown(int.MaxValue);

        var error = Assert.Throws<DataAccessException>(() => DatasetLayout.Open(Spec("s3://data/t.npy"), 2, access));

        Assert.Equal(DataFault.Throttled, error.Fault);
        Assert.Contains("503 SlowDown after 3 attempts", error.Message);
        Assert.Equal(3, proxy.Requests.Count);
    }

    [S3Fact]
    public void A_store_that_stops_answering_is_an_unreachable_fault_after_the_retries()
    {
        _server!.Upload(Datasets.WriteMixture(_dir.File("x.npy"), 400, 2, 2, seed: 6), "h.npy");
        using var proxy = new FaultProxy(_server.Port);
        var settings = _server.Settings(proxy.Endpoint) with { RequestTimeout = TimeSpan.FromMilliseconds(500) };
        var access = new DataAccess(settings);
        proxy.Hang = true;

        var error = Assert.Throws<DataAccessException>(() => DatasetLayout.Open(Spec("s3://data/h.npy"), 2, access));

        Assert.Equal(DataFault.Unreachable, error.Fault);
        Assert.Contains("s3://data/h.npy: the store did not answer after 3 attempts", error.Message);
        Assert.Contains("--s3-endpoint", error.Message);
    }

    [S3Fact]
    public void A_partition_reads_its_npy_range_through_the_cache_once_and_a_changed_object_gets_new_entries()
    {
        var local = Datasets.WriteMixture(_dir.File("x.npy"), 900, 3, 2, seed: 7);
        var uri = _server!.Upload(local, "cached.npy");
        var access = new DataAccess(_server.Settings() with { CacheDirectory = _dir.File("cache") });
        using (var layout = DatasetLayout.Open(Spec(uri), 3, access))
        {
            layout.Partition(1);
        }

        var before = _server.Requests(206).Count;
        using (var again = DatasetLayout.Open(Spec(uri), 3, access))
        {
            again.Partition(1);
        }

        Assert.Equal(1, access.Cache!.Hits);
        // Planning read the header again (one small ranged GET); the partition's 900 / 3 rows came from the cache.
        Assert.All(_server.Requests(206).Skip(before), r => Assert.True(r.Bytes <= ObjectStream.BlockSize));
        _server.Upload(Datasets.WriteMixture(_dir.File("y.npy"), 900, 3, 2, seed: 8), "cached.npy");
        using var changed = DatasetLayout.Open(Spec(uri), 3, access);
        changed.Partition(1);
        Assert.Equal(1, access.Cache.Hits);
    }

    private DatasetLayout Open(string uri) => DatasetLayout.Open(Spec(uri), 2, new DataAccess(_server!.Settings()));

    private static FitSpec Spec(string data) => new() { Data = data, Components = 2 };
}

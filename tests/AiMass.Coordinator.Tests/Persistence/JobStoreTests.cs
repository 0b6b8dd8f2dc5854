using System.Text.Json;
using AiMass.Coordinator.Persistence;
using AiMass.Coordinator.Tests.Support;
using AiMass.Kernels;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Tests.Persistence;

/// <summary>
/// What every durable job store must do, checked on SQLite (a file) and on PostgreSQL (a throwaway server): the
/// checkpoint comes back field for field, a save replaces the job's row, jobs come back oldest first, and a second
/// store on the same database — a coordinator restarted, or a standby taking over — sees them.
/// </summary>
public abstract class JobStoreContract
{
    /// <summary>A store over a new, empty database.</summary>
    protected abstract IJobStore NewStore();

    /// <summary>A second store over the database of <paramref name="first"/>.</summary>
    protected abstract IJobStore SameDatabase(IJobStore first);

    protected void A_checkpoint_comes_back_field_for_field()
    {
        var store = NewStore();
        var saved = Checkpoint("j1", 0, step: 7, state: [1, 2, 3, 255, 0], model: null);
        store.Save(saved);

        var loaded = Assert.Single(store.LoadAll());
        AssertSame(saved, loaded);
    }

    protected void A_save_replaces_the_job_and_a_finished_job_keeps_its_model()
    {
        var store = NewStore();
        store.Save(Checkpoint("j1", 0, step: 3, state: [9, 9], model: null));
        var finished = Checkpoint("j1", 0, step: 12, state: null, model: "{\"weights\": [0.5, 0.5]}",
            JobState.Succeeded);
        store.Save(finished);

        AssertSame(finished, Assert.Single(store.LoadAll()));
    }

    protected void Jobs_come_back_oldest_first_and_another_store_on_the_database_sees_them()
    {
        var store = NewStore();
        store.Save(Checkpoint("late", 30, step: 1, state: [1], model: null));
        store.Save(Checkpoint("early", 10, step: 2, state: [2], model: null));
        store.Save(Checkpoint("middle", 20, step: 3, state: [3], model: null));

        Assert.Equal(["early", "middle", "late"], SameDatabase(store).LoadAll().Select(j => j.JobId));
    }

    private static JobCheckpoint Checkpoint(
        string id, int secondsAfterEpoch, int step, byte[]? state, string? model,
        JobState jobState = JobState.Running)
    {
        var spec = new FitSpec { Data = "/data/x.npy", Components = 3, CovarianceType = "full", Partitions = 4 };
        var status = new JobStatus(
            id, jobState, "gmm K=3 full on /data/x.npy", 1, 4, 4, null, false,
            DateTimeOffset.UnixEpoch.AddSeconds(secondsAfterEpoch),
            jobState == JobState.Running ? null : DateTimeOffset.UnixEpoch.AddSeconds(secondsAfterEpoch + 5),
            jobState == JobState.Running ? null : true, [Statuses.Entry(1), Statuses.Entry(2)], step);
        return new JobCheckpoint(id, spec, status, step, state, model);
    }

    private static void AssertSame(JobCheckpoint expected, JobCheckpoint actual)
    {
        Assert.Equal(expected.JobId, actual.JobId);
        Assert.Equal(JsonSerializer.Serialize(expected.Spec), JsonSerializer.Serialize(actual.Spec));
        Assert.Equal(JsonSerializer.Serialize(expected.Status), JsonSerializer.Serialize(actual.Status));
        Assert.Equal(expected.Step, actual.Step);
        Assert.Equal(expected.FitState, actual.FitState);
        Assert.Equal(expected.ModelJson, actual.ModelJson);
    }
}

public sealed class SqliteJobStoreTests : JobStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();
    private int _files;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Checkpoint_round_trip() => A_checkpoint_comes_back_field_for_field();

    [Fact]
    public void Save_replaces() => A_save_replaces_the_job_and_a_finished_job_keeps_its_model();

    [Fact]
    public void Order_and_sharing() => Jobs_come_back_oldest_first_and_another_store_on_the_database_sees_them();

    protected override IJobStore NewStore() => new SqliteJobStore(_dir.File($"jobs-{++_files}.db"));

    protected override IJobStore SameDatabase(IJobStore first) => new SqliteJobStore(((SqliteJobStore)first).Path);
}

public sealed class PostgresJobStoreTests(PostgresServer server)
    : JobStoreContract, IClassFixture<PostgresServer>, IDisposable
{
    private readonly List<PostgresJobStore> _stores = [];

    public void Dispose() => _stores.ForEach(s => s.Dispose());

    [PostgresFact]
    public void Checkpoint_round_trip() => A_checkpoint_comes_back_field_for_field();

    [PostgresFact]
    public void Save_replaces() => A_save_replaces_the_job_and_a_finished_job_keeps_its_model();

    [PostgresFact]
    public void Order_and_sharing() => Jobs_come_back_oldest_first_and_another_store_on_the_database_sees_them();

    [PostgresFact]
    public void A_server_that_does_not_answer_is_named_without_the_password()
    {
        var closed = server.Port == 1 ? 2 : 1; // nothing listens on port 1 or 2 of loopback here
        var error = Assert.Throws<InvalidInputException>(() => new PostgresJobStore(
            $"Host=127.0.0.1;Port={closed};Database=jobs;Username=aimass;Password=s3cret;Timeout=3"));
        Assert.StartsWith($"Cannot use the job store PostgreSQL 127.0.0.1:{closed}/jobs: ", error.Message);
        Assert.EndsWith(
            "Check that the server runs and accepts this user (--job-store or AIMASS_JOB_STORE).", error.Message);
        Assert.DoesNotContain("s3cret", error.Message);
    }

    [PostgresFact]
    public void A_malformed_connection_string_gets_an_example()
    {
        var error = Assert.Throws<InvalidInputException>(() => new PostgresJobStore("Hots=db;Nonsense"));
        Assert.StartsWith("The job store connection string is malformed (", error.Message);
        Assert.EndsWith(
            "give one like 'Host=db;Port=5432;Database=aimass;Username=aimass;Password=…' in --job-store or " +
            "AIMASS_JOB_STORE.", error.Message);
    }

    protected override IJobStore NewStore() => Keep(new PostgresJobStore(server.NewDatabase()));

    protected override IJobStore SameDatabase(IJobStore first) =>
        Keep(new PostgresJobStore(((PostgresJobStore)first).ConnectionString));

    private PostgresJobStore Keep(PostgresJobStore store)
    {
        _stores.Add(store);
        return store;
    }
}

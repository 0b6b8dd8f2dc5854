using AiMass.Coordinator.Persistence;
using AiMass.Coordinator.Tests.Support;
using AiMass.Kernels;
using AiMass.Seed.Protocol;
using Microsoft.Data.Sqlite;

namespace AiMass.Coordinator.Tests.Persistence;

public sealed class SqliteJobStoreTests : JobStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();
    private int _files;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public Task Checkpoint_round_trip() => A_checkpoint_comes_back_field_for_field();

    [Fact]
    public Task Save_replaces() => A_save_replaces_the_job_and_a_finished_job_keeps_its_model();

    [Fact]
    public Task Order_and_sharing() => Jobs_come_back_oldest_first_and_another_store_on_the_database_sees_them();

    [Fact]
    public Task Final_states_stay_final() => A_final_state_is_never_replaced_by_any_store_on_the_database();

    [Fact]
    public Task Finished_specs_are_slim() =>
        A_finished_job_is_stored_without_its_init_model_text_and_a_running_one_with_it();

    [Fact]
    public Task Delete_finished_only() => A_delete_removes_a_finished_job_only();

    [Fact]
    public Task Retention() => Retention_keeps_the_newest_finished_jobs_and_every_running_one();

    [Fact]
    public async Task A_store_made_by_an_older_version_keeps_its_final_states_final()
    {
        var path = _dir.File("old.db");
        var cancelled = Checkpoint("old", 0, step: 4, state: null, model: null, JobState.Cancelled);
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE jobs (job_id TEXT PRIMARY KEY, spec TEXT NOT NULL, status TEXT NOT NULL,
                  step INTEGER NOT NULL, fit_state BLOB, model TEXT, submitted TEXT NOT NULL, updated TEXT NOT NULL);
                INSERT INTO jobs VALUES ('old', $spec, $status, 4, NULL, NULL, '1970-01-01T00:00:00.0000000+00:00',
                  '1970-01-01T00:00:05.0000000+00:00');
                """;
            command.Parameters.AddWithValue("$spec", System.Text.Json.JsonSerializer.Serialize(cancelled.Spec));
            command.Parameters.AddWithValue("$status", System.Text.Json.JsonSerializer.Serialize(cancelled.Status));
            command.ExecuteNonQuery();
        }

        var store = new SqliteJobStore(path);
        var refused = await store.SaveAsync(Checkpoint("old", 0, step: 5, state: [5], model: null));

        Assert.False(refused.Saved);
        Assert.Equal(JobState.Cancelled, refused.FinalInStore!.State);
        Assert.Equal(JobState.Cancelled, Assert.Single(await store.LoadAllAsync()).Status.State);
    }

    [Fact]
    public void A_job_store_path_that_cannot_be_opened_is_bad_input_naming_the_path_and_the_remedy()
    {
        var folder = _dir.File("data");
        Directory.CreateDirectory(Path.Combine(folder, "jobs.db")); // a folder where the database file should be

        var error = Assert.Throws<InvalidInputException>(() => new SqliteJobStore(Path.Combine(folder, "jobs.db")));

        Assert.Equal(
            $"Cannot use the job store {Path.Combine(folder, "jobs.db")}: SQLite Error 14: 'unable to open database " +
            "file'. Give --data-dir (AiMass__DataDirectory) a folder this user can write, on a disk with free space, " +
            "or fix its permissions.",
            error.Message);
    }

    [Fact]
    public void A_data_directory_that_cannot_be_created_is_bad_input_naming_it()
    {
        File.WriteAllText(_dir.File("plain-file"), "x");
        var folder = Path.Combine(_dir.File("plain-file"), "data");

        var error = Assert.Throws<InvalidInputException>(() => DataDirectory.Ensure(folder));

        Assert.StartsWith($"Cannot use the data directory {folder}: ", error.Message);
        Assert.EndsWith(
            ". Give --data-dir (AiMass__DataDirectory) a folder this user can write, on a disk with free space, " +
            "or fix its permissions.", error.Message);
    }

    protected override IJobStore NewStore() => new SqliteJobStore(_dir.File($"jobs-{++_files}.db"));

    protected override IJobStore SameDatabase(IJobStore first) => new SqliteJobStore(((SqliteJobStore)first).Path);
}

using AiMass.Coordinator.Persistence;
using AiMass.Coordinator.Tests.Support;
using AiMass.Kernels;
using AiMass.Seed.Protocol;
using Npgsql;

namespace AiMass.Coordinator.Tests.Persistence;

public sealed class PostgresJobStoreTests(PostgresServer server)
    : JobStoreContract, IClassFixture<PostgresServer>, IDisposable
{
    private readonly List<PostgresJobStore> _stores = [];

    public void Dispose() => _stores.ForEach(s => s.Dispose());

    [PostgresFact]
    public Task Checkpoint_round_trip() => A_checkpoint_comes_back_field_for_field();

    [PostgresFact]
    public Task Save_replaces() => A_save_replaces_the_job_and_a_finished_job_keeps_its_model();

    [PostgresFact]
    public Task Order_and_sharing() => Jobs_come_back_oldest_first_and_another_store_on_the_database_sees_them();

    [PostgresFact]
    public Task Final_states_stay_final() => A_final_state_is_never_replaced_by_any_store_on_the_database();

    [PostgresFact]
    public Task Finished_specs_are_slim() =>
        A_finished_job_is_stored_without_its_init_model_text_and_a_running_one_with_it();

    [PostgresFact]
    public Task Delete_finished_only() => A_delete_removes_a_finished_job_only();

    [PostgresFact]
    public Task Retention() => Retention_keeps_the_newest_finished_jobs_and_every_running_one();

    [PostgresFact]
    public async Task A_store_made_by_an_older_version_keeps_its_final_states_final()
    {
        var database = server.NewDatabase();
        var failed = Checkpoint("old", 0, step: 4, state: null, model: null, JobState.Failed);
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using (var create = new NpgsqlCommand("""
                CREATE TABLE aimass_jobs (job_id text PRIMARY KEY, spec text NOT NULL, status text NOT NULL,
                  step integer NOT NULL, fit_state bytea, model text, submitted timestamptz NOT NULL,
                  updated timestamptz NOT NULL);
                """, connection))
            {
                await create.ExecuteNonQueryAsync();
            }

            await using var command = new NpgsqlCommand(
                "INSERT INTO aimass_jobs VALUES ('old', $1, $2, 4, NULL, NULL, now(), now());", connection);
            command.Parameters.Add(
                new NpgsqlParameter { Value = System.Text.Json.JsonSerializer.Serialize(failed.Spec) });
            command.Parameters.Add(
                new NpgsqlParameter { Value = System.Text.Json.JsonSerializer.Serialize(failed.Status) });
            await command.ExecuteNonQueryAsync();
        }

        var store = Keep(new PostgresJobStore(database));
        var refused = await store.SaveAsync(Checkpoint("old", 0, step: 5, state: [5], model: null));

        Assert.False(refused.Saved);
        Assert.Equal(JobState.Failed, refused.FinalInStore!.State);
    }

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

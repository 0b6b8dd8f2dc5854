using AiMass.Coordinator.Persistence;

namespace AiMass.Coordinator.Tests.Persistence;

public sealed class MemoryJobStoreTests : JobStoreContract
{
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

    protected override IJobStore NewStore() => new MemoryJobStore();

    protected override IJobStore SameDatabase(IJobStore first) => first;
}

using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Seed.Tests.Serialization;

/// <summary>At least one instance of every message type, with every optional field set somewhere.</summary>
internal static class MessageSamples
{
    private static readonly DateTimeOffset Submitted = new(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    public static DatasetRef Dataset { get; } =
        new("/data/x.npy", null, "/data/lengths.txt", 4) { Fingerprint = "0123456789abcdef" };

    public static IEnumerable<object> Control =>
    [
        new PartitionCommands.ReleasePartition("job-1", 3),
        new NodeCommands.ReleaseJob("job-1", []),
        new NodeCommands.ReleaseJob("job-1", [4, 9]),
        new PartitionEvents.StatisticsFailed("job-1", 2, 5, 3, "x.npy: row 7 holds NaN", true, "akka.tcp://a@w:1"),
        new JobCommands.SubmitJob(HmmSpec),
        new JobCommands.SubmitJob(new FitSpec { Data = "/d/x.csv", SampleWeight = "/d/w.npy", Partitions = null }),
        new JobCommands.JobSubmitted("20250304-050607-abcd"),
        new JobCommands.JobRejected("--k 0 must be at least 1.", true),
        new JobCommands.CancelJob("job-1"),
        new JobCommands.JobNotFound("job-2"),
        new JobCommands.DeleteJob("job-1"),
        new JobCommands.JobDeleted("job-1"),
        new JobCommands.JobNotDeleted("job-1", "Job job-1 is running; cancel it first.", true),
        new JobQueries.GetJobs(),
        new JobQueries.JobList(
            [Status(JobState.Running, []), Status(JobState.Failed, []), Status(JobState.Planning, []),
                Status(JobState.Paused, [])]),
        new JobQueries.GetJob("job-1", 12),
        new JobQueries.JobStatusReply(Status(JobState.Succeeded, [Progress(1, null), Progress(2, -0.5)])),
        new JobQueries.GetJobModel("job-1"),
        new JobQueries.JobModel("job-1", "{\"kind\":\"hmm\"}", null),
        new JobQueries.JobModel("job-1", null, "Job job-1 is still running."),
        new WorkerEvents.WorkerAdvertised("akka.tcp://aimass@w:2", "cpu (avx512, 2 threads)", ["job-1/0", "job-1/3"]),
        new ClusterQueries.GetClusterView(),
        new ClusterQueries.ClusterView(
            [
                new ClusterQueries.Member("akka.tcp://aimass@s:1", ["seed"], "Up", null, []),
                new ClusterQueries.Member("akka.tcp://aimass@w:2", ["worker"], "Up (unreachable)", "cuda 0", ["j/1"]),
            ],
            "akka.tcp://aimass@s:1"),
    ];

    private static FitSpec HmmSpec => new()
    {
        Model = "hmm",
        Data = "/data/x.npy",
        Lengths = "/data/lengths.txt",
        Components = 4,
        CovarianceType = "full",
        Emission = "gaussian",
        InitModel = "{\"kind\":\"hmm\"}",
        InitModelName = "init.json",
        NInit = 2,
        MaxIter = 50,
        Tol = 1e-4,
        RegCovar = 1e-5,
        Seed = -3,
        Partitions = 8,
        Priors = new HmmPriorSpec
        {
            StartProbPrior = 2, TransMatPrior = 3, EmissionProbPrior = 1.5, MeansPrior = -1, MeansWeight = 0.5,
            CovarsPrior = 0.1, CovarsWeight = 4,
        },
    };

    private static JobStatus Status(JobState state, IReadOnlyList<ProgressEntry> history) => new(
        "job-1", state, "hmm S=4 gaussian full on /data/x.npy", 2, 8, 5, state == JobState.Failed ? "boom" : null,
        state == JobState.Failed, Submitted, state == JobState.Running ? null : Submitted.AddMinutes(3),
        state == JobState.Succeeded ? true : null, history, history.Count);

    private static ProgressEntry Progress(int iteration, double? change) =>
        new(1, iteration, -3.25 + iteration, change, 12.5, 3, 4.25, "akka.tcp://aimass@w:2");
}

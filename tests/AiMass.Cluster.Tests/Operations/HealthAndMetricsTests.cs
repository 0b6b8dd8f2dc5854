using System.Net;
using Akka.Actor;
using System.Net.Http.Headers;
using AiMass.Cluster.Tests.Support;
using AiMass.Coordinator.Nodes;
using AiMass.Kernels.EStep;
using AiMass.Kernels.EStep.Cpu;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;
using Xunit.Abstractions;

namespace AiMass.Cluster.Tests.Operations;

/// <summary>
/// An embedded cluster with the coordinator's API and every other node's management port: the health probes and
/// <c>/metrics</c> answer without a token (the API still needs it), and after a job the scrapes hold its series.
/// </summary>
public sealed class HealthAndMetricsTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };

    public void Dispose()
    {
        _http.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Health_and_metrics_answer_without_a_token_and_hold_a_finished_jobs_series()
    {
        var data = Datasets.WriteMixture(_dir.File("x.npy"), 3000, 3, 2, seed: 11);
        await using var cluster = await EmbeddedCluster.StartAsync(
            2, () => new CpuBackend(), s => s with { ApiUrl = "http://127.0.0.1:0", ManagementPort = 0 },
            withApi: true);
        Uri api = cluster.ApiAddress!;

        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(new Uri(api, "healthz"))).StatusCode);
        await EventuallyAsync(async () =>
            (await _http.GetAsync(new Uri(api, "readyz"))).StatusCode == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.GetAsync(new Uri(api, "api/jobs"))).StatusCode);

        var status = await ClusterJobs.RunAsync(cluster, new FitSpec
        {
            // One precision: auto would redo iterations near convergence in float64, and they count again.
            Data = data, Components = 2, Partitions = 4, MaxIter = 5, Tol = 0, Precision = "double",
        });
        Assert.Equal(JobState.Succeeded, status.State);

        var coordinator = await ScrapeAsync(api);
        Assert.Equal(5, Value(coordinator, "aimass_iterations_total", "job=" + status.JobId));
        Assert.Equal(5, Value(coordinator, "aimass_iteration_estep_seconds_count", "job=" + status.JobId));
        Assert.Equal(5, Value(coordinator, "aimass_iteration_mstep_seconds_count", "job=" + status.JobId));
        Assert.Equal(5, Value(coordinator, "aimass_iteration_reduce_seconds_count", "job=" + status.JobId));
        Assert.True(Value(coordinator, "aimass_step_sent_bytes_sum", "job=" + status.JobId) > 0);
        Assert.True(Value(coordinator, "aimass_step_received_bytes_sum", "job=" + status.JobId) > 0);
        Assert.Equal(1, Value(coordinator, "aimass_jobs", "state=succeeded"));
        Assert.Equal(0, Value(coordinator, "aimass_jobs", "state=running"));
        Assert.DoesNotContain(coordinator, s => s.Name == "aimass_job_lower_bound");
        Assert.Equal(4, Value(coordinator, "aimass_cluster_members", "status=up", "reachable=true"));

        var workers = 0.0;
        foreach (var worker in cluster.Workers)
        {
            var address = NodeHosts.ManagementAddress(worker)!;
            Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(new Uri(address, "healthz"))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(new Uri(address, "readyz"))).StatusCode);
            var scrape = await ScrapeAsync(address);
            workers += scrape.Where(s => s.Name == "aimass_partition_estep_seconds_count"
                && s.Labels.GetValueOrDefault("job") == status.JobId).Sum(s => s.Value);
            Assert.Contains(scrape, s => s.Name == "aimass_worker_device_info" && s.Labels["device"].StartsWith("cpu"));
            Assert.Contains(scrape, s => s.Name == "aimass_process_resident_memory_bytes" && s.Value > 0);
            Assert.Contains(scrape, s => s.Name == "aimass_worker_partition_cache_limit_bytes");
            Assert.DoesNotContain(scrape, s => s.Name.StartsWith("aimass_iteration", StringComparison.Ordinal));
        }

        // Four partitions, five iterations and the final scoring pass: 24 partition E-steps over the two workers.
        Assert.Equal(24, workers);
    }

    [Fact]
    public async Task A_running_job_reports_its_lower_bound_and_the_readiness_probe_names_its_checks()
    {
        var data = Datasets.WriteMixture(_dir.File("y.npy"), 2000, 2, 2, seed: 3);
        await using var cluster = await EmbeddedCluster.StartAsync(
            1, () => new SlowBackend(TimeSpan.FromMilliseconds(200)),
            s => s with { ApiUrl = "http://127.0.0.1:0" }, withApi: true);
        Uri api = cluster.ApiAddress!;
        var id = await ClusterJobs.SubmitAsync(cluster, new FitSpec
        {
            Data = data, Components = 2, Partitions = 2, MaxIter = 1000, Tol = 0,
        });
        await ClusterJobs.WaitForAsync(cluster, id, s => s.History.Count >= 2);

        var scrape = await ScrapeAsync(api);
        var lowerBound = Assert.Single(scrape, s => s.Name == "aimass_job_lower_bound");
        Assert.Equal(id, lowerBound.Labels["job"]);
        Assert.True(double.IsFinite(lowerBound.Value));
        Assert.Equal(1, Value(scrape, "aimass_jobs", "state=running"));

        var ready = await (await _http.GetAsync(new Uri(api, "readyz"))).Content.ReadAsStringAsync();
        output.WriteLine(ready);
        Assert.Contains("\"cluster.member-up\"", ready, StringComparison.Ordinal);
        Assert.Contains("\"coordinator.job-manager\"", ready, StringComparison.Ordinal);
        Assert.Contains("\"coordinator.job-store\"", ready, StringComparison.Ordinal);
        await cluster.JobManager.Ask<object>(new JobCommands.CancelJob(id), TimeSpan.FromSeconds(10));
    }

    private async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(Uri node)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node, "metrics"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.DoesNotContain(_dir.Path, text, StringComparison.Ordinal);
        output.WriteLine($"--- {node}metrics: {text.Split('\n').Length} lines");
        return PrometheusSample.Parse(text);
    }

    private static double Value(
        IReadOnlyList<PrometheusSample> samples, string name, params string[] labels)
    {
        var wanted = labels.Select(l => l.Split('=', 2)).ToArray();
        var matches = samples.Where(s => s.Name == name
            && wanted.All(l => s.Labels.GetValueOrDefault(l[0]) == l[1])).ToArray();
        Assert.True(matches.Length == 1, $"{matches.Length} samples of {name} with {string.Join(',', labels)}");
        return matches[0].Value;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(200);
        }
    }
}

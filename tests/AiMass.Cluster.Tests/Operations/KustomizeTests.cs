using AiMass.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace AiMass.Cluster.Tests.Operations;

/// <summary>
/// deploy/k8s renders with <c>kubectl kustomize</c> (no cluster needed): the base and each overlay, with what the
/// design needs in each: RBAC for pod discovery, probes on the health endpoints, a graceful-leave grace period,
/// the Secrets, and GPUs in the GPU overlay.
/// </summary>
public sealed class KustomizeTests(ITestOutputHelper output)
{
    private static readonly string K8s = Path.Combine(Repository.Root, "deploy", "k8s");

    [ToolFact("kubectl")]
    public void The_base_renders_every_object_the_cluster_needs()
    {
        var yaml = Render("base");

        foreach (var kind in new[]
                 {
                     "Namespace", "ServiceAccount", "Role", "RoleBinding", "Service", "PersistentVolumeClaim",
                     "Deployment", "StatefulSet", "PodDisruptionBudget",
                 })
        {
            Assert.Contains($"kind: {kind}\n", yaml, StringComparison.Ordinal);
        }

        Assert.Contains("- list\n  - watch", yaml, StringComparison.Ordinal);
        Assert.Contains("clusterIP: None", yaml, StringComparison.Ordinal);
        Assert.Contains("path: /readyz", yaml, StringComparison.Ordinal);
        Assert.Contains("path: /healthz", yaml, StringComparison.Ordinal);
        Assert.Equal(2, Count(yaml, "terminationGracePeriodSeconds: 60"));
        Assert.Equal(2, Count(yaml, "value: kubernetes"));
        Assert.Contains("secretName: aimass-tls", yaml, StringComparison.Ordinal);
        Assert.Contains("name: aimass-api-token", yaml, StringComparison.Ordinal);
        Assert.Contains("name: aimass-job-store", yaml, StringComparison.Ordinal);
        Assert.Equal(
            Count(yaml, "kind: Deployment") + Count(yaml, "kind: StatefulSet"),
            Count(yaml, "requests:\n            cpu:"));
        Assert.DoesNotContain("nvidia.com/gpu", yaml, StringComparison.Ordinal);
        Assert.Contains("- --device\n        - cpu", yaml, StringComparison.Ordinal);
        Assert.Equal(10, Count(yaml, "\nkind: "));
        Assert.Equal(Render("."), yaml);
    }

    [ToolFact("kubectl")]
    public void The_postgres_overlay_adds_a_postgresql_statefulset_and_service_to_the_base()
    {
        var yaml = Render(Path.Combine("overlays", "postgres"));

        Assert.Contains("image: postgres:16", yaml, StringComparison.Ordinal);
        Assert.Contains("name: aimass-postgres\n", yaml, StringComparison.Ordinal);
        Assert.Equal(2, Count(yaml, "kind: StatefulSet"));
        Assert.Contains("kind: Deployment", yaml, StringComparison.Ordinal);
        Assert.Equal(Count(Render("base"), "\nkind: ") + 2, Count(yaml, "\nkind: "));
    }

    [ToolFact("kubectl")]
    public void The_gpu_overlay_gives_each_worker_a_gpu_and_the_cuda_device()
    {
        var yaml = Render(Path.Combine("overlays", "gpu"));

        Assert.Equal(2, Count(yaml, "nvidia.com/gpu: 1"));
        Assert.Contains("- --device\n        - cuda", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("- --device\n        - cpu", yaml, StringComparison.Ordinal);
        Assert.Contains("key: nvidia.com/gpu", yaml, StringComparison.Ordinal);
    }

    private string Render(string folder)
    {
        var run = ProcessRun.Of("kubectl", ["kustomize", Path.Combine(K8s, folder)], TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 0, $"kubectl kustomize {folder}: {run.Error}");
        output.WriteLine($"{folder}: {run.Out.Split('\n').Length} lines");
        return run.Out;
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0;
             i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

using System.Net;
using System.Text.Json;
using Akka.Discovery;

namespace AiMass.Seed.Hosting;

/// <summary>
/// Reads the Kubernetes API's pod list (<c>GET /api/v1/namespaces/NS/pods</c>) into bootstrap contact points, by
/// the rules of Akka.Discovery.KubernetesApi: running pods that are not being deleted and have an IP, at the
/// container port whose name contains the looked-up port name, addressed by IP.
/// </summary>
public static class KubernetesPods
{
    /// <summary>The contact points of the pods in <paramref name="podListJson"/>.</summary>
    public static IReadOnlyList<ServiceDiscovery.ResolvedTarget> Targets(string podListJson, string? portName)
    {
        using var document = JsonDocument.Parse(podListJson);
        var targets = new List<ServiceDiscovery.ResolvedTarget>();
        if (!document.RootElement.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return targets;
        }

        foreach (var pod in items.EnumerateArray())
        {
            if (Target(pod, portName) is { } target)
            {
                targets.Add(target);
            }
        }

        return targets;
    }

    private static ServiceDiscovery.ResolvedTarget? Target(JsonElement pod, string? portName)
    {
        if (pod.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("deletionTimestamp", out var d)
            && d.ValueKind != JsonValueKind.Null)
        {
            return null;
        }

        var status = pod.GetProperty("status");
        var phase = String(status, "phase");
        var ip = String(status, "podIP");
        if (phase is null || !phase.Contains("running", StringComparison.OrdinalIgnoreCase)
            || !IPAddress.TryParse(ip, out var address))
        {
            return null;
        }

        int? port = null;
        if (!string.IsNullOrEmpty(portName))
        {
            port = Ports(pod).Where(p => p.Name?.Contains(portName, StringComparison.Ordinal) == true)
                .Select(p => (int?)p.Number).FirstOrDefault();
            if (port is null)
            {
                return null;
            }
        }

        return new ServiceDiscovery.ResolvedTarget(ip!, port, address);
    }

    private static IEnumerable<(string? Name, int Number)> Ports(JsonElement pod)
    {
        if (!pod.TryGetProperty("spec", out var spec) || !spec.TryGetProperty("containers", out var containers))
        {
            yield break;
        }

        foreach (var container in containers.EnumerateArray())
        {
            if (!container.TryGetProperty("ports", out var ports) || ports.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var port in ports.EnumerateArray())
            {
                if (port.TryGetProperty("containerPort", out var number) && number.TryGetInt32(out var n))
                {
                    yield return (String(port, "name"), n);
                }
            }
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

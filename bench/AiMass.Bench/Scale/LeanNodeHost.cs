using Akka.Configuration;
using Akka.Hosting;
using AiMass.Kernels.EStep;
using AiMass.Seed.Hosting;
using AiMass.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiMass.Bench.Scale;

/// <summary>
/// A seed or worker node as <c>NodeHosts</c> builds it (the same remoting, clustering, serializer and worker role),
/// with fewer threads per node: one remoting event loop each way and one thread for the cluster's actors. Dozens of
/// nodes share one process (and two cores) in a scale run; each would otherwise bring a dozen threads of its own.
/// </summary>
public static class LeanNodeHost
{
    private const string Lean = """
        aimass.cluster-dispatcher.fork-join-executor { parallelism-min = 1, parallelism-max = 1 }
        akka.remote.dot-netty.tcp {
          server-socket-worker-pool { pool-size-min = 1, pool-size-max = 1 }
          client-socket-worker-pool { pool-size-min = 1, pool-size-max = 1 }
        }
        """;

    /// <summary>A node with <paramref name="settings"/>' roles (seed and/or worker).</summary>
    public static IHost Build(NodeSettings settings, IEStepBackend? backend, string label)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.AddAimassConsole(settings, label);
        builder.Services.AddAkka(settings.ClusterName, (akka, _) =>
        {
            akka.WithAimassNode(settings);
            if (settings.Roles.Contains("worker"))
            {
                akka.WithWorkerRole(settings, backend ?? throw new ArgumentException("A worker needs a backend."));
            }

            akka.AddHocon(ConfigurationFactory.ParseString(Lean), HoconAddMode.Prepend);
        });
        return builder.Build();
    }
}

using Akka.Hosting;
using AiMass.Coordinator.Jobs;
using AiMass.Kernels.EStep;
using AiMass.Seed.Hosting;
using AiMass.Worker.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiMass.Coordinator.Nodes;

/// <summary>
/// Builds the host of a node from its settings: one ActorSystem with the roles it names (seed, coordinator, worker)
/// and, for a coordinator with the API enabled, the HTTP API in the same process.
/// </summary>
public static class NodeHosts
{
    /// <summary>
    /// A node host. <paramref name="backend"/> is the E-step device of a worker (its owner disposes it after the host);
    /// <paramref name="label"/> names the node in log lines (default: roles@host:port).
    /// </summary>
    public static IHost Build(NodeSettings settings, IEStepBackend? backend, bool withApi, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (withApi && settings.Roles.Contains("coordinator"))
        {
            var web = WebApplication.CreateSlimBuilder();
            web.WebHost.UseUrls(settings.ApiUrl);
            Configure(web.Services, web.Logging, settings, backend, label);
            var app = web.Build();
            Api.CoordinatorApi.Map(app);
            return app;
        }

        var builder = Host.CreateApplicationBuilder();
        Configure(builder.Services, builder.Logging, settings, backend, label);
        return builder.Build();
    }

    private static void Configure(
        IServiceCollection services, ILoggingBuilder logging, NodeSettings settings, IEStepBackend? backend, string? label)
    {
        logging.AddAimassConsole(settings, label ?? settings.NodeName);
        services.AddSingleton(settings);
        if (backend is not null)
        {
            services.AddSingleton(backend);
        }

        services.AddAkka(settings.ClusterName, (akka, _) =>
        {
            akka.WithAimassNode(settings);
            if (settings.Roles.Contains("worker"))
            {
                akka.WithWorkerRole(settings, backend ?? throw new ArgumentException("A worker needs an E-step backend."));
            }

            if (settings.Roles.Contains("coordinator"))
            {
                akka.WithCoordinatorRole(settings);
            }
        });
    }
}

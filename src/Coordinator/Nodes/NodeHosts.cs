using System.Net;
using Akka.Hosting;
using AiMass.Coordinator.Api;
using AiMass.Coordinator.Health;
using AiMass.Coordinator.Jobs;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Input;
using AiMass.Seed.Hosting;
using AiMass.Seed.Metrics;
using AiMass.Worker.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiMass.Coordinator.Nodes;

/// <summary>
/// Builds the host of a node from its settings: one ActorSystem with the roles it names (seed, coordinator, worker)
/// and, for a coordinator with the API enabled, the HTTP API in the same process. TLS material and the API token
/// are loaded here, before anything starts, so their problems are one-line errors (exit code 2).
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
        NodeSecrets.Register(settings);
        _ = settings.SeedAddresses();
        _ = DataRoots.Of(settings.DataRoots);
        var credentials = settings.Tls.Enabled ? ClusterCredentials.Load(settings.Tls) : null;
        if (withApi && settings.Roles.Contains("coordinator"))
        {
            var (token, origin) = ApiTokenStore.Resolve(settings);
            var web = WebApplication.CreateSlimBuilder();
            ApiPipeline.Configure(web, settings, token);
            Configure(web.Services, web.Logging, settings, backend, label, credentials);
            var app = web.Build();
            ApiPipeline.Use(app, settings);
            LogApiAccess(app.Services.GetRequiredService<ILoggerFactory>(), settings.ApiUrl, origin);
            return ReleasingOnStop(app, credentials);
        }

        IHost host;
        if (settings.ManagementPort is { } port)
        {
            var web = WebApplication.CreateSlimBuilder();
            ManagementEndpoints.Configure(web, settings.Host, port);
            Configure(web.Services, web.Logging, settings, backend, label, credentials);
            var app = web.Build();
            ManagementEndpoints.Use(app);
            host = app;
        }
        else
        {
            var builder = Host.CreateApplicationBuilder();
            Configure(builder.Services, builder.Logging, settings, backend, label, credentials);
            host = builder.Build();
        }

        if (backend is IWarningSource source)
        {
            var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AiMass.Worker.Device");
            source.Warning += message => log.LogWarning("{Message}", message);
        }

        return ReleasingOnStop(host, credentials);
    }

    /// <summary>The management HTTP address a started node listens on (port resolved), or null without one.
    /// </summary>
    public static Uri? ManagementAddress(IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var addresses = host.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>();
        return addresses?.Addresses.FirstOrDefault() is { } bound
            ? new Uri(bound.EndsWith('/') ? bound : bound + "/")
            : null;
    }

    /// <summary>Whether an API address binds only this machine (127.0.0.0/8, ::1 or localhost).</summary>
    public static bool IsLoopback(string apiUrl) =>
        Uri.TryCreate(apiUrl, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));

    private static IHost ReleasingOnStop(IHost host, ClusterCredentials? credentials)
    {
        if (credentials is not null)
        {
            // After the actor system (a hosted service) has stopped using them.
            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            lifetime.ApplicationStopped.Register(credentials.Dispose);
        }

        return host;
    }

    private static void LogApiAccess(ILoggerFactory loggers, string apiUrl, string origin)
    {
        var log = loggers.CreateLogger("AiMass.Coordinator.Api");
        log.LogInformation("API token {Origin}; every API call needs 'Authorization: Bearer TOKEN'", origin);
        if (!IsLoopback(apiUrl))
        {
            log.LogWarning(
                "The HTTP API listens on {Url}, beyond this machine, in plain HTTP: the token crosses the network " +
                "unencrypted; prefer loopback with an SSH tunnel or a TLS proxy (docs/SECURITY.md)", apiUrl);
        }
    }

    private static void Configure(
        IServiceCollection services, ILoggingBuilder logging, NodeSettings settings, IEStepBackend? backend,
        string? label, ClusterCredentials? credentials)
    {
        logging.AddAimassConsole(settings, label ?? settings.NodeName);
        services.AddSingleton(settings);
        services.AddHealthChecks();
        services.AddAimassMetrics(new AimassMetrics());
        if (backend is not null)
        {
            services.AddSingleton(backend);
        }

        services.AddAkka(settings.ClusterName, (akka, _) =>
        {
            akka.WithAimassNode(settings, credentials);
            akka.WithActors((system, _) =>
            {
                var metrics = AimassMetrics.For(system);
                MetricsExport.ObserveCluster(metrics, system);
                if (backend is not null)
                {
                    WorkerMetrics.Observe(metrics, backend);
                }
            });
            if (settings.Roles.Contains("worker"))
            {
                akka.WithWorkerRole(
                    settings, backend ?? throw new ArgumentException("A worker needs an E-step backend."));
            }

            if (settings.Roles.Contains("coordinator"))
            {
                var store = CoordinatorRole.CreateStore(settings);
                akka.WithCoordinatorRole(settings, store).WithCoordinatorHealthChecks(store);
            }
        });
    }
}

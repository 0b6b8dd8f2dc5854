using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using AiMass.Seed.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiMass.Cluster.Tests.Operations;

/// <summary>
/// The one call of the Kubernetes API that discovery makes — list the pods of a namespace by label — served over
/// HTTPS on loopback with a certificate of a test CA, answering the pod list JSON of pods that all run on
/// 127.0.0.1, each with its bootstrap port. It checks the bearer token and the label selector (403 / empty list
/// otherwise) and records what it was asked.
/// </summary>
public sealed class FakeKubernetesApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _authority = TestCertificates.Authority("fake Kubernetes CA");

    /// <summary>Serves pods named aimass-0.. with <paramref name="bootstrapPorts"/> in <paramref name="ns"/>.</summary>
    public FakeKubernetesApi(string ns, string token, string labelSelector, IReadOnlyList<int> bootstrapPorts)
    {
        using var issued = TestCertificates.Node(_authority, "kubernetes");
        var certificate = X509CertificateLoader.LoadPkcs12(issued.Export(X509ContentType.Pkcs12), null);
        var web = WebApplication.CreateSlimBuilder();
        web.Logging.ClearProviders();
        web.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        _app = web.Build();
        _app.MapGet("/api/v1/namespaces/{name}/pods", (string name, HttpContext context) =>
        {
            var selector = context.Request.Query["labelSelector"].ToString();
            Requests.Add($"{name} {selector}");
            if (context.Request.Headers.Authorization.ToString() != $"Bearer {token}")
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            var pods = name == ns && selector == labelSelector ? bootstrapPorts : [];
            return Results.Text(PodList(pods), "application/json");
        });
    }

    /// <summary>Every pod-list request, as "namespace labelSelector".</summary>
    public ConcurrentBag<string> Requests { get; } = [];

    /// <summary>The port it listens on (after <see cref="StartAsync"/>).</summary>
    public int Port { get; private set; }

    /// <summary>Starts serving.</summary>
    public async Task StartAsync()
    {
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        Port = new Uri(address).Port;
    }

    /// <summary>Writes this server's CA certificate (PEM), as a pod finds its cluster's in its service account.
    /// </summary>
    public string WriteAuthority(string path)
    {
        File.WriteAllText(path, _authority.ExportCertificatePem());
        return path;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _authority.Dispose();
    }

    private static string PodList(IReadOnlyList<int> ports) => JsonSerializer.Serialize(new
    {
        apiVersion = "v1",
        kind = "PodList",
        metadata = new { resourceVersion = "1" },
        items = ports.Select((port, i) => new
        {
            metadata = new
            {
                name = $"aimass-{i}",
                @namespace = "aimass",
                labels = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = "aimass" },
            },
            spec = new
            {
                containers = new[]
                {
                    new
                    {
                        name = "aimass",
                        ports = new object[]
                        {
                            new { name = "remoting", containerPort = 4053, protocol = "TCP" },
                            new { name = "bootstrap", containerPort = port, protocol = "TCP" },
                        },
                    },
                },
            },
            status = new
            {
                phase = "Running",
                podIP = "127.0.0.1",
                containerStatuses = new[]
                {
                    new { name = "aimass", ready = true, restartCount = 0, image = "aimass", imageID = "",
                        state = new { running = new { startedAt = "2026-01-01T00:00:00Z" } } },
                },
            },
        }),
    });
}

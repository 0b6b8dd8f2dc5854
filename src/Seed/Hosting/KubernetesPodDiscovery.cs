using System.Collections.Immutable;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Configuration;
using Akka.Discovery;
using Akka.Event;

namespace AiMass.Seed.Hosting;

/// <summary>
/// Akka discovery by the Kubernetes API (<c>--discovery kubernetes</c>): lists the pods of the namespace that carry
/// the label selector, with the pod's service account token, trusting only the cluster CA. AiMass implements it
/// because Akka.Discovery.KubernetesApi 1.5.73 fails at run time with every KubernetesClient the package registry
/// serves (19.0.2, 21.0.8: <c>MissingMethodException</c> for a <c>V1PodList</c> constructor); the lookup, its
/// settings and the RBAC it needs (pods: get, list, watch) are the same.
/// </summary>
public sealed class KubernetesPodDiscovery : ServiceDiscovery, IDisposable
{
    /// <summary>Where Kubernetes mounts a pod's service account.</summary>
    public const string ServiceAccount = "/var/run/secrets/kubernetes.io/serviceaccount";

    private readonly ILoggingAdapter _log;
    private readonly HttpClient _http;
    private readonly string _tokenPath;
    private readonly string _namespace;
    private readonly string _selector;

    /// <summary>Created by Akka.Discovery with this method's section of the configuration.</summary>
    public KubernetesPodDiscovery(ExtendedActorSystem system, Config config)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(config);
        _log = Logging.GetLogger(system, this);
        var api = config.GetString("api-url", "");
        if (api.Length == 0)
        {
            var host = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST");
            var port = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT") ?? "443";
            var literal = host?.Contains(':', StringComparison.Ordinal) == true ? $"[{host}]" : host;
            api = host is null ? "" : $"https://{literal}:{port}";
        }

        _tokenPath = config.GetString("token-path", "") is { Length: > 0 } t ? t : $"{ServiceAccount}/token";
        var caPath = config.GetString("ca-path", "") is { Length: > 0 } c ? c : $"{ServiceAccount}/ca.crt";
        _namespace = config.GetString("namespace", "") is { Length: > 0 } n ? n : ReadNamespace();
        _selector = config.GetString("label-selector", "app.kubernetes.io/part-of={0}");
        _http = new HttpClient(Handler(caPath)) { BaseAddress = api.Length > 0 ? new Uri(api) : null };
    }

    /// <inheritdoc />
    public override async Task<Resolved> Lookup(Lookup lookup, TimeSpan resolveTimeout)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        if (_http.BaseAddress is null)
        {
            throw new InvalidOperationException(
                "Kubernetes discovery needs the API address: KUBERNETES_SERVICE_HOST is not set (outside a pod, set " +
                "AiMass__Discovery__KubernetesApi).");
        }

        var selector = string.Format(System.Globalization.CultureInfo.InvariantCulture, _selector, lookup.ServiceName);
        var path = $"api/v1/namespaces/{Uri.EscapeDataString(_namespace)}/pods?labelSelector=" +
            Uri.EscapeDataString(selector);
        using var cancel = new CancellationTokenSource(resolveTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Bearer", (await File.ReadAllTextAsync(_tokenPath, cancel.Token)).Trim());
        using var response = await _http.SendAsync(request, cancel.Token);
        if (!response.IsSuccessStatusCode)
        {
            var why = response.StatusCode == System.Net.HttpStatusCode.Forbidden
                ? "forbidden: the pod's service account needs a Role with pods get, list, watch (deploy/k8s)"
                : $"answered {(int)response.StatusCode}";
            _log.Warning("Listing pods in namespace {0} with selector {1}: {2}", _namespace, selector, why);
            throw new InvalidOperationException($"The Kubernetes API {why}.");
        }

        var targets = KubernetesPods.Targets(await response.Content.ReadAsStringAsync(cancel.Token), lookup.PortName);
        if (targets.Count == 0)
        {
            _log.Warning(
                "No running pods with port {0} in namespace {1} match {2}", lookup.PortName, _namespace, selector);
        }

        return new Resolved(lookup.ServiceName, targets.ToImmutableList());
    }

    /// <summary>Releases the HTTP client.</summary>
    public void Dispose() => _http.Dispose();

    private static string ReadNamespace()
    {
        var file = $"{ServiceAccount}/namespace";
        return File.Exists(file) ? File.ReadAllText(file).Trim() : "default";
    }

    /// <summary>HTTPS that trusts only the certificates of the cluster CA at <paramref name="caPath"/>.</summary>
    private static SocketsHttpHandler Handler(string caPath)
    {
        var handler = new SocketsHttpHandler();
        if (!File.Exists(caPath))
        {
            return handler; // the system's trust store; the lookup reports what fails
        }

        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(caPath);
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(certificate as X509Certificate2
                ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
        };
        return handler;
    }
}

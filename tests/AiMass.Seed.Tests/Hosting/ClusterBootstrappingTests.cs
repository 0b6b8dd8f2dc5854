using AiMass.Kernels;
using AiMass.Seed.Hosting;

namespace AiMass.Seed.Tests.Hosting;

/// <summary>The discovery settings: from the environment, their checks, and the Kubernetes method's HOCON.</summary>
public sealed class ClusterBootstrappingTests
{
    private static readonly string NoFile = Path.Combine(Path.GetTempPath(), "no-such-appsettings.json");

    [Fact]
    public void Discovery_and_management_variables_set_the_settings()
    {
        var settings = NodeSettingsLoader.Load(NoFile, new Dictionary<string, string?>
        {
            ["AIMASS_DISCOVERY"] = "Config",
            ["AIMASS_DISCOVERY_ENDPOINTS"] = "10.0.0.1:8558, 10.0.0.2:8558,",
            ["AIMASS_BOOTSTRAP_PORT"] = "9558",
            ["AIMASS_REQUIRED_CONTACT_POINTS"] = "3",
            ["AIMASS_MANAGEMENT_PORT"] = "8080",
            ["AiMass__Discovery__Namespace"] = "jobs",
        });

        Assert.Equal("config", settings.Discovery.Method);
        Assert.Equal(["10.0.0.1:8558", "10.0.0.2:8558"], settings.Discovery.Endpoints);
        Assert.Equal(9558, settings.Discovery.BootstrapPort);
        Assert.Equal(3, settings.Discovery.RequiredContactPoints);
        Assert.Equal(8080, settings.ManagementPort);
        Assert.Equal("jobs", settings.Discovery.Namespace);
        Assert.Null(ClusterBootstrapping.Problem(settings));
    }

    [Theory]
    [InlineData("AIMASS_MANAGEMENT_PORT", "http", "AIMASS_MANAGEMENT_PORT 'http' is not a port number")]
    [InlineData("AIMASS_BOOTSTRAP_PORT", "70000", "AIMASS_BOOTSTRAP_PORT '70000' is not a port number")]
    [InlineData("AIMASS_REQUIRED_CONTACT_POINTS", "0", "AIMASS_REQUIRED_CONTACT_POINTS '0' is not a whole number")]
    public void A_bad_value_is_an_input_error_naming_the_variable(string name, string value, string message)
    {
        var error = Assert.Throws<InvalidInputException>(() =>
            NodeSettingsLoader.Load(NoFile, new Dictionary<string, string?> { [name] = value }));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Discovery_is_off_by_default_and_seed_nodes_alone_pass()
    {
        var settings = new NodeSettings { SeedNodes = ["127.0.0.1:4053"] };

        Assert.False(settings.Discovery.Enabled);
        Assert.Null(ClusterBootstrapping.Problem(settings));
    }

    [Theory]
    [InlineData("dns", null, 8558, "--discovery dns: use none, config, kubernetes.")]
    [InlineData("config", "127.0.0.1:4053", 8558, "Both --seed-nodes and --discovery config are given")]
    [InlineData("config", null, 8558, "--discovery config needs --discovery-endpoints")]
    [InlineData("kubernetes", null, 0, "--bootstrap-port 0 is not a port number")]
    public void Conflicting_or_incomplete_discovery_settings_are_refused(
        string method, string? seed, int port, string message)
    {
        var settings = new NodeSettings
        {
            SeedNodes = seed is null ? [] : [seed],
            Discovery = new NodeDiscoverySettings { Method = method, BootstrapPort = port },
        };

        Assert.StartsWith(message, ClusterBootstrapping.Problem(settings), StringComparison.Ordinal);
    }

    [Fact]
    public void The_kubernetes_method_names_its_class_and_quotes_every_setting()
    {
        var discovery = new NodeDiscoverySettings
        {
            Method = "kubernetes", LabelSelector = "app=\"{0}\"", Namespace = "ml", TokenPath = "/t/token",
        };

        var config = Akka.Configuration.ConfigurationFactory.ParseString(
            ClusterBootstrapping.KubernetesHocon(discovery));

        Assert.Equal("aimass-kubernetes", config.GetString("akka.discovery.method"));
        var section = config.GetConfig("akka.discovery.aimass-kubernetes");
        Assert.Equal(typeof(KubernetesPodDiscovery), Type.GetType(section.GetString("class")));
        Assert.Equal("app=\"{0}\"", section.GetString("label-selector"));
        Assert.Equal("ml", section.GetString("namespace"));
        Assert.Equal("/t/token", section.GetString("token-path"));
        Assert.Equal("", section.GetString("api-url"));
    }
}

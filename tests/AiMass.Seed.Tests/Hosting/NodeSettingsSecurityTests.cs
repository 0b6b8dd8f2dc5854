using AiMass.Kernels;
using AiMass.Seed.Hosting;

namespace AiMass.Seed.Tests.Hosting;

public sealed class NodeSettingsSecurityTests
{
    [Fact]
    public void TLS_is_off_without_a_certificate_and_the_API_binds_loopback()
    {
        var settings = Load(new Dictionary<string, string?>());

        Assert.False(settings.Tls.Enabled);
        Assert.Equal("akka.tcp", settings.AddressScheme);
        Assert.Equal("http://127.0.0.1:5080", settings.ApiUrl);
        Assert.Null(settings.ApiToken);
        Assert.True(settings.Tls.RequireMutualAuthentication);
    }

    [Fact]
    public void A_make_certs_folder_in_the_environment_turns_TLS_on_with_its_three_files()
    {
        var settings = Load(new Dictionary<string, string?> { ["AIMASS_TLS_DIR"] = "/certs" });

        Assert.True(settings.Tls.Enabled);
        Assert.Equal("/certs/node.crt", settings.Tls.CertificatePath);
        Assert.Equal("/certs/node.key", settings.Tls.KeyPath);
        Assert.Equal("/certs/ca.crt", settings.Tls.CaPath);
        Assert.True(settings.Tls.RequireMutualAuthentication);
    }

    [Fact]
    public void Explicit_files_win_over_the_folder_and_a_pfx_needs_no_key_path()
    {
        var settings = Load(new Dictionary<string, string?>
        {
            ["AIMASS_TLS_DIR"] = "/certs",
            ["AIMASS_TLS_CERT"] = "/other/worker.pfx",
            ["AIMASS_TLS_REQUIRE_MUTUAL"] = "false",
        });

        Assert.Equal("/other/worker.pfx", settings.Tls.CertificatePath);
        Assert.Null(settings.Tls.KeyPath);
        Assert.Equal("/certs/ca.crt", settings.Tls.CaPath);
        Assert.False(settings.Tls.RequireMutualAuthentication);
    }

    [Fact]
    public void Seeds_given_as_host_and_port_take_the_TLS_scheme()
    {
        var settings = Load(new Dictionary<string, string?>
        {
            ["AIMASS_TLS_DIR"] = "/certs", ["AIMASS_SEED_NODES"] = "10.0.0.1:4053, seed:4053",
        });

        Assert.Equal(
            ["akka.ssl.tcp://aimass@10.0.0.1:4053", "akka.ssl.tcp://aimass@seed:4053"], settings.SeedAddresses());
    }

    [Fact]
    public void A_plain_tcp_seed_address_with_TLS_on_is_bad_input_that_names_the_remedy()
    {
        var settings = Load(new Dictionary<string, string?>
        {
            ["AIMASS_TLS_DIR"] = "/certs", ["AIMASS_SEED_NODES"] = "akka.tcp://aimass@seed:4053",
        });

        var e = Assert.Throws<InvalidInputException>(() => settings.SeedAddresses());

        Assert.Equal(
            "Seed node 'akka.tcp://aimass@seed:4053' does not use akka.ssl.tcp:// although TLS is on; give seeds " +
            "as host:port.", e.Message);
    }

    [Fact]
    public void Secrets_from_the_environment_are_never_printed()
    {
        var settings = Load(new Dictionary<string, string?>
        {
            ["AIMASS_TOKEN"] = "token-0123456789abcdef", ["AIMASS_TLS_PASSWORD"] = "pfx-password",
            ["AIMASS_TLS_DIR"] = "/certs", ["AIMASS_JOB_STORE"] = "Host=db;Username=aimass;Password=db-password",
        });

        Assert.Equal("token-0123456789abcdef", settings.ApiToken);
        Assert.Equal("Host=db;Username=aimass;Password=db-password", settings.JobStoreConnection);
        Assert.DoesNotContain("db-password", settings.ToString());
        Assert.Equal("pfx-password", settings.Tls.Password);
        Assert.DoesNotContain("token-0123456789abcdef", settings.ToString());
        Assert.DoesNotContain("pfx-password", settings.ToString());
        Assert.DoesNotContain("pfx-password", settings.Tls.ToString());
    }

    [Fact]
    public void A_mutual_authentication_switch_that_is_not_a_boolean_is_bad_input()
    {
        var e = Assert.Throws<InvalidInputException>(
            () => Load(new Dictionary<string, string?> { ["AIMASS_TLS_REQUIRE_MUTUAL"] = "maybe" }));

        Assert.Equal("AIMASS_TLS_REQUIRE_MUTUAL 'maybe' is not true or false.", e.Message);
    }

    private static NodeSettings Load(Dictionary<string, string?> environment) =>
        NodeSettingsLoader.Load(Path.Combine(Path.GetTempPath(), "aimass-no-appsettings.json"), environment);
}

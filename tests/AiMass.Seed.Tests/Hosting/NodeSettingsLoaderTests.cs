using AiMass.Kernels;
using AiMass.Seed.Hosting;

namespace AiMass.Seed.Tests.Hosting;

/// <summary>Node settings from AiMass__ variables, and the Akka configuration they turn into.</summary>
public sealed class NodeSettingsLoaderTests
{
    private static readonly string NoFile = Path.Combine(Path.GetTempPath(), "no-such-appsettings.json");

    [Fact]
    public void AiMass_double_underscore_variables_set_any_setting_in_any_case()
    {
        var settings = NodeSettingsLoader.Load(NoFile, new Dictionary<string, string?>
        {
            ["AiMass__StableAfter"] = "00:00:05",
            ["AIMASS__ACCEPTABLEHEARTBEATPAUSE"] = "00:00:04",
            ["aimass__TreeWidth"] = "16",
            ["AiMass__ChunkBytes"] = "262144",
            ["AiMass__MaxAttempts"] = "7",
        });

        Assert.Equal(TimeSpan.FromSeconds(5), settings.StableAfter);
        Assert.Equal(TimeSpan.FromSeconds(4), settings.AcceptableHeartbeatPause);
        Assert.Equal(16, settings.TreeWidth);
        Assert.Equal(262144, settings.ChunkBytes);
        Assert.Equal(7, settings.MaxAttempts);
    }

    [Fact]
    public void Data_access_settings_bind_from_nested_AiMass_variables()
    {
        var settings = NodeSettingsLoader.Load(NoFile, new Dictionary<string, string?>
        {
            ["AiMass__DataAccess__MaxAttempts"] = "2",
            ["AiMass__DataAccess__RequestTimeout"] = "00:00:07",
            ["AiMass__DataAccess__CacheDirectory"] = "/var/cache/aimass",
        });

        Assert.Equal(2, settings.DataAccess.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(7), settings.DataAccess.RequestTimeout);
        Assert.Equal("/var/cache/aimass", settings.DataAccess.CacheDirectory);
        Assert.Equal(4096, settings.DataAccess.CacheMegabytes);
    }

    [Fact]
    public void Data_roots_come_from_AIMASS_DATA_ROOTS_separated_like_PATH_or_from_the_section()
    {
        var fromVariable = NodeSettingsLoader.Load(NoFile, new Dictionary<string, string?>
        {
            ["AIMASS_DATA_ROOTS"] = "/data/a: /data/b ::",
        });
        var fromSection = NodeSettingsLoader.Load(NoFile, new Dictionary<string, string?>
        {
            ["AiMass__DataRoots__0"] = "/srv/x",
            ["AiMass__DataRoots__1"] = "/srv/y",
        });

        Assert.Equal(["/data/a", "/data/b"], fromVariable.DataRoots);
        Assert.Equal(["/srv/x", "/srv/y"], fromSection.DataRoots);
        Assert.Empty(NodeSettingsLoader.Load(NoFile, new Dictionary<string, string?>()).DataRoots);
    }

    [Fact]
    public void The_failure_detector_and_downing_settings_reach_the_akka_configuration()
    {
        var settings = new NodeSettings
        {
            StableAfter = TimeSpan.FromSeconds(5),
            AcceptableHeartbeatPause = TimeSpan.FromSeconds(4),
        };

        var config = Akka.Configuration.ConfigurationFactory.ParseString(AimassAkka.Hocon(settings));

        Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal(
            TimeSpan.FromSeconds(4), config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
    }

    [Fact]
    public void A_setting_that_does_not_parse_is_an_input_error_naming_the_format()
    {
        var error = Assert.Throws<InvalidInputException>(() => NodeSettingsLoader.Load(
            NoFile, new Dictionary<string, string?> { ["AiMass__StableAfter"] = "five seconds" }));

        Assert.StartsWith($"A node setting in {NoFile} or an AiMass__ variable is not valid: ", error.Message);
        Assert.EndsWith("Durations are written hh:mm:ss, e.g. 00:00:05.", error.Message);
    }
}

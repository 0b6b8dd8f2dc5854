using AiMass.Coordinator.Api;
using AiMass.Kernels;
using AiMass.Seed.Hosting;

namespace AiMass.Coordinator.Tests.Api;

public sealed class ApiTokenTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aimass-token-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Generated_tokens_are_43_url_safe_characters_and_differ()
    {
        var tokens = Enumerable.Range(0, 20).Select(_ => ApiToken.Generate().Value).ToArray();

        Assert.All(tokens, t => Assert.Matches("^[A-Za-z0-9_-]{43}$", t));
        Assert.Equal(tokens.Length, tokens.Distinct().Count());
    }

    [Fact]
    public void A_token_matches_itself_only_and_never_prints()
    {
        var token = new ApiToken("0123456789abcdef-token");

        Assert.True(token.Matches("0123456789abcdef-token"));
        Assert.False(token.Matches("0123456789abcdef-toke"));
        Assert.False(token.Matches("0123456789abcdef-token "));
        Assert.False(token.Matches(""));
        Assert.False(token.Matches(null));
        Assert.DoesNotContain("0123456789abcdef", token.ToString());
    }

    [Fact]
    public void The_token_from_the_environment_wins()
    {
        var settings = new NodeSettings { ApiToken = "from-the-environment-0123", DataDirectory = _folder };

        var (token, origin) = ApiTokenStore.Resolve(settings);

        Assert.Equal("from-the-environment-0123", token.Value);
        Assert.Equal("from AIMASS_TOKEN", origin);
        Assert.False(File.Exists(Path.Combine(_folder, ApiTokenStore.FileName)));
    }

    [Fact]
    public void A_missing_token_file_is_created_for_its_owner_only_and_read_at_the_next_start()
    {
        var settings = new NodeSettings { DataDirectory = Path.Combine(_folder, "data") };
        var file = Path.Combine(_folder, "data", ApiTokenStore.FileName);

        var (first, created) = ApiTokenStore.Resolve(settings);
        var (second, read) = ApiTokenStore.Resolve(settings);

        Assert.Equal($"new, written to {file} (readable by its owner only)", created);
        Assert.Equal($"in {file}", read);
        Assert.Equal(first.Value, second.Value);
        Assert.Equal(first.Value, File.ReadAllText(file).Trim());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                File.GetUnixFileMode(Path.GetDirectoryName(file)!));
        }
    }

    [Fact]
    public void A_token_file_other_users_can_read_is_refused()
    {
        var file = Path.Combine(_folder, "shared-token");
        File.WriteAllText(file, "0123456789abcdef0123\n");
        if (OperatingSystem.IsWindows())
        {
            return; // No Unix modes to check.
        }

        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead
            | UnixFileMode.OtherRead);

        var e = Assert.Throws<InvalidInputException>(
            () => ApiTokenStore.Resolve(new NodeSettings { ApiTokenFile = file }));

        Assert.Equal(
            $"the API token file {file} is readable by other users; 'chmod 600 {file}', or delete it so the " +
            "coordinator writes a new token.", e.Message);
    }

    [Fact]
    public void A_short_token_is_refused_with_a_way_to_make_a_good_one()
    {
        var e = Assert.Throws<InvalidInputException>(
            () => ApiTokenStore.Resolve(new NodeSettings { ApiToken = "secret" }));

        Assert.Equal(
            "the API token from AIMASS_TOKEN has 6 characters; use at least 16 (e.g. 'openssl rand -hex 32'), or " +
            "unset it so the coordinator generates one.", e.Message);
    }

    [Fact]
    public void Without_a_data_folder_the_token_is_generated_for_this_process()
    {
        var (token, origin) = ApiTokenStore.Resolve(new NodeSettings());

        Assert.Equal(43, token.Value.Length);
        Assert.Equal("generated for this process only (no data folder)", origin);
    }
}

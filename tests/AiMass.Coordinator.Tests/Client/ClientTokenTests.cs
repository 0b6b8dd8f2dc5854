using AiMass.Coordinator.Api;
using AiMass.Coordinator.Client;

namespace AiMass.Coordinator.Tests.Client;

public sealed class ClientTokenTests : IDisposable
{
    private static readonly Uri Local = new("http://127.0.0.1:5080/");
    private static readonly Uri Remote = new("http://coordinator.example:5080/");
    private readonly string _folder = Directory.CreateTempSubdirectory("aimass-client-token-").FullName;
    private readonly string _file;

    public ClientTokenTests()
    {
        _file = Path.Combine(_folder, ApiTokenStore.FileName);
        ApiTokenStore.Write(_file, new ApiToken("from-the-local-file-0123"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_flag_wins_over_the_environment_which_wins_over_the_file()
    {
        var flag = ClientToken.Resolve(" from-the-flag ", "from-the-environment", Local, _file)!;
        var environment = ClientToken.Resolve(null, "from-the-environment", Local, _file)!;
        var file = ClientToken.Resolve(null, null, Local, _file)!;

        Assert.Equal(("from-the-flag", "--token"), (flag.Value, flag.Source));
        Assert.Equal(("from-the-environment", "AIMASS_TOKEN"), (environment.Value, environment.Source));
        Assert.Equal(("from-the-local-file-0123", _file), (file.Value, file.Source));
        Assert.DoesNotContain("from-the-flag", flag.ToString());
    }

    [Fact]
    public void The_local_token_file_is_never_sent_to_a_coordinator_on_another_machine()
    {
        Assert.Null(ClientToken.Resolve(null, null, Remote, _file));
        Assert.Null(ClientToken.Resolve(null, null, Local, Path.Combine(_folder, "missing")));
    }

    [Fact]
    public void Without_a_token_a_refusal_says_how_to_give_one()
    {
        var e = ApiFailures.Unauthorized("http://127.0.0.1:5080", null);

        Assert.Equal(
            "the coordinator at http://127.0.0.1:5080 requires an API token; give it with --token or AIMASS_TOKEN " +
            "(the coordinator logs where it keeps it, by default ~/.local/share/aimass/api-token on its machine; " +
            "deploy/local-cluster.sh writes it to DIR/env)", e.Message);
    }
}

using AiMass.Cluster.Tests.Support;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;

namespace AiMass.Cluster.Tests.ObjectStorage;

/// <summary>
/// The <c>aimass</c> tool as a process against a real S3-compatible server, with credentials in the standard AWS
/// variables and the endpoint in AWS_ENDPOINT_URL_S3 or <c>--s3-endpoint</c>.
/// </summary>
public sealed class S3CommandLineTests : IDisposable
{
    private const string Secret = "never-print-this-secret-7f3a";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private readonly TempDirectory _dir = new();
    private readonly S3Server? _server = S3FactAttribute.Executable is null ? null : new S3Server();

    public void Dispose()
    {
        _server?.Dispose();
        _dir.Dispose();
    }

    [S3Fact]
    public void Fit_from_an_s3_uri_and_local_fit_from_an_s3_prefix_equal_the_local_file_fits()
    {
        var local = Datasets.WriteMixture(_dir.File("x.npy"), 3000, 3, 3, seed: 41);
        _server!.Upload(local, "cli/x.npy");
        var values = ParquetDatasets.ReadNpy(local, out _);
        var whole = ParquetDatasets.Write(_dir.File("x.parquet"), values, 3, 0, 3000, 256);
        _server.Upload(ParquetDatasets.Write(_dir.File("a.parquet"), values, 3, 0, 1100, 256), "cli/parts/part-0.parquet");
        _server.Upload(ParquetDatasets.Write(_dir.File("b.parquet"), values, 3, 1100, 1900, 256), "cli/parts/part-1.parquet");
        string[] fit = ["--k", "3", "--partitions", "4", "--max-iter", "6", "--tol", "0", "--device", "reference"];

        var fromFile = Aimass(Credentials(), ["fit", "gmm", "--data", local, .. fit, "--output", _dir.File("a.json")]);
        var fromS3 = Aimass(
            Credentials(("AWS_ENDPOINT_URL_S3", _server.Endpoint)),
            ["fit", "gmm", "--data", "s3://data/cli/x.npy", .. fit, "--output", _dir.File("b.json")]);
        var fromParquet = Aimass(Credentials(), ["fit", "gmm", "--data", whole, .. fit, "--output", _dir.File("c.json")]);
        var fromParts = Aimass(
            Credentials(),
            ["local", "--workers", "2", "--s3-endpoint", _server.Endpoint, "fit", "gmm", "--data", "s3://data/cli/parts/",
                .. fit, "--output", _dir.File("d.json")]);

        foreach (var run in new[] { fromFile, fromS3, fromParquet, fromParts })
        {
            Assert.True(run.ExitCode == 0, run.ToString());
        }

        ModelAssert.SameAs(Model("a.json"), Model("b.json"));
        ModelAssert.SameAs(Model("c.json"), Model("d.json"));
    }

    [S3Fact]
    public void Wrong_credentials_exit_2_with_one_line_naming_the_uri_and_never_the_secret()
    {
        _server!.Upload(Datasets.WriteMixture(_dir.File("x.npy"), 500, 2, 2, seed: 42), "cli/x.npy");
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIAWRONGWRONG", ["AWS_SECRET_ACCESS_KEY"] = Secret, ["AWS_REGION"] = "us-east-1",
            ["AWS_ENDPOINT_URL_S3"] = _server.Endpoint,
        };

        var run = Aimass(environment, ["fit", "gmm", "--data", "s3://data/cli/x.npy", "--k", "2", "--output", _dir.File("m.json")]);

        Assert.True(run.ExitCode == 2, run.ToString());
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("s3://data/cli/x.npy", line);
        Assert.True(line.Contains(": the store refused the credentials ("), line);
        Assert.Contains("check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or AWS_PROFILE", line);
        Assert.DoesNotContain(Secret, run.Out + run.Error);
    }

    private static Dictionary<string, string> Credentials(params (string Name, string Value)[] more)
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = S3Server.Credential, ["AWS_SECRET_ACCESS_KEY"] = S3Server.Credential,
            ["AWS_REGION"] = "us-east-1",
        };
        foreach (var (name, value) in more)
        {
            environment[name] = value;
        }

        return environment;
    }

    private GaussianMixtureParameters Model(string name) => (GaussianMixtureParameters)ModelFile.Load(_dir.File(name));

    private static ProcessRun Aimass(Dictionary<string, string> environment, string[] arguments) =>
        ProcessRun.Of("dotnet", [Repository.Aimass(), .. arguments], Timeout, environment);
}

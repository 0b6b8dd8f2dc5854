using System.Text.RegularExpressions;
using AiMass.Coordinator.Tests.Support;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;

namespace AiMass.Coordinator.Tests.Cli;

/// <summary>
/// Every kind of bad input, through <c>aimass fit gmm</c> in this process and through <c>aimass submit gmm</c> to a
/// running coordinator: one line on standard error naming the file, row or value and the remedy, exit code 2, no
/// stack trace; the rejected or failed job leaves the cluster serving, so a good job right after it succeeds.
/// </summary>
public sealed partial class BadInputTests : IClassFixture<CoordinatorFixture>
{
    private readonly CoordinatorFixture _cluster;

    public BadInputTests(CoordinatorFixture cluster)
    {
        _cluster = cluster;
        if (!File.Exists(cluster.File("good.npy")))
        {
            BadInputFiles.WriteAll(cluster.Folder);
        }
    }

    /// <summary>Case name, options after <c>fit gmm</c> (F = the data folder), the message (F likewise).</summary>
    public static TheoryData<string, string, string> Cases => new()
    {
        { "missing file", "--data F/missing.npy --k 2", "data file 'F/missing.npy' does not exist" },
        {
            "truncated .npy", "--data F/trunc.npy --k 2",
            "F/trunc.npy is truncated: its header says 200 × 3 float64 (4800 bytes of data) but 4700 bytes follow; " +
            "copy or save it again"
        },
        {
            "unsupported dtype", "--data F/complex.npy --k 2",
            "F/complex.npy holds dtype '<c16' (complex128); AiMass reads '<f4', '<f8', '<i4', '<i8' (little-endian " +
            "float32, float64, int32, int64); convert with x.astype('<f8')"
        },
        {
            "CSV text cell", "--data F/text.csv --k 2",
            "F/text.csv line 3 (row 1), column 1 ('b'): 'five' is not a number; fix the cell or remove the row " +
            "(numbers use '.' as decimal point)"
        },
        {
            "CSV NaN", "--data F/nan.csv --k 2",
            "F/nan.csv line 2 (row 1), column 1: 'nan' is NaN; remove or impute the rows with missing values"
        },
        {
            "CSV Inf", "--data F/inf.csv --k 2",
            "F/inf.csv line 2 (row 1), column 2: 'inf' is infinite; remove the row or replace the value with a " +
            "finite number"
        },
        {
            "CSV ragged row", "--data F/ragged.csv --k 2",
            "F/ragged.csv line 2 (row 1) has 2 values; the first row has 3; give every row the same number of " +
            "comma-separated values"
        },
        {
            ".npy NaN", "--data F/nan.npy --k 2",
            "F/nan.npy row 150, column 2: NaN; remove or impute the rows with missing values"
        },
        {
            "--init of other dimensions", "--data F/d4.npy --init F/m3.json",
            "F/m3.json has 3 features but F/d4.npy has 4 columns; give a model fitted on data with the same columns."
        },
        { "K > rows", "--data F/good.npy --k 500", "--k 500 is more than the 200 rows of F/good.npy; lower --k." },
        { "K = 0", "--data F/good.npy --k 0", "--k 0 must be at least 1." },
        { "K < 0", "--data F/good.npy --k -3", "--k -3 must be at least 1." },
        {
            "unknown covariance", "--data F/good.npy --k 2 --covariance bogus",
            "Unknown covariance type 'bogus'; use full, tied, diag or spherical."
        },
        {
            "unknown init method", "--data F/good.npy --k 2 --init-method bogus",
            "Unknown --init-method 'bogus'; use kmeans++ or random-from-data."
        },
        {
            "all rows identical", "--data F/same.npy --k 3",
            "F/same.npy has 1 distinct row (all rows are identical) among the 200 rows sampled to initialise, fewer " +
            "than --k 3; lower --k to at most 1 or check the data."
        },
        {
            "malformed model file", "--data F/good.npy --init F/malformed.json",
            "F/malformed.json is not valid JSON (line 1, byte 34); give a model file written by aimass or in its " +
            "documented format."
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_prints_one_line_naming_the_problem_and_exits_2(string name, string options, string message)
    {
        var run = CliRun.Of(
            ["fit", "gmm", .. Args(options), "--device", "reference", "--output", _cluster.File($"{name}.json")]);

        Assert.True(run.ExitCode == 2, $"{name}: {run}");
        Assert.Equal($"aimass: {Resolve(message)}{Environment.NewLine}", run.Error);
        Assert.False(File.Exists(_cluster.File($"{name}.json")));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_submitted_job_is_rejected_or_fails_with_the_message_and_the_next_job_succeeds(
        string name, string options, string message)
    {
        var bad = _cluster.Run(["submit", "gmm", .. Args(options)]);
        var good = _cluster.Run(
            "submit", "gmm", "--data", _cluster.File("good.npy"), "--k", "2", "--max-iter", "2", "--tol", "0");

        Assert.True(bad.ExitCode == 2, $"{name}: {bad}");
        var line = Assert.Single(bad.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var expected = Regex.Escape(Resolve(message));
        Assert.Matches($@"^aimass: (job \S+ failed: )?{expected}( \(partition \d+ on worker \S+\))?$", line);
        Assert.True(good.ExitCode == 0, $"the job after '{name}': {good}");
    }

    [Fact]
    public void A_constant_column_still_fits_thanks_to_reg_covar_locally_and_on_the_cluster()
    {
        string[] options = ["--data", _cluster.File("constant.npy"), "--k", "2", "--max-iter", "20"];
        var fit = CliRun.Of(
            ["fit", "gmm", .. options, "--device", "reference", "--output", _cluster.File("c-local.json")]);
        var submit = _cluster.Run(["submit", "gmm", .. options, "--output", _cluster.File("c-job.json")]);

        Assert.True(fit.ExitCode == 0, fit.ToString());
        Assert.True(submit.ExitCode == 0, submit.ToString());
        foreach (var file in new[] { "c-local.json", "c-job.json" })
        {
            var model = (GaussianMixtureParameters)ModelFile.Load(_cluster.File(file));
            Assert.All(model.Covariances.ToArray(), v => Assert.True(double.IsFinite(v)));
            Assert.All(Enumerable.Range(0, 2), k => Assert.Equal(7.0, model.Means[(k * 3) + 1], 9));
        }
    }

    [Fact]
    public void No_bad_input_prints_a_stack_trace()
    {
        foreach (var (name, options, _) in Cases.Select(c => ((string)c[0], (string)c[1], (string)c[2])))
        {
            var run = CliRun.Of(
                ["fit", "gmm", .. Args(options), "--device", "reference", "--output", _cluster.File("x.json")]);
            Assert.DoesNotContain("   at ", run.Error);
            Assert.DoesNotContain("Exception", run.Error);
            var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            Assert.True(lines is >= 1 and <= 3, $"{name}: {run.Error}");
        }
    }

    private string[] Args(string options) =>
        options.Split(' ')
            .Select(a => a.StartsWith("F/", StringComparison.Ordinal) ? _cluster.File(a[2..]) : a)
            .ToArray();

    private string Resolve(string message) => message.Replace("F/", _cluster.Folder + "/", StringComparison.Ordinal);
}

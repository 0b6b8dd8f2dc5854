using System.Text.Json;
using AiMass.Coordinator.Tests.Support;

namespace AiMass.Coordinator.Tests.Cli;

/// <summary>
/// <c>--precision auto|single|double</c> of <c>fit</c>: auto by default, recorded per iteration in the model
/// file's history, and refused (exit 2) where a device cannot compute what it asks, never ignored.
/// </summary>
public sealed class PrecisionOptionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("cuda")]
    [InlineData("opencl")]
    [InlineData("ilgpu-cpu")]
    public void Double_precision_on_an_ilgpu_device_is_refused_with_exit_code_2(string device)
    {
        var run = CliRun.Of(FitArgs(Data(), "--device", device, "--precision", "double"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            $"aimass: --precision double: the {device} device computes in float32 only; use --precision auto " +
            "(float32 on the device, the last iterations in float64 on the CPU) or --device cpu.",
            Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void Single_precision_on_the_reference_device_is_refused_with_exit_code_2()
    {
        var run = CliRun.Of(FitArgs(Data(), "--device", "reference", "--precision", "single"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the reference device computes in float64 only", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_precision_is_refused_with_exit_code_2()
    {
        var run = CliRun.Of(FitArgs(Data(), "--precision", "half"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("aimass: --precision half: use auto, single or double.", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void The_default_auto_fit_records_float32_then_float64_iterations_and_stops_where_double_does()
    {
        var data = Data();
        var auto = History(CliRun.Of(FitArgs(data, "--output", _dir.File("auto.json"))), "auto.json");
        var dbl = History(
            CliRun.Of(FitArgs(data, "--precision", "double", "--output", _dir.File("double.json"))), "double.json");

        Assert.Equal(dbl.Length, auto.Length);
        Assert.All(dbl, p => Assert.Equal("float64", p));
        Assert.Equal("float32", auto[0]);
        Assert.Equal("float64", auto[^1]);
        var float32 = auto.TakeWhile(p => p == "float32").Count();
        Assert.All(auto.Skip(float32), p => Assert.Equal("float64", p));
    }

    private string[] History(CliRun run, string file)
    {
        run.Succeeded();
        using var model = JsonDocument.Parse(File.ReadAllText(_dir.File(file)));
        return model.RootElement.GetProperty("history").EnumerateArray()
            .Select(r => r.GetProperty("precision").GetString()!).ToArray();
    }

    private string Data()
    {
        var data = _dir.File("x.npy");
        if (!File.Exists(data))
        {
            CliRun.Of("gen", "gmm", "--rows", "3000", "--features", "3", "--components", "4", "--separation", "1",
                "--seed", "7", "--output", data).Succeeded();
        }

        return data;
    }

    private static string[] FitArgs(string data, params string[] extra) =>
        ["fit", "gmm", "--data", data, "--k", "4", "--covariance", "diag", "--tol", "1e-7", "--max-iter", "400",
         .. extra];
}

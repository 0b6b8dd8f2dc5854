using AiMass.Coordinator.Tests.Support;

namespace AiMass.Coordinator.Tests.Cli;

/// <summary>Bad lengths files: exit code 2 and one line that names the file, line and value.</summary>
public sealed class HmmLengthsErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly HmmCase _fixture = HmmCase.Load("gaussian_diag");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("0\n400\n", "line 1: '0' is not a positive integer")]
    [InlineData("200\n-5\n205\n", "line 2: '-5' is not a positive integer")]
    [InlineData("100\n2.5\n", "line 2: '2.5' is not a positive integer")]
    public void A_length_that_is_not_a_positive_integer_is_named_by_line(string text, string what)
    {
        var lengths = _dir.Text("lengths.txt", text);

        var run = Fit(lengths);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            [$"aimass: {lengths} {what}; each line holds the length (number of rows) of one sequence"],
            run.ErrorLines);
    }

    [Fact]
    public void Lengths_that_do_not_add_up_to_the_rows_are_refused()
    {
        var lengths = _dir.Text("lengths.txt", "100\n200\n");

        var run = Fit(lengths);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            [$"aimass: the lengths in {lengths} add up to 300 but {_fixture.Data} has 400 rows; " +
             "they must add up to the number of rows"],
            run.ErrorLines);
    }

    [Fact]
    public void Decode_refuses_the_same_lengths_with_the_same_message()
    {
        var lengths = _dir.Text("lengths.txt", "100\n200\n");
        var model = _dir.Text("model.json", _fixture.ExpectedModelJson);

        var run = CliRun.Of(
            "decode", "--model", model, "--data", _fixture.Data, "--lengths", lengths, "--output", _dir.File("s.npy"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            [$"aimass: the lengths in {lengths} add up to 300 but {_fixture.Data} has 400 rows; " +
             "they must add up to the number of rows"],
            run.ErrorLines);
    }

    [Fact]
    public void Partitions_without_lengths_are_refused_because_one_sequence_is_never_cut()
    {
        var run = CliRun.Of(
            "fit", "hmm", "--data", _fixture.Data, "--states", "2", "--partitions", "2",
            "--output", _dir.File("m.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            ["aimass: --partitions 2: without --lengths the data are one sequence, and a sequence is never cut; " +
             "give --lengths (one length per sequence) or use --partitions 1."],
            run.ErrorLines);
    }

    private CliRun Fit(string lengths) => CliRun.Of(
        "fit", "hmm", "--data", _fixture.Data, "--lengths", lengths, "--states", "2", "--device", "reference",
        "--output", _dir.File("m.json"));
}

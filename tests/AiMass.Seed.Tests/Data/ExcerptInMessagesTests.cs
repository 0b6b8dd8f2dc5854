using System.Text;
using AiMass.Kernels;
using AiMass.Kernels.Input;
using AiMass.Seed.Data;
using AiMass.Seed.Jobs;

namespace AiMass.Seed.Tests.Data;

/// <summary>
/// Every reader quotes bad data as a short escaped excerpt, never a whole line or file, and refuses kernel files:
/// the failures seen when a lengths or weights path pointed at /proc/self/environ or /etc/passwd.
/// </summary>
public sealed class ExcerptInMessagesTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_lengths_file_with_one_long_line_is_quoted_as_forty_characters_and_the_line_length()
    {
        var line = "KEY=" + new string('v', 5000) + "\u0000OTHER=tail";
        var path = _files.Text("lengths", line + "\n");

        var error = Assert.Throws<InvalidInputException>(() => SequenceLengths.Read(path, 10, "data.npy"));

        Assert.Equal(
            $"{path} line 1: 'KEY={new string('v', 36)}…' ({line.Length} characters) is not a positive integer; " +
            "each line holds the length (number of rows) of one sequence", error.Message);
        Assert.DoesNotContain("OTHER", error.Message);
    }

    [Fact]
    public void A_csv_cell_with_control_characters_is_escaped_and_cut()
    {
        var cell = "\u001b[2Jroot:x:0:0:root:/root:/bin/bash;" + new string('p', 100);
        var path = _files.Text("w.csv", $"1.0\n2.0\n{cell}\n");

        var error = Assert.Throws<InvalidInputException>(() => CsvRowSource.Open(path));

        Assert.Equal(
            $"{path} line 3 (row 2), column 0: '\\u001B[2Jroot:x:0:0:root:/root:/bin/bash;pppp…' ({cell.Length} " +
            "characters) is not a number; fix the cell or remove the row (numbers use '.' as decimal point)",
            error.Message);
    }

    [Fact]
    public void A_long_header_name_is_quoted_as_an_excerpt()
    {
        var name = "h" + new string('n', 300);
        var path = _files.Text("h.csv", $"{name},b\n1,x\n");

        var error = Assert.Throws<InvalidInputException>(() => CsvRowSource.Open(path));

        Assert.StartsWith($"{path} line 2 (row 0), column 1 ('b'): 'x' is not a number", error.Message);
        var first = _files.Text("h2.csv", $"{name},b\nx,1\n");
        Assert.StartsWith(
            $"{first} line 2 (row 0), column 0 ('h{new string('n', 39)}…' (301 characters)): 'x' is not a number",
            Assert.Throws<InvalidInputException>(() => CsvRowSource.Open(first)).Message);
    }

    [Fact]
    public void A_cell_that_holds_a_registered_secret_is_withheld_even_when_split_by_a_comma()
    {
        var secret = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        SecretValues.Register(secret);
        var path = _files.Text("s.csv", $"1,2\n{secret[..16]},{secret[16..]}\n");
        var lengths = _files.Text("s.txt", $"password={secret}\n");

        var csv = Assert.Throws<InvalidInputException>(() => CsvRowSource.Open(path)).Message;
        var text = Assert.Throws<InvalidInputException>(() => SequenceLengths.Read(lengths, 1, "d")).Message;

        Assert.Equal(
            $"{path} line 2 (row 1), column 0: {Excerpt.Withheld} is not a number; fix the cell or remove the row " +
            "(numbers use '.' as decimal point)", csv);
        Assert.Equal(
            $"{lengths} line 1: {Excerpt.Withheld} is not a positive integer; each line holds the length (number of " +
            "rows) of one sequence", text);
    }

    [Fact]
    public void A_long_dtype_in_a_npy_header_is_quoted_as_an_excerpt()
    {
        var descr = "<" + new string('Q', 500);
        var header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': (2,), }}";
        var path = _files.Bytes("d.npy", NpyFile(header));

        var error = Assert.Throws<InvalidInputException>(() => NpyHeaderReader.ReadFile(path));

        Assert.StartsWith($"{path} holds dtype '<{new string('Q', 39)}…' (501 characters) (an unknown type);",
            error.Message);
    }

    [Fact]
    public void The_process_environment_is_refused_as_lengths_weights_and_data_also_through_a_csv_link()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // The assertion below needs /proc; the gate's own tests cover other systems.
        }

        var data = _files.Text("x.csv", "1\n2\n3\n");
        var link = _files.PathOf("env.csv");
        File.CreateSymbolicLink(link, "/proc/self/environ");
        var spec = new FitSpec { Data = data, Lengths = "/proc/self/environ" };

        var lengths = Assert.Throws<InvalidInputException>(() => DatasetLayout.Open(spec, 1)).Message;
        var weights = Assert.Throws<InvalidInputException>(
            () => DatasetLayout.Open(spec with { Lengths = null, SampleWeight = link }, 1)).Message;
        var rows = Assert.Throws<InvalidInputException>(() => DatasetReader.Open(link)).Message;

        Assert.StartsWith("lengths file '/proc/self/environ' (it resolves to '/proc/", lengths);
        Assert.StartsWith($"weights file '{link}' (it resolves to '/proc/", weights);
        Assert.StartsWith($"data file '{link}' (it resolves to '/proc/", rows);
        foreach (var message in new[] { lengths, weights, rows })
        {
            Assert.Contains("is a file of the kernel (/proc, /sys, /dev), not a data file", message);
            Assert.DoesNotContain("PATH=", message);
        }
    }

    [Fact]
    public void A_layout_with_data_roots_refuses_each_file_outside_them()
    {
        var root = Directory.CreateDirectory(_files.PathOf("root")).FullName;
        var data = Path.Combine(root, "x.csv");
        File.WriteAllText(data, "1\n2\n3\n");
        var weights = _files.Text("w.csv", "1\n1\n1\n");
        var roots = DataRoots.Of([root]);

        using (var layout = DatasetLayout.Open(new FitSpec { Data = data }, 1, roots: roots))
        {
            Assert.Equal(3, layout.Data.Rows);
        }

        var error = Assert.Throws<InvalidInputException>(
            () => DatasetLayout.Open(new FitSpec { Data = data, SampleWeight = weights }, 1, roots: roots));
        Assert.StartsWith($"weights file '{weights}'", error.Message);
        Assert.Contains("is outside this node's data roots", error.Message);
    }

    private static byte[] NpyFile(string header)
    {
        var padded = header.PadRight(((header.Length + 11) / 64 + 1) * 64 - 11) + "\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange(Encoding.ASCII.GetBytes("NUMPY"));
        bytes.AddRange([2, 0]);
        bytes.AddRange(BitConverter.GetBytes((uint)padded.Length));
        bytes.AddRange(Encoding.Latin1.GetBytes(padded));
        bytes.AddRange(new byte[16]);
        return [.. bytes];
    }
}

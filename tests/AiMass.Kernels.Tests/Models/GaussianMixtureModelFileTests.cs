using System.Text;
using System.Text.Json.Nodes;
using AiMass.Kernels.Em;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;

namespace AiMass.Kernels.Tests.Models;

/// <summary>The mixture model file: streamed both ways, scikit-learn's names and nested shapes kept.</summary>
public sealed class GaussianMixtureModelFileTests
{
    public static TheoryData<CovarianceType> Types => [.. Enum.GetValues<CovarianceType>()];

    [Theory]
    [MemberData(nameof(Types))]
    public void Every_covariance_type_survives_a_save_and_load_bit_for_bit(CovarianceType type)
    {
        var model = Model(type, k: 3, d: 5);
        var path = Path.Combine(Path.GetTempPath(), $"aimass-model-{Guid.NewGuid():N}.json");
        try
        {
            ModelFile.Save(path, Result(model));

            var back = Assert.IsType<GaussianMixtureParameters>(ModelFile.Load(path));

            Assert.Equal(model.Weights.ToArray(), back.Weights.ToArray());
            Assert.Equal(model.Means.ToArray(), back.Means.ToArray());
            Assert.Equal(model.Covariances.ToArray(), back.Covariances.ToArray());
            Assert.Equal(model.PrecisionCholesky.ToArray(), back.PrecisionCholesky.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_arrays_keep_scikit_learns_names_and_nesting_with_one_innermost_row_per_line()
    {
        var model = Model(CovarianceType.Full, k: 2, d: 3);

        var text = ModelFile.Serialize(Result(model));

        var root = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(2, root["weights"]!.AsArray().Count);
        Assert.Equal(3, root["means"]![1]!.AsArray().Count);
        Assert.Equal(model.Covariances[(1 * 9) + (2 * 3) + 1], (double)root["covariances"]![1]![2]![1]!);
        var rows = text.Split('\n').Where(line => line.TrimStart().StartsWith("[", StringComparison.Ordinal)
            && line.TrimEnd().TrimEnd(',').EndsWith("]", StringComparison.Ordinal)).ToList();
        Assert.Equal(2 + (2 * 3), rows.Count(line => line.Count(c => c == ',') >= 2)); // means and covariance rows
    }

    [Fact]
    public void Arrays_laid_out_by_another_writer_read_the_same()
    {
        // Spaces, newlines, exponents, integers and a byte-order mark, as Python's json.dump(indent=1) or a hand
        // edit may leave them.
        const string json = "\uFEFF{ \"kind\" : \"gmm\", \"covariance_type\":\"diag\",\n" +
            " \"weights\": [ 0.25 ,\n 0.75 ],\n" +
            " \"means\": [[1, 2e0], [ -3.5E+1 , 4 ]], \"covariances\": [[1.0,2],[3, 4e-1]], \"extra\": {\"a\": [1]} }";

        var model = Assert.IsType<GaussianMixtureParameters>(
            ModelFile.ParseUtf8(Encoding.UTF8.GetBytes(json), "hand.json"));

        Assert.Equal([0.25, 0.75], model.Weights.ToArray());
        Assert.Equal([1, 2, -35, 4], model.Means.ToArray());
        Assert.Equal([1, 2, 3, 0.4], model.Covariances.ToArray());
    }

    [Theory]
    [InlineData("[[1, 2], [3]]", "\"means\" has 1 entries at depth 2; shape [2 × 2] needs 2.")]
    [InlineData("[[1, 2], [3, \"x\"]]", "\"means\" holds '\"x\"' where a finite number belongs.")]
    [InlineData("[[1, 2], [3, null]]", "\"means\" holds 'null' where a finite number belongs.")]
    [InlineData("[[1, 2], [3, 1e999]]", "\"means\" holds '1e999' where a finite number belongs.")]
    [InlineData("[1, 2, 3, 4]", "\"means\" has 4 entries at depth 1; shape [2 × ?] needs 2.")]
    [InlineData("[[1, 2, 3], [4, 5, 6]]", "\"covariances\" has 2 entries at depth 2; shape [2 × 3] needs 3.")]
    public void A_bad_array_is_reported_by_field_and_shape_as_before(string means, string expected)
    {
        var json = "{\"kind\":\"gmm\",\"covariance_type\":\"diag\",\"weights\":[0.5,0.5],\"means\":" + means +
            ",\"covariances\":[[1,1],[1,1]]}";

        var error = Assert.Throws<InvalidInputException>(() => ModelFile.Parse(json, "bad.json"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("bad.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_json_names_the_line_and_byte()
    {
        var error = Assert.Throws<InvalidInputException>(
            () => ModelFile.Parse("{\"kind\": \"gmm\",\n \"weights\": [1, 2,, 3]}", "broken.json"));

        Assert.StartsWith("broken.json is not valid JSON (line 2,", error.Message, StringComparison.Ordinal);
    }

    private static FitResult Result(ModelParameters model) =>
        new(model, true, 4, -1.25, [], -1250, 1000, 1000, 0, [-1.25]);

    private static GaussianMixtureParameters Model(CovarianceType type, int k, int d)
    {
        var random = new Random(17);
        var weights = Enumerable.Range(1, k).Select(i => (double)i).ToArray();
        var sum = weights.Sum();
        weights = [.. weights.Select(w => w / sum)];
        var means = Enumerable.Range(0, k * d).Select(_ => (random.NextDouble() - 0.5) * 1e3).ToArray();
        var covariances = new double[type.CovarianceLength(k, d)];
        var blocks = type switch { CovarianceType.Full => k, CovarianceType.Tied => 1, _ => 0 };
        for (var b = 0; b < blocks; b++)
        {
            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j <= i; j++)
                {
                    var value = i == j ? 1 + random.NextDouble() : (random.NextDouble() - 0.5) / d;
                    covariances[(b * d * d) + (i * d) + j] = covariances[(b * d * d) + (j * d) + i] = value;
                }
            }
        }

        if (blocks == 0)
        {
            for (var i = 0; i < covariances.Length; i++)
            {
                covariances[i] = Math.Exp(random.NextDouble() - 0.5) / 3;
            }
        }

        return GaussianMixtureParameters.Create(type, weights, means, covariances, d);
    }
}

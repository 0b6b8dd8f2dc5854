using AiMass.Kernels.Models;
using AiMass.Kernels.Tests.Support;

namespace AiMass.Kernels.Tests.Models;

/// <summary>A malformed model or <c>--init</c> file is named with a short excerpt of the bad JSON value.</summary>
public sealed class ModelFileExcerptTests
{
    [Fact]
    public void An_unknown_kind_is_quoted_as_forty_escaped_characters()
    {
        var kind = "line1\\n" + new string('k', 500);

        var error = Assert.Throws<InvalidInputException>(() => ModelFile.Parse($"{{\"kind\":\"{kind}\"}}", "m.json"));

        Assert.Equal(
            $"m.json: unknown model kind 'line1\\n{new string('k', 34)}…' (506 characters); expected \"gmm\" or " +
            "\"hmm\".", error.Message);
    }

    [Fact]
    public void A_large_json_value_where_a_number_or_string_belongs_is_cut()
    {
        var big = "[" + string.Join(",", Enumerable.Repeat("123456789", 1000)) + "]";

        var kind = Assert.Throws<InvalidInputException>(() => ModelFile.Parse($"{{\"kind\":{big}}}", "m.json"));
        var weight = Assert.Throws<InvalidInputException>(() => ModelFile.Parse(
            $"{{\"kind\":\"gmm\",\"covariance_type\":\"diag\",\"weights\":[{big}],\"means\":[[1]]," +
            "\"covariances\":[[1]]}", "m.json"));

        Assert.Equal(
            $"m.json: \"kind\" must be a string, not '[{string.Join(",", Enumerable.Repeat("123456789", 4))}…' " +
            $"({big.Length} characters).", kind.Message);
        Assert.True(weight.Message.Length < 200, weight.Message);
        Assert.Contains($"({big.Length} characters)", weight.Message);
    }

    [LinuxFact]
    public void A_model_path_into_proc_is_refused_before_it_is_read()
    {
        var error = Assert.Throws<InvalidInputException>(() => ModelFile.Load("/proc/self/environ"));

        Assert.StartsWith("model file '/proc/self/environ' (it resolves to '/proc/", error.Message);
        Assert.DoesNotContain("PATH=", error.Message);
    }
}

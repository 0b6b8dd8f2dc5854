using AiMass.Kernels.Input;

namespace AiMass.Kernels.Tests.Input;

public sealed class ExcerptTests
{
    [Fact]
    public void A_short_value_is_quoted_whole()
    {
        Assert.Equal("'abc'", Excerpt.Of("abc"));
        Assert.Equal("''", Excerpt.Of(""));
    }

    [Fact]
    public void A_long_value_shows_its_first_forty_characters_and_its_length()
    {
        var value = new string('x', 39) + "y" + new string('z', 960);

        var quoted = Excerpt.Of(value);

        Assert.Equal($"'{new string('x', 39)}y…' (1000 characters)", quoted);
        Assert.DoesNotContain("z", quoted);
    }

    [Fact]
    public void Control_characters_quotes_and_backslashes_are_escaped_so_the_excerpt_stays_on_one_line()
    {
        var quoted = Excerpt.Of("a\nb\rc\td\0e\u001bf'g\\h\u202ei\u2028j");

        Assert.Equal("'a\\nb\\rc\\td\\0e\\u001Bf\\'g\\\\h\\u202Ei\\u2028j'", quoted);
        Assert.DoesNotContain('\n', quoted);
        Assert.DoesNotContain('\u001b', quoted);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair_and_whole_pairs_are_kept()
    {
        var value = new string('a', 39) + "😀" + "tail";

        var quoted = Excerpt.Of(value);

        Assert.Equal($"'{new string('a', 39)}…' (45 characters)", quoted);
        Assert.Equal("'😀'", Excerpt.Of("😀"));
        Assert.Equal("'\\uD83D'", Excerpt.Of("\uD83D"));
    }

    [Fact]
    public void A_value_that_holds_a_registered_secret_is_withheld_wherever_the_secret_sits()
    {
        var secret = Secret();
        SecretValues.Register(secret);

        Assert.Equal(Excerpt.Withheld, Excerpt.Of(secret));
        Assert.Equal(Excerpt.Withheld, Excerpt.Of(new string('1', 100) + secret));
        Assert.Equal(Excerpt.Withheld, Excerpt.Of("prefix " + secret[..10]));
        Assert.Equal(Excerpt.Withheld, Excerpt.OfMessage($"the server said: {secret}"));
        Assert.Equal("'abc'", Excerpt.Of("abc"));
    }

    [Fact]
    public void A_library_message_is_passed_on_unquoted_one_line_and_cut_at_two_hundred_characters()
    {
        Assert.Equal("bad magic 'PAR1'\\n at 0", Excerpt.OfMessage("bad magic 'PAR1'\n at 0"));
        Assert.Equal(new string('m', 200) + "… (300 characters)", Excerpt.OfMessage(new string('m', 300)));
        Assert.Equal("", Excerpt.OfMessage(null));
    }

    /// <summary>A distinctive random secret (hex, 32 characters) that no other test registers.</summary>
    internal static string Secret() => Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
}

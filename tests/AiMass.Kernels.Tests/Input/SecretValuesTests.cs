using AiMass.Kernels.Input;

namespace AiMass.Kernels.Tests.Input;

public sealed class SecretValuesTests
{
    [Fact]
    public void Redact_masks_a_secret_and_any_eight_character_run_of_it()
    {
        var secret = ExcerptTests.Secret();
        SecretValues.Register(secret);

        Assert.Equal("token *** end", SecretValues.Redact($"token {secret} end"));
        Assert.Equal("cut ***", SecretValues.Redact($"cut {secret[..12]}"));
        Assert.Equal("*** and ***", SecretValues.Redact($"{secret[20..]} and {secret}"));
        Assert.Equal($"short {secret[..7]} stays", SecretValues.Redact($"short {secret[..7]} stays"));
        Assert.True(SecretValues.Overlaps($"x{secret[3..11]}x"));
    }

    [Fact]
    public void A_secret_with_surrounding_white_space_is_masked_trimmed_too()
    {
        var secret = ExcerptTests.Secret();
        SecretValues.Register($"  {secret}\n");

        Assert.Equal("value ***.", SecretValues.Redact($"value {secret}."));
    }

    [Fact]
    public void A_short_secret_withholds_excerpts_but_does_not_mask_whole_messages()
    {
        var secret = "q" + ExcerptTests.Secret()[..5]; // 6 characters: registered, below the mask window
        SecretValues.Register(secret);

        Assert.Equal(Excerpt.Withheld, Excerpt.Of($"cell {secret}"));
        Assert.Equal($"message {secret}", SecretValues.Redact($"message {secret}"));
    }

    [Fact]
    public void Null_blank_and_very_short_values_are_not_registered()
    {
        SecretValues.Register(null);
        SecretValues.Register("   ");
        SecretValues.Register("z~3");

        Assert.Equal("'z~3'", Excerpt.Of("z~3"));
        Assert.False(SecretValues.Overlaps("z~3"));
    }
}

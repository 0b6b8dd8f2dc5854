using AiMass.Coordinator.Client;
using AiMass.Kernels;

namespace AiMass.Coordinator.Tests.Client;

public sealed class CoordinatorAddressTests
{
    [Fact]
    public void The_flag_wins_over_the_environment_which_wins_over_the_default()
    {
        Assert.Equal("http://flag:1/", CoordinatorAddress.Resolve("http://flag:1", "http://env:2").AbsoluteUri);
        Assert.Equal("http://env:2/", CoordinatorAddress.Resolve(null, "http://env:2").AbsoluteUri);
        Assert.Equal("http://env:2/", CoordinatorAddress.Resolve("  ", "http://env:2").AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5080/", CoordinatorAddress.Resolve(null, null).AbsoluteUri);
    }

    [Fact]
    public void A_bare_host_and_port_means_http_and_a_path_is_kept_as_the_base()
    {
        Assert.Equal("http://node-3:5080/", CoordinatorAddress.Resolve("node-3:5080", null).AbsoluteUri);
        Assert.Equal(
            "https://gw.example/aimass/", CoordinatorAddress.Resolve("https://gw.example/aimass", null).AbsoluteUri);
        Assert.Equal("http://node-3:5080", CoordinatorAddress.Display(CoordinatorAddress.Resolve("node-3:5080", null)));
    }

    [Theory]
    [InlineData("ftp://host:21", "--coordinator 'ftp://host:21'")]
    [InlineData("http://", "--coordinator 'http://'")]
    [InlineData("host:notaport", "--coordinator 'host:notaport'")]
    public void Something_that_is_not_an_http_address_is_bad_input_naming_the_flag(string flag, string start)
    {
        var e = Assert.Throws<InvalidInputException>(() => CoordinatorAddress.Resolve(flag, null));

        Assert.StartsWith(start, e.Message);
        Assert.Contains("http://127.0.0.1:5080", e.Message);
    }

    [Fact]
    public void A_bad_environment_value_names_the_variable()
    {
        var e = Assert.Throws<InvalidInputException>(() => CoordinatorAddress.Resolve(null, "ftp://x"));

        Assert.StartsWith("AIMASS_COORDINATOR 'ftp://x'", e.Message);
    }
}

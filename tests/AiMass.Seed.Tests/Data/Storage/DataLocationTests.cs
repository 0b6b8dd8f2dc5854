using AiMass.Kernels;
using AiMass.Seed.Data.Storage;
using Xunit;

namespace AiMass.Seed.Tests.Data.Storage;

public sealed class DataLocationTests
{
    [Fact]
    public void A_plain_path_and_a_file_uri_are_the_same_absolute_local_path()
    {
        var plain = DataLocation.Parse("/tmp/x.npy");
        var uri = DataLocation.Parse("file:///tmp/x.npy");

        Assert.Equal(plain, uri);
        Assert.False(uri.IsS3);
        Assert.Equal(".npy", uri.Extension);
    }

    [Fact]
    public void An_s3_uri_has_a_bucket_and_a_key_and_prints_back_unchanged()
    {
        var location = DataLocation.Parse("s3://my-bucket/sets/part-0.Parquet");

        Assert.Equal(("my-bucket", "sets/part-0.Parquet"), (location.Bucket, location.Key));
        Assert.Equal(".parquet", location.Extension);
        Assert.Equal("s3://my-bucket/sets/part-0.Parquet", location.ToString());
        Assert.Equal("s3://my-bucket/sets/x.npy", DataLocation.Parse("s3://my-bucket/sets/").Child("x.npy").ToString());
    }

    [Fact]
    public void Credentials_in_an_s3_uri_are_refused_without_being_echoed()
    {
        var error = Assert.Throws<InvalidInputException>(
            () => DataLocation.Parse("s3://AKIAID:topsecret@bucket/x.npy")).Message;

        Assert.DoesNotContain("topsecret", error);
        Assert.DoesNotContain("AKIAID", error);
        Assert.Contains("AWS_ACCESS_KEY_ID", error);
    }

    [Theory]
    [InlineData("s3://B/x.npy", "has no valid bucket name")]
    [InlineData("s3://ab/x.npy", "has no valid bucket name")]
    [InlineData("s3://bucket/x.npy?versionId=3", "has a query or fragment")]
    [InlineData("hdfs://node/x.npy", "uses the scheme 'hdfs://'")]
    [InlineData("file://otherhost/x.npy", "is not a local file:// URI")]
    [InlineData(" ", "location is empty")]
    public void Malformed_locations_are_user_errors_naming_the_problem(string text, string expected)
    {
        var error = Assert.Throws<InvalidInputException>(() => DataLocation.Parse(text)).Message;

        Assert.Contains(expected, error);
    }
}

using AiMass.Kernels.Input;
using AiMass.Kernels.Tests.Support;

namespace AiMass.Kernels.Tests.Input;

/// <summary>The allow-list of data folders: resolved roots, and files resolved before they are compared.</summary>
public sealed class DataRootsTests : IDisposable
{
    private readonly string _folder =
        FileSystemProbe.RealPath(Directory.CreateTempSubdirectory("aimass-roots-").FullName, out _)!;

    public DataRootsTests()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Path.Combine(Root, "x.csv"), "1\n");
        File.WriteAllText(Path.Combine(Outside, "y.csv"), "1\n");
    }

    private string Root => Path.Combine(_folder, "data");

    private string Outside => Path.Combine(_folder, "private");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_file_inside_a_root_passes_and_one_outside_is_refused_with_the_remedy()
    {
        var roots = DataRoots.Of([Root]);
        var outside = Path.Combine(Outside, "y.csv");

        Assert.Equal(Path.Combine(Root, "x.csv"), InputFiles.Check(Path.Combine(Root, "x.csv"), roots: roots));
        var error = Assert.Throws<InvalidInputException>(() => InputFiles.Check(outside, roots: roots));

        Assert.Equal(
            $"data file '{outside}' is outside this node's data roots ({Root}); put the file under a data root, or " +
            "add its folder with --data-root (AIMASS_DATA_ROOTS)", error.Message);
    }

    [Fact]
    public void Dot_dot_does_not_lead_out_of_a_root()
    {
        var roots = DataRoots.Of([Root]);
        var escape = Path.Combine(Root, "..", "private", "y.csv");

        var error = Assert.Throws<InvalidInputException>(() => InputFiles.Check(escape, roots: roots));

        Assert.Contains("is outside this node's data roots", error.Message);
    }

    [LinuxFact]
    public void A_link_inside_a_root_to_a_file_outside_is_refused()
    {
        var roots = DataRoots.Of([Root]);
        var link = Path.Combine(Root, "w.csv");
        File.CreateSymbolicLink(link, Path.Combine(Outside, "y.csv"));

        var error = Assert.Throws<InvalidInputException>(() => InputFiles.Check(link, "weights file", roots));

        Assert.Equal(
            $"weights file '{link}' (it resolves to '{Path.Combine(Outside, "y.csv")}') is outside this node's data " +
            $"roots ({Root}); put the file under a data root, or add its folder with --data-root (AIMASS_DATA_ROOTS)",
            error.Message);
    }

    [LinuxFact]
    public void A_root_given_through_a_link_is_resolved_and_a_sibling_with_the_same_prefix_is_outside()
    {
        var rootLink = Path.Combine(_folder, "data-link");
        Directory.CreateSymbolicLink(rootLink, Root);
        Directory.CreateDirectory(Root + "-evil");
        File.WriteAllText(Path.Combine(Root + "-evil", "z.csv"), "1\n");

        var roots = DataRoots.Of([rootLink, rootLink + "/"]);

        Assert.Equal([Root], roots.Folders);
        Assert.Equal(Path.Combine(Root, "x.csv"), InputFiles.Check(Path.Combine(rootLink, "x.csv"), roots: roots));
        Assert.Throws<InvalidInputException>(
            () => InputFiles.Check(Path.Combine(Root + "-evil", "z.csv"), roots: roots));
    }

    [Fact]
    public void No_roots_allow_any_folder_and_a_missing_root_is_an_error()
    {
        Assert.True(DataRoots.Of([]).IsAny);
        Assert.True(DataRoots.Of(null).Contains("/anything"));
        var missing = Path.Combine(_folder, "none");

        var error = Assert.Throws<InvalidInputException>(() => DataRoots.Of([missing]));

        Assert.Equal(
            $"--data-root '{missing}' is not an existing folder; create it or fix the path (a data root is a folder " +
            "the node may read data files from).", error.Message);
    }
}

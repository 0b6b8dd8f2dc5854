using System.Net.Sockets;
using System.Runtime.InteropServices;
using AiMass.Kernels.Input;
using AiMass.Kernels.Tests.Support;

namespace AiMass.Kernels.Tests.Input;

/// <summary>The input gate on real files, links, /proc, a device, a named pipe and a socket.</summary>
public sealed partial class InputFilesTests : IDisposable
{
    private readonly string _folder =
        FileSystemProbe.RealPath(Directory.CreateTempSubdirectory("aimass-gate-").FullName, out _)!;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_regular_file_passes_and_its_resolved_path_is_returned()
    {
        var file = Write("x.csv", "1\n");

        Assert.Equal(file, InputFiles.Check(file));
        Assert.Equal(file, InputFiles.Check(Path.Combine(_folder, "sub", "..", "x.csv")));
    }

    [LinuxFact]
    public void The_process_environment_is_refused_directly_and_through_a_csv_link()
    {
        var link = Path.Combine(_folder, "env.csv");
        File.CreateSymbolicLink(link, "/proc/self/environ");

        var direct = Assert.Throws<InvalidInputException>(() => InputFiles.Check("/proc/self/environ", "lengths file"));
        var linked = Assert.Throws<InvalidInputException>(() => InputFiles.Check(link, "weights file"));

        Assert.StartsWith("lengths file '/proc/self/environ' (it resolves to '/proc/", direct.Message);
        Assert.EndsWith(
            "is a file of the kernel (/proc, /sys, /dev), not a data file; AiMass reads only regular files: give " +
            "the path of a data file", direct.Message);
        Assert.StartsWith($"weights file '{link}' (it resolves to '/proc/", linked.Message);
        Assert.Contains("is a file of the kernel", linked.Message);
    }

    [LinuxFact]
    public void A_link_to_a_link_into_proc_through_a_folder_link_is_refused()
    {
        var folderLink = Path.Combine(_folder, "self");
        Directory.CreateSymbolicLink(folderLink, "/proc/self");
        var hop = Path.Combine(_folder, "hop.npy");
        File.CreateSymbolicLink(hop, Path.Combine(folderLink, "environ"));

        var error = Assert.Throws<InvalidInputException>(() => InputFiles.Check(hop));

        Assert.Contains("is a file of the kernel", error.Message);
    }

    [LinuxFact]
    public void A_device_is_refused()
    {
        var link = Path.Combine(_folder, "zero.npy");
        File.CreateSymbolicLink(link, "/dev/zero");

        var error = Assert.Throws<InvalidInputException>(() => InputFiles.Check(link));

        Assert.Equal(
            $"data file '{link}' (it resolves to '/dev/zero') is a file of the kernel (/proc, /sys, /dev), not a " +
            "data file; AiMass reads only regular files: give the path of a data file", error.Message);
    }

    [LinuxFact]
    public void A_named_pipe_is_refused_without_blocking_on_it()
    {
        var fifo = Path.Combine(_folder, "pipe.csv");
        Assert.Equal(0, MakeFifo(fifo, Convert.ToUInt32("600", 8)));

        var error = Assert.Throws<InvalidInputException>(() => InputFiles.Check(fifo, "lengths file"));

        Assert.Equal(
            $"lengths file '{fifo}' is a named pipe (FIFO), not a regular file; AiMass reads only regular files: " +
            "write the data to a file and give its path", error.Message);
    }

    [LinuxFact]
    public void A_socket_is_refused()
    {
        var path = Path.Combine(_folder, "s.csv");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));

        var error = Assert.Throws<InvalidInputException>(() => InputFiles.Check(path));

        Assert.Contains("is a socket, not a regular file", error.Message);
    }

    [Fact]
    public void Missing_files_folders_empty_paths_and_nul_characters_are_named()
    {
        var missing = Path.Combine(_folder, "none.npy");

        Assert.Equal($"data file '{missing}' does not exist",
            Assert.Throws<InvalidInputException>(() => InputFiles.Check(missing)).Message);
        Assert.Equal($"data file '{_folder}' is a directory; give the path of a file inside it",
            Assert.Throws<InvalidInputException>(() => InputFiles.Check(_folder)).Message);
        Assert.Equal("the lengths file path is empty; give the path of a file",
            Assert.Throws<InvalidInputException>(() => InputFiles.Check(" ", "lengths file")).Message);
        Assert.Equal("the data file path '/tmp/a\\0b' contains a NUL character; give the path of a file",
            Assert.Throws<InvalidInputException>(() => InputFiles.Check("/tmp/a\0b")).Message);
    }

    [LinuxFact]
    public void A_dangling_link_and_a_link_loop_are_named()
    {
        var dangling = Path.Combine(_folder, "dangling.npy");
        File.CreateSymbolicLink(dangling, Path.Combine(_folder, "gone.npy"));
        var loop = Path.Combine(_folder, "loop.npy");
        File.CreateSymbolicLink(loop, loop);

        Assert.Equal($"data file '{dangling}' does not exist",
            Assert.Throws<InvalidInputException>(() => InputFiles.Check(dangling)).Message);
        Assert.Equal($"data file '{loop}' is a loop of symbolic links; give the path of a file",
            Assert.Throws<InvalidInputException>(() => InputFiles.Check(loop)).Message);
    }

    [Fact]
    public void ReadAllText_reads_a_regular_file_through_the_gate()
    {
        var file = Write("m.json", "{\"kind\":\"gmm\"}");

        Assert.Equal("{\"kind\":\"gmm\"}", InputFiles.ReadAllText(file, "model file"));
    }

    [LinuxFact]
    public void ReadAllText_refuses_the_environment_before_reading_it()
    {
        var error = Assert.Throws<InvalidInputException>(
            () => InputFiles.ReadAllText("/proc/self/environ", "--init model"));

        Assert.StartsWith("--init model '/proc/self/environ' (it resolves to '/proc/", error.Message);
        Assert.DoesNotContain("PATH=", error.Message);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [LibraryImport("libc", EntryPoint = "mkfifo", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MakeFifo(string path, uint mode);
}

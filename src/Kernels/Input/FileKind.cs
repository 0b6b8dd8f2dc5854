namespace AiMass.Kernels.Input;

/// <summary>What a resolved path names, as stat(2) tells it.</summary>
internal enum FileKind
{
    /// <summary>A regular file: the only kind AiMass reads.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A character device (/dev/zero, a terminal).</summary>
    CharacterDevice,

    /// <summary>A block device (a disk).</summary>
    BlockDevice,

    /// <summary>A named pipe: opening it blocks until a writer comes.</summary>
    Fifo,

    /// <summary>A Unix domain socket.</summary>
    Socket,

    /// <summary>Anything else stat reports.</summary>
    Other,
}

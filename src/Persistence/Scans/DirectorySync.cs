using System.Runtime.InteropServices;

namespace BranchArchive.Persistence.Scans;

/// <summary>
/// Flushes a directory's entries to disk. A rename is durable only once the directory holding the
/// new name is flushed; .NET cannot open a directory as a file, so this calls the C library.
/// </summary>
internal static partial class DirectorySync
{
    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // NTFS journals renames itself; there is no directory fsync to call
        }
        var descriptor = Open(directory, 0 /* O_RDONLY */);
        if (descriptor < 0)
        {
            throw new IOException($"Could not open {directory} to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }
        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"Could not flush {directory} to disk (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int descriptor);
}

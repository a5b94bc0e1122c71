namespace BotCapturer.Engine.Output;

/// <summary>
/// Opens an output file for writing, replacing what was there, without truncating it in place.
/// </summary>
/// <remarks>
/// <see cref="FileMode.Create"/> opens the file and then truncates it (<c>ftruncate(fd, 0)</c>) on Unix. On ext4
/// (the default <c>auto_da_alloc</c>) a file truncated to zero is written back when it is closed, so closing a
/// large output blocks while the kernel starts writing all of it: 0.3 s of `run` on the 10M-packet mix
/// (docs/performance.md), during which nothing else ran. A new file created afresh is not flushed on close. So an
/// existing regular file is deleted first and the file created new; anything else (a device such as /dev/null, a
/// FIFO, whose length is 0; a symbolic link, which must keep pointing where it points; an empty file) is opened as
/// before.
/// </remarks>
public static class OutputFile
{
    /// <summary>Opens <paramref name="path"/> for writing, empty; shared for reading while it is written.</summary>
    public static FileStream Create(string path, int bufferSize = 4096, bool useAsync = false) => Create(path, bufferSize, useAsync, out _);

    /// <summary>
    /// Opens <paramref name="path"/> for a large output written in big sequential pieces: where it is a new regular
    /// file on Linux, with direct I/O past the page cache (<see cref="DirectFileStream"/>), otherwise as
    /// <see cref="Create(string, int, bool)"/> does.
    /// </summary>
    public static Stream CreateLarge(string path, int bufferSize = 1 << 16)
    {
        var file = Create(path, bufferSize: 0, useAsync: false, out var created);
        if (created && DirectFileStream.TryCreate(file) is { } direct)
        {
            return direct;
        }

        return bufferSize > 1 ? new BufferedStream(file, bufferSize) : file;
    }

    private static FileStream Create(string path, int bufferSize, bool useAsync, out bool created)
    {
        created = true;
        var options = useAsync ? FileOptions.Asynchronous : FileOptions.None;
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            try
            {
                return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize, options);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Created by someone else in between: replace it as FileMode.Create does.
            }
        }
        else if (info.LinkTarget is null && info.Length > 0)
        {
            File.Delete(path);
            try
            {
                return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize, options);
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }

        created = false;
        return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize, options);
    }
}

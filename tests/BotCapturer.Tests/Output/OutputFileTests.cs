using System.Text;
using BotCapturer.Engine.Output;

namespace BotCapturer.Tests.Output;

/// <summary>
/// <see cref="OutputFile.Create"/> replaces a file with content by a new file instead of truncating it in place
/// (which ext4 flushes on close), and leaves devices and symbolic links as FileMode.Create would.
/// </summary>
public sealed class OutputFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("botcapturer-outputfile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_new_file_is_created_with_what_was_written()
    {
        var path = Path.Combine(_folder, "new.csv");
        Write(path, "a,b\n");
        Assert.Equal("a,b\n", File.ReadAllText(path));
    }

    [Fact]
    public void An_existing_file_is_replaced_by_a_new_one_not_truncated_in_place()
    {
        var path = Path.Combine(_folder, "old.csv");
        const string OldContent = "old content that is longer than the new one\n";
        File.WriteAllText(path, OldContent);
        using var old = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        Write(path, "new\n");

        Assert.Equal("new\n", File.ReadAllText(path));
        // The reader of the old file still sees all of it: the old file was unlinked, not truncated (FileMode.Create
        // would have cut it to nothing under the reader).
        Assert.Equal(OldContent.Length, old.Length);
    }

    [Fact]
    public void An_empty_existing_file_is_overwritten()
    {
        var path = Path.Combine(_folder, "empty.csv");
        File.WriteAllText(path, string.Empty);
        Write(path, "x\n");
        Assert.Equal("x\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_symbolic_link_keeps_pointing_at_its_target_which_is_rewritten()
    {
        var target = Path.Combine(_folder, "target.csv");
        var link = Path.Combine(_folder, "link.csv");
        File.WriteAllText(target, "old target content\n");
        File.CreateSymbolicLink(link, target);

        Write(link, "through the link\n");

        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("through the link\n", File.ReadAllText(target));
    }

    [SkippableFact]
    public void A_device_is_written_to_not_replaced()
    {
        Skip.IfNot(File.Exists("/dev/null"), "no /dev/null on this system");
        Write("/dev/null", "discarded\n");
        Assert.True(File.Exists("/dev/null"));
        Assert.Equal(0, new FileInfo("/dev/null").Length);
    }

    private static void Write(string path, string text)
    {
        using var stream = OutputFile.Create(path);
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}

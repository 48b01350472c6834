using System;
using System.IO;
using System.Threading.Tasks;
using DataParallel.Generators.Tests.Harness;
using Xunit;
using Xunit.Sdk;

namespace DataParallel.Generators.Tests.SnapshotTests;

/// <summary>
/// The snapshot harness itself: it must fail on a missing or different snapshot and leave the received file for
/// review, and pass without leftovers on a match. These tests create their own files and delete them again.
/// </summary>
public sealed class SnapshotHarnessTests
{
    private static string SnapshotPath(string name, string suffix, [System.Runtime.CompilerServices.CallerFilePath] string thisFile = "")
        => Path.Combine(Snapshot.SnapshotDirectory(thisFile), name + suffix);

    [Fact]
    public async Task A_missing_verified_file_fails_and_writes_the_received_file()
    {
        if (Environment.GetEnvironmentVariable(Snapshot.AcceptVariable) == "1")
            return; // accepting would create the file; this test is about the default mode
        const string name = "HarnessSelfTest_Missing";
        string received = SnapshotPath(name, ".received.cs");
        try
        {
            var failure = await Assert.ThrowsAsync<XunitException>(() => Snapshot.VerifyAsync(name, "class C { }\r\n"));

            Assert.Contains("No verified snapshot", failure.Message, StringComparison.Ordinal);
            Assert.Equal("class C { }\n", await File.ReadAllTextAsync(received));
        }
        finally
        {
            File.Delete(received);
        }
    }

    [Fact]
    public async Task A_difference_fails_with_a_diff_and_a_match_cleans_up()
    {
        if (Environment.GetEnvironmentVariable(Snapshot.AcceptVariable) == "1")
            return;
        const string name = "HarnessSelfTest_Different";
        string verified = SnapshotPath(name, ".verified.cs");
        string received = SnapshotPath(name, ".received.cs");
        try
        {
            await File.WriteAllTextAsync(verified, "line 1\r\nline 2\r\nline 3\r\n");

            var failure = await Assert.ThrowsAsync<XunitException>(() => Snapshot.VerifyAsync(name, "line 1\nline two\nline 3\n"));
            Assert.Contains("-line 2", failure.Message, StringComparison.Ordinal);
            Assert.Contains("+line two", failure.Message, StringComparison.Ordinal);
            Assert.True(File.Exists(received));

            // CRLF in the verified file against LF output is not a difference.
            await Snapshot.VerifyAsync(name, "line 1\nline 2\nline 3\n");
            Assert.False(File.Exists(received));
        }
        finally
        {
            File.Delete(verified);
            File.Delete(received);
        }
    }

    [Fact]
    public void The_unified_diff_shows_context_around_each_change()
    {
        string diff = Snapshot.UnifiedDiff("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n", "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\n");

        Assert.Contains("-e", diff, StringComparison.Ordinal);
        Assert.Contains("+E", diff, StringComparison.Ordinal);
        Assert.Contains(" b", diff, StringComparison.Ordinal);
        Assert.DoesNotContain(" a", diff, StringComparison.Ordinal);
    }
}

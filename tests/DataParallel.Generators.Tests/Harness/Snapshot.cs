using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Tasks;
using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.CodeAnalysis;
using Xunit.Sdk;

namespace DataParallel.Generators.Tests.Harness;

/// <summary>
/// Snapshot testing in the style of Verify.SourceGenerators: generated source is compared with
/// <c>Snapshots/{name}.verified.cs</c> in the test project on every run. A difference writes
/// <c>{name}.received.cs</c> beside it and fails with a diff; setting <c>DATAPARALLEL_ACCEPT_SNAPSHOTS=1</c>
/// overwrites the verified file instead, so snapshots are refreshed only on request.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "DATAPARALLEL_ACCEPT_SNAPSHOTS";

    private const string VerifiedSuffix = ".verified.cs";
    private const string ReceivedSuffix = ".received.cs";

    private static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) == "1";

    /// <summary>Compares <paramref name="generatedSource"/> with the verified snapshot <paramref name="name"/>.</summary>
    public static async Task VerifyAsync(string name, string generatedSource, [CallerFilePath] string callerFile = "")
    {
        string directory = SnapshotDirectory(callerFile);
        string verifiedPath = Path.Combine(directory, name + VerifiedSuffix);
        string receivedPath = Path.Combine(directory, name + ReceivedSuffix);
        string received = Normalize(generatedSource);

        if (Accepting)
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(verifiedPath, received, new UTF8Encoding(false)).ConfigureAwait(false);
            File.Delete(receivedPath);
            return;
        }

        if (!File.Exists(verifiedPath))
        {
            await WriteReceivedAsync(directory, receivedPath, received).ConfigureAwait(false);
            throw new XunitException(
                $"No verified snapshot {verifiedPath}. The output was written to {receivedPath}; review it and rename it, or run with {AcceptVariable}=1.");
        }

        string verified = Normalize(await File.ReadAllTextAsync(verifiedPath).ConfigureAwait(false));
        if (verified == received)
        {
            File.Delete(receivedPath);
            return;
        }

        await WriteReceivedAsync(directory, receivedPath, received).ConfigureAwait(false);
        throw new XunitException(
            $"Generated source differs from {verifiedPath} (received: {receivedPath}; accept with {AcceptVariable}=1):\n{UnifiedDiff(verified, received)}");
    }

    /// <summary>
    /// Verifies every file a generator run produced as <c>{name}#{hint name}</c>, and fails on verified files of
    /// that name that the generator no longer produces (accepting deletes them).
    /// </summary>
    public static async Task VerifyGeneratedAsync(string name, IEnumerable<GeneratedSourceResult> sources, [CallerFilePath] string callerFile = "")
    {
        var expectedFiles = new HashSet<string>(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (GeneratedSourceResult source in sources.OrderBy(s => s.HintName, StringComparer.Ordinal))
        {
            string snapshotName = name + "#" + Path.GetFileNameWithoutExtension(source.HintName);
            expectedFiles.Add(snapshotName + VerifiedSuffix);
            try
            {
                await VerifyAsync(snapshotName, source.SourceText.ToString(), callerFile).ConfigureAwait(false);
            }
            catch (XunitException failure)
            {
                failures.Add(failure.Message);
            }
        }

        string directory = SnapshotDirectory(callerFile);
        if (Directory.Exists(directory))
        {
            foreach (string stale in Directory.EnumerateFiles(directory, name + "#*" + VerifiedSuffix).Where(path => !expectedFiles.Contains(Path.GetFileName(path))))
            {
                if (Accepting)
                    File.Delete(stale);
                else
                    failures.Add($"{stale} is verified but the generator no longer produces it; delete it or run with {AcceptVariable}=1.");
            }
        }

        if (expectedFiles.Count == 0)
            failures.Add($"The generator produced no source for snapshot '{name}'.");
        if (failures.Count > 0)
            throw new XunitException(string.Join("\n\n", failures));
    }

    /// <summary>Line endings are normalised to \n so a checkout on Windows compares equal.</summary>
    public static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static async Task WriteReceivedAsync(string directory, string path, string text)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false)).ConfigureAwait(false);
    }

    /// <summary>
    /// The test project's <c>Snapshots</c> folder, found from the calling test's source path. Under a path map (CI
    /// builds) that path does not exist, so the project is then found by walking up from the test binaries.
    /// </summary>
    public static string SnapshotDirectory(string callerFile)
    {
        string? projectDirectory = FindProjectDirectory(Path.GetDirectoryName(callerFile)) ?? FindProjectDirectory(AppContext.BaseDirectory);
        return projectDirectory is null
            ? throw new InvalidOperationException($"Cannot find the test project directory from '{callerFile}' or '{AppContext.BaseDirectory}'.")
            : Path.Combine(projectDirectory, "Snapshots");
    }

    private static string? FindProjectDirectory(string? start)
    {
        for (string? directory = start; !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
        {
            if (Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*.Tests.csproj").Any())
                return directory;
        }
        return null;
    }

    /// <summary>A unified diff (3 lines of context) of the verified and received text.</summary>
    public static string UnifiedDiff(string verified, string received)
    {
        // Whitespace matters in generated source, so it is not ignored.
        List<DiffPiece> lines = new InlineDiffBuilder(new Differ()).BuildDiffModel(verified, received, ignoreWhitespace: false).Lines;
        var changed = new bool[lines.Count];
        for (int i = 0; i < lines.Count; i++)
            changed[i] = lines[i].Type is ChangeType.Inserted or ChangeType.Deleted or ChangeType.Modified;

        var text = new StringBuilder("--- verified\n+++ received\n");
        const int context = 3;
        int index = 0;
        while (index < lines.Count)
        {
            if (!changed[index])
            {
                index++;
                continue;
            }
            int start = Math.Max(0, index - context);
            int end = index;
            // Extend the hunk while another change lies within twice the context.
            while (end < lines.Count)
            {
                int next = end + 1;
                while (next < lines.Count && !changed[next] && next - end <= 2 * context)
                    next++;
                if (next < lines.Count && changed[next])
                    end = next;
                else
                    break;
            }
            int stop = Math.Min(lines.Count - 1, end + context);
            text.AppendLine($"@@ line {start + 1} @@");
            for (int i = start; i <= stop; i++)
            {
                string prefix = lines[i].Type switch
                {
                    ChangeType.Inserted => "+",
                    ChangeType.Deleted => "-",
                    _ => " ",
                };
                text.Append(prefix).AppendLine(lines[i].Text);
            }
            index = stop + 1;
        }
        return text.ToString();
    }
}

using System;
using System.Collections.Immutable;
using System.Linq;
using System.Security.Cryptography;
using DataParallel.Gpu.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace DataParallel.Gpu.Tests.Generation;

/// <summary>
/// The generated <c>InternalsVisibleTo("ILGPURuntime")</c> is for assemblies that can grant it: a strong-named one
/// cannot name an unsigned friend (CS1726), so it gets no such file and still compiles with its GPU entry points.
/// </summary>
public sealed class StrongNameTests
{
    [Fact]
    public void A_strong_named_project_compiles_with_gpu_entry_points_and_without_the_friend_declaration()
    {
        CSharpCompilation compilation = GpuCompilation.Create(referenceGpu: true, GpuKernelSources.Kernels);
        compilation = compilation.WithOptions(compilation.Options.WithCryptoPublicKey(PublicKey()).WithPublicSign(true));
        var (output, diagnostics, result) = GpuCompilation.Generate(compilation);

        Assert.DoesNotContain(result.GeneratedTrees, t => t.FilePath.EndsWith("RuntimeAccess.g.cs", StringComparison.Ordinal));
        Assert.Contains(result.GeneratedTrees, t => t.FilePath.EndsWith("Gpu.g.cs", StringComparison.Ordinal));
        Assert.DoesNotContain(diagnostics.Concat(output.GetDiagnostics()), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void An_unsigned_project_declares_the_friend()
    {
        var (_, _, result) = GpuCompilation.Generate(GpuCompilation.Create(referenceGpu: true, GpuKernelSources.Kernels));
        Assert.Contains(result.GeneratedTrees, t => t.FilePath.EndsWith("RuntimeAccess.g.cs", StringComparison.Ordinal));
    }

    /// <summary>A strong-name public key blob: the signature and hash algorithm ids, then an RSA PUBLICKEYBLOB.</summary>
    private static ImmutableArray<byte> PublicKey()
    {
        using RSA rsa = RSA.Create(1024);
        RSAParameters key = rsa.ExportParameters(includePrivateParameters: false);
        byte[] modulus = key.Modulus!.Reverse().ToArray();
        byte[] exponent = new byte[4];
        for (int i = 0; i < key.Exponent!.Length; i++)
            exponent[i] = key.Exponent[key.Exponent.Length - 1 - i];
        byte[] blob =
        [
            0x06, 0x02, 0x00, 0x00, 0x00, 0x24, 0x00, 0x00, // PUBLICKEYBLOB, version 2, CALG_RSA_SIGN
            (byte)'R', (byte)'S', (byte)'A', (byte)'1',
            .. BitConverter.GetBytes(modulus.Length * 8),
            .. exponent,
            .. modulus,
        ];
        return [.. BitConverter.GetBytes(0x2400), .. BitConverter.GetBytes(0x8004), .. BitConverter.GetBytes(blob.Length), .. blob];
    }
}

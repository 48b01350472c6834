using DataParallel.Compiler.Model;

namespace DataParallel.Generators;

/// <summary>
/// One kernel's generated file, and what went wrong making it, computed from the model alone: equal models give
/// equal results, so a kernel that only moved is neither lowered nor emitted again.
/// </summary>
/// <param name="KernelKey">The kernel's <see cref="KernelModel.Key"/>, which places its failures in source.</param>
/// <param name="HintName">The generated file's name.</param>
/// <param name="Source">The generated file, or null when nothing could be generated.</param>
/// <param name="Failures">Failures of the lowering, in the order they happened.</param>
internal sealed record LoweredKernel(string KernelKey, string HintName, string? Source, EquatableArray<LoweringFailure> Failures);

/// <summary>What to report about a kernel whose lowering failed (DP3998 or DP3999), without a location.</summary>
/// <param name="KernelKey">The kernel's <see cref="KernelModel.Key"/>.</param>
/// <param name="KernelName">The kernel method's name, for the message.</param>
/// <param name="SimdOnly">True: only the SIMD lowering failed, and the kernel runs scalar (DP3998); false: nothing was generated (DP3999).</param>
/// <param name="Message">The exception, described.</param>
internal sealed record LoweringFailure(string KernelKey, string KernelName, bool SimdOnly, string Message);

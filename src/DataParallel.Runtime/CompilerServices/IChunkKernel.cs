using System.ComponentModel;

namespace DataParallel.CompilerServices;

/// <summary>
/// Implemented by generated code: runs one chunk <c>[begin, end)</c> of a kernel's domain (offsets from the
/// domain's start). <typeparamref name="TArgs"/> is the generated <c>ref struct</c> holding the call's spans and
/// uniforms; it stays on the calling thread's stack while workers read it.
/// </summary>
/// <typeparam name="TArgs">The kernel's argument bundle.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IChunkKernel<TArgs> where TArgs : allows ref struct
{
    /// <summary>Runs the kernel for every offset in <c>[begin, end)</c>.</summary>
    static abstract void Execute(ref TArgs args, int begin, int end);
}

/// <summary>
/// Implemented by generated reduction kernels: reduces one chunk <c>[begin, end)</c> to a partial value; the
/// scheduler combines partials in chunk order, so the result never depends on the number of threads.
/// </summary>
/// <typeparam name="TArgs">The kernel's argument bundle.</typeparam>
/// <typeparam name="TResult">The reduced value's type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IReductionKernel<TArgs, TResult> where TArgs : allows ref struct
{
    /// <summary>Reduces the kernel's values for every offset in <c>[begin, end)</c>.</summary>
    static abstract TResult Execute(ref TArgs args, int begin, int end);

    /// <summary>Combines two partials (left comes first in domain order).</summary>
    static abstract TResult Combine(TResult left, TResult right);
}

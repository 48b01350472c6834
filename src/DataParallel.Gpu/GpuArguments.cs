using System;
using System.ComponentModel;
using DataParallel.CompilerServices;
using ILGPU;
using ILGPU.Runtime;

namespace DataParallel.Gpu;

/// <summary>
/// Host-side argument checks of generated GPU entry points. Every check runs before anything is queued on the
/// accelerator: a call that fails one has launched nothing and copied nothing back.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GpuArguments
{
    /// <summary>Throws <see cref="ObjectDisposedException"/> when <paramref name="accelerator"/> is disposed.</summary>
    public static void RequireUsable(Accelerator accelerator, string name)
    {
        ArgumentNullException.ThrowIfNull(accelerator, name);
        if (accelerator.IsDisposed)
            throw new ObjectDisposedException(name, $"The accelerator '{name}' has been disposed; nothing was launched.");
    }

    /// <summary>
    /// The accelerator of <paramref name="stream"/>, after checking that neither is disposed.
    /// </summary>
    public static Accelerator RequireUsable(AcceleratorStream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream, name);
        if (stream.IsDisposed)
            throw new ObjectDisposedException(name, $"The stream '{name}' has been disposed; nothing was launched.");
        RequireUsable(stream.Accelerator, name + ".Accelerator");
        return stream.Accelerator;
    }

    /// <summary>The default stream of <paramref name="accelerator"/>, after checking that it is not disposed.</summary>
    public static AcceleratorStream DefaultStream(Accelerator accelerator, string name)
    {
        RequireUsable(accelerator, name);
        return accelerator.DefaultStream;
    }

    /// <summary>
    /// The length of <paramref name="view"/> as the kernel's <c>int</c> indices see it, after checking that the view
    /// lives on <paramref name="accelerator"/> and that its buffer is alive.
    /// </summary>
    /// <exception cref="ArgumentException">The view belongs to another accelerator, its buffer is disposed, or it is longer than <see cref="int.MaxValue"/>.</exception>
    public static ViewLength Length<T>(ArrayView<T> view, Accelerator accelerator, string name)
        where T : unmanaged
    {
        if (!view.IsValid || view.Length == 0)
            return new ViewLength(0);
        MemoryBuffer buffer = ((IArrayView)view).Buffer;
        if (buffer.IsDisposed)
            throw new ArgumentException($"The buffer of view '{name}' has been disposed; nothing was launched.", name);
        if (!ReferenceEquals(buffer.Accelerator, accelerator))
            throw new ArgumentException(
                $"The view '{name}' lives on accelerator '{buffer.Accelerator.Name}', not on '{accelerator.Name}' that runs the kernel; copy it there first. Nothing was launched.",
                name);
        if (view.Length > int.MaxValue)
            throw new ArgumentException($"The view '{name}' has {view.Length} elements; a kernel indexes at most {int.MaxValue}.", name);
        return new ViewLength((int)view.Length);
    }

    /// <summary>
    /// The exception for a call whose accesses the host could not prove in bounds: the proof overflowed, divided by
    /// zero, or only over-approximates and leaves a view. The CPU entry points run such a call checked, as written; a
    /// GPU cannot check, so the GPU entry point refuses it.
    /// </summary>
    public static ArgumentException Unproven(string kernel, Exception? inner = null)
        => new($"The GPU entry point of kernel '{kernel}' could not prove every access in bounds for this call before launch, and a GPU kernel cannot check them; nothing was launched. The CPU entry point runs such calls with their checks.", inner);

    /// <summary>
    /// Throws, with the wording of overlapping spans on the CPU, when a view the kernel writes overlaps another view it
    /// touches in the same buffer (see <see cref="Domain.RequireNoOverlap{TWritten, TOther}"/>).
    /// </summary>
    public static void RequireNoOverlap<TWritten, TOther>(ArrayView<TWritten> written, ArrayView<TOther> other, bool sameIsSafe, string writtenName, string otherName)
        where TWritten : unmanaged
        where TOther : unmanaged
    {
        if (!written.IsValid || !other.IsValid || written.Length == 0 || other.Length == 0)
            return;
        IContiguousArrayView writtenView = written, otherView = other;
        // Views of different buffers are different memory (a buffer owns its allocation).
        if (!ReferenceEquals(writtenView.Buffer, otherView.Buffer))
            return;
        Domain.RequireNoOverlap(writtenView.IndexInBytes, written.LengthInBytes, otherView.IndexInBytes, other.LengthInBytes, sameIsSafe, writtenName, otherName);
    }
}

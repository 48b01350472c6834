using System.ComponentModel;
using ILGPU;

namespace DataParallel.Gpu;

/// <summary>
/// The in-kernel guards of generated GPU kernels: what the CPU would throw — integer division by zero,
/// <c>int.MinValue / -1</c>, <c>checked</c> overflow, an index read from data that leaves a view — is recorded in the
/// thread's fault code instead, the operation does not happen (an out-of-bounds access never executes: ILGPU's CPU
/// accelerator would end the process), and a harmless substitute value is returned. The kernel stops that index at
/// the end of the statement and records the failing index in its <see cref="KernelFaultRecord"/>, which the entry
/// point reads when it waits. Called by generated code; not meant to be called directly.
/// </summary>
/// <remarks>
/// The first fault of a thread wins, as the CPU throws at the first: a substitute never replaces a recorded fault.
/// Written with comparisons and plain arithmetic only, so that PTX and OpenCL compile them as they compile the kernel.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KernelGuards
{
    /// <summary>No fault: the thread's code starts so.</summary>
    public const int None = 0;

    /// <summary>An integer division or remainder by zero (<see cref="System.DivideByZeroException"/> on the CPU).</summary>
    public const int DivideByZero = 1;

    /// <summary><c>checked</c> overflow, or <c>MinValue / -1</c> (<see cref="System.OverflowException"/> on the CPU).</summary>
    public const int Overflow = 2;

    /// <summary>An access outside its view (<see cref="System.IndexOutOfRangeException"/> on the CPU).</summary>
    public const int IndexOutOfRange = 3;

    /// <summary><c>Math.Sign</c> of NaN (<see cref="System.ArithmeticException"/> on the CPU).</summary>
    public const int NotANumber = 4;

    /// <summary><c>Math.Clamp</c> with a minimum above its maximum (<see cref="System.ArgumentException"/> on the CPU).</summary>
    public const int MinAboveMax = 5;

    /// <summary>How many codes a record's entry leaves room for: an entry is <c>position * Codes + code</c>.</summary>
    public const int Codes = 8;

    /// <summary>Records <paramref name="code"/> unless the thread has already faulted.</summary>
    public static void Raise(ref int fault, int code)
    {
        if (fault == None)
            fault = code;
    }

    /// <summary>Records this index's fault in <paramref name="faults"/>: the smallest position and, there, the smallest code wins.</summary>
    public static void Record(ArrayView<long> faults, long position, int fault) => Atomic.Min(ref faults[0], position * Codes + fault);

    /// <summary><c>view[index]</c>, or <c>default</c> with <see cref="IndexOutOfRange"/> raised when it is outside the view.</summary>
    public static T Load<T>(ArrayView<T> view, long index, ref int fault)
        where T : unmanaged
    {
        if ((ulong)index >= (ulong)view.Length)
        {
            Raise(ref fault, IndexOutOfRange);
            return default;
        }
        return view[index];
    }

    /// <summary>Whether <paramref name="index"/> is inside <paramref name="view"/>; raises <see cref="IndexOutOfRange"/> when not.</summary>
    public static bool InBounds<T>(ArrayView<T> view, long index, ref int fault)
        where T : unmanaged
    {
        if ((ulong)index < (ulong)view.Length)
            return true;
        Raise(ref fault, IndexOutOfRange);
        return false;
    }

    // The divisions below divide by a divisor that is never 0 or (with the minimum value) -1, even where the guard
    // has already failed: ILGPU folds a division of constants while compiling, also in a branch that never runs, and
    // its folding of x / 0 throws (found by the random kernels: h = 0; h = h != 0 ? -1000 % h : -1000;).

    /// <summary><c>left / right</c>; 0 with the CPU's fault for a zero divisor or <c>int.MinValue / -1</c>.</summary>
    public static int Divide(int left, int right, ref int fault)
        => SignedDivisionFaults(right == 0, right == -1 && left == int.MinValue, ref fault) ? 0 : left / SafeDivisor(left, right);

    /// <summary><c>left % right</c>; 0 with the CPU's fault for a zero divisor or <c>int.MinValue % -1</c>.</summary>
    public static int Remainder(int left, int right, ref int fault)
        => SignedDivisionFaults(right == 0, right == -1 && left == int.MinValue, ref fault) ? 0 : left % SafeDivisor(left, right);

    /// <inheritdoc cref="Divide(int, int, ref int)"/>
    public static long Divide(long left, long right, ref int fault)
        => SignedDivisionFaults(right == 0, right == -1 && left == long.MinValue, ref fault) ? 0 : left / SafeDivisor(left, right);

    /// <inheritdoc cref="Remainder(int, int, ref int)"/>
    public static long Remainder(long left, long right, ref int fault)
        => SignedDivisionFaults(right == 0, right == -1 && left == long.MinValue, ref fault) ? 0 : left % SafeDivisor(left, right);

    /// <summary><c>left / right</c>; 0 with <see cref="DivideByZero"/> for a zero divisor.</summary>
    public static uint Divide(uint left, uint right, ref int fault) => Fails(right == 0, DivideByZero, ref fault) ? 0 : left / (right == 0 ? 1 : right);

    /// <summary><c>left % right</c>; 0 with <see cref="DivideByZero"/> for a zero divisor.</summary>
    public static uint Remainder(uint left, uint right, ref int fault) => Fails(right == 0, DivideByZero, ref fault) ? 0 : left % (right == 0 ? 1 : right);

    /// <inheritdoc cref="Divide(uint, uint, ref int)"/>
    public static ulong Divide(ulong left, ulong right, ref int fault) => Fails(right == 0, DivideByZero, ref fault) ? 0 : left / (right == 0 ? 1 : right);

    /// <inheritdoc cref="Remainder(uint, uint, ref int)"/>
    public static ulong Remainder(ulong left, ulong right, ref int fault) => Fails(right == 0, DivideByZero, ref fault) ? 0 : left % (right == 0 ? 1 : right);

    /// <summary><c>checked(left + right)</c>, wrapped with <see cref="Overflow"/> raised where it overflows.</summary>
    public static int CheckedAdd(int left, int right, ref int fault) => Wrapped((long)left + right, ref fault);

    /// <summary><c>checked(left - right)</c>, wrapped with <see cref="Overflow"/> raised where it overflows.</summary>
    public static int CheckedSubtract(int left, int right, ref int fault) => Wrapped((long)left - right, ref fault);

    /// <summary><c>checked(left * right)</c>, wrapped with <see cref="Overflow"/> raised where it overflows.</summary>
    public static int CheckedMultiply(int left, int right, ref int fault) => Wrapped((long)left * right, ref fault);

    /// <inheritdoc cref="CheckedAdd(int, int, ref int)"/>
    public static uint CheckedAdd(uint left, uint right, ref int fault) => Wrapped((ulong)left + right, ref fault);

    /// <inheritdoc cref="CheckedSubtract(int, int, ref int)"/>
    public static uint CheckedSubtract(uint left, uint right, ref int fault)
    {
        Fails(right > left, Overflow, ref fault);
        return unchecked(left - right);
    }

    /// <inheritdoc cref="CheckedMultiply(int, int, ref int)"/>
    public static uint CheckedMultiply(uint left, uint right, ref int fault) => Wrapped((ulong)left * right, ref fault);

    /// <inheritdoc cref="CheckedAdd(int, int, ref int)"/>
    public static long CheckedAdd(long left, long right, ref int fault)
    {
        long sum = unchecked(left + right);
        // Overflow exactly when both operands have one sign and the sum the other.
        Fails(((left ^ sum) & (right ^ sum)) < 0, Overflow, ref fault);
        return sum;
    }

    /// <inheritdoc cref="CheckedSubtract(int, int, ref int)"/>
    public static long CheckedSubtract(long left, long right, ref int fault)
    {
        long difference = unchecked(left - right);
        Fails(((left ^ right) & (left ^ difference)) < 0, Overflow, ref fault);
        return difference;
    }

    /// <inheritdoc cref="CheckedMultiply(int, int, ref int)"/>
    public static long CheckedMultiply(long left, long right, ref int fault)
    {
        long product = unchecked(left * right);
        // The product is exact when dividing it back gives the other factor; -1 * MinValue is the one case the
        // division itself cannot check (it overflows too).
        bool overflows = left != 0 && ((left == -1 && right == long.MinValue) || (right == -1 && left == long.MinValue) || product / SafeDivisor(right, left) != right);
        Fails(overflows, Overflow, ref fault);
        return product;
    }

    /// <inheritdoc cref="CheckedAdd(int, int, ref int)"/>
    public static ulong CheckedAdd(ulong left, ulong right, ref int fault)
    {
        ulong sum = unchecked(left + right);
        Fails(sum < left, Overflow, ref fault);
        return sum;
    }

    /// <inheritdoc cref="CheckedSubtract(int, int, ref int)"/>
    public static ulong CheckedSubtract(ulong left, ulong right, ref int fault)
    {
        Fails(right > left, Overflow, ref fault);
        return unchecked(left - right);
    }

    /// <inheritdoc cref="CheckedMultiply(int, int, ref int)"/>
    public static ulong CheckedMultiply(ulong left, ulong right, ref int fault)
    {
        ulong product = unchecked(left * right);
        Fails(left != 0 && product / (left == 0 ? 1 : left) != right, Overflow, ref fault);
        return product;
    }

    /// <summary><c>Math.Abs(value)</c>; the value itself with <see cref="Overflow"/> raised for the minimum value, which has no absolute value.</summary>
    public static sbyte Abs(sbyte value, ref int fault) => Fails(value == sbyte.MinValue, Overflow, ref fault) ? value : value < 0 ? (sbyte)-value : value;

    /// <inheritdoc cref="Abs(sbyte, ref int)"/>
    public static short Abs(short value, ref int fault) => Fails(value == short.MinValue, Overflow, ref fault) ? value : value < 0 ? (short)-value : value;

    /// <inheritdoc cref="Abs(sbyte, ref int)"/>
    public static int Abs(int value, ref int fault) => Fails(value == int.MinValue, Overflow, ref fault) ? value : value < 0 ? -value : value;

    /// <inheritdoc cref="Abs(sbyte, ref int)"/>
    public static long Abs(long value, ref int fault) => Fails(value == long.MinValue, Overflow, ref fault) ? value : value < 0 ? -value : value;

    /// <summary><c>Math.Sign(value)</c>; 0 with <see cref="NotANumber"/> raised for NaN.</summary>
    public static int Sign(float value, ref int fault) => Fails(float.IsNaN(value), NotANumber, ref fault) ? 0 : value > 0 ? 1 : value < 0 ? -1 : 0;

    /// <inheritdoc cref="Sign(float, ref int)"/>
    public static int Sign(double value, ref int fault) => Fails(double.IsNaN(value), NotANumber, ref fault) ? 0 : value > 0 ? 1 : value < 0 ? -1 : 0;

    /// <summary>
    /// <c>Math.Clamp(value, minimum, maximum)</c> as .NET defines it (NaN passes through; a NaN bound clamps nothing);
    /// the value itself with <see cref="MinAboveMax"/> raised when <paramref name="minimum"/> is above <paramref name="maximum"/>.
    /// </summary>
    public static float Clamp(float value, float minimum, float maximum, ref int fault)
        => Fails(minimum > maximum, MinAboveMax, ref fault) ? value : value < minimum ? minimum : value > maximum ? maximum : value;

    /// <inheritdoc cref="Clamp(float, float, float, ref int)"/>
    public static double Clamp(double value, double minimum, double maximum, ref int fault)
        => Fails(minimum > maximum, MinAboveMax, ref fault) ? value : value < minimum ? minimum : value > maximum ? maximum : value;

    /// <inheritdoc cref="Clamp(float, float, float, ref int)"/>
    public static int Clamp(int value, int minimum, int maximum, ref int fault)
        => Fails(minimum > maximum, MinAboveMax, ref fault) ? value : value < minimum ? minimum : value > maximum ? maximum : value;

    /// <inheritdoc cref="Clamp(float, float, float, ref int)"/>
    public static uint Clamp(uint value, uint minimum, uint maximum, ref int fault)
        => Fails(minimum > maximum, MinAboveMax, ref fault) ? value : value < minimum ? minimum : value > maximum ? maximum : value;

    /// <inheritdoc cref="Clamp(float, float, float, ref int)"/>
    public static long Clamp(long value, long minimum, long maximum, ref int fault)
        => Fails(minimum > maximum, MinAboveMax, ref fault) ? value : value < minimum ? minimum : value > maximum ? maximum : value;

    /// <inheritdoc cref="Clamp(float, float, float, ref int)"/>
    public static ulong Clamp(ulong value, ulong minimum, ulong maximum, ref int fault)
        => Fails(minimum > maximum, MinAboveMax, ref fault) ? value : value < minimum ? minimum : value > maximum ? maximum : value;

    /// <summary><c>checked(-value)</c>, wrapped with <see cref="Overflow"/> raised for the minimum value.</summary>
    public static int CheckedNegate(int value, ref int fault) => Fails(value == int.MinValue, Overflow, ref fault) ? value : -value;

    /// <inheritdoc cref="CheckedNegate(int, ref int)"/>
    public static long CheckedNegate(long value, ref int fault) => Fails(value == long.MinValue, Overflow, ref fault) ? value : -value;

    /// <summary>
    /// <paramref name="value"/> (a signed integer widened to long), for a <c>checked</c> conversion to a type of range
    /// [<paramref name="minimum"/>, <paramref name="maximum"/>]; raises <see cref="Overflow"/> when it is outside. The
    /// generated code converts the result unchecked, which is exact for a value in range.
    /// </summary>
    public static long InRange(long value, long minimum, ulong maximum, ref int fault)
    {
        Fails(value < minimum || (value > 0 && (ulong)value > maximum), Overflow, ref fault);
        return value;
    }

    /// <summary>As <see cref="InRange(long, long, ulong, ref int)"/>, for an unsigned value widened to ulong.</summary>
    public static ulong InRange(ulong value, long minimum, ulong maximum, ref int fault)
    {
        Fails(value > maximum, Overflow, ref fault);
        return value;
    }

    /// <summary><paramref name="right"/>, or 1 where dividing <paramref name="left"/> by it would fault.</summary>
    private static int SafeDivisor(int left, int right) => right == 0 || (right == -1 && left == int.MinValue) ? 1 : right;

    /// <inheritdoc cref="SafeDivisor(int, int)"/>
    private static long SafeDivisor(long left, long right) => right == 0 || (right == -1 && left == long.MinValue) ? 1 : right;

    private static bool SignedDivisionFaults(bool byZero, bool overflows, ref int fault)
        => Fails(byZero, DivideByZero, ref fault) || Fails(overflows, Overflow, ref fault);

    private static bool Fails(bool condition, int code, ref int fault)
    {
        if (condition)
            Raise(ref fault, code);
        return condition;
    }

    private static int Wrapped(long exact, ref int fault)
    {
        Fails(exact < int.MinValue || exact > int.MaxValue, Overflow, ref fault);
        return unchecked((int)exact);
    }

    private static uint Wrapped(ulong exact, ref int fault)
    {
        Fails(exact > uint.MaxValue, Overflow, ref fault);
        return unchecked((uint)exact);
    }
}

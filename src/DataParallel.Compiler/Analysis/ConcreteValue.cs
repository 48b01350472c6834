namespace DataParallel.Compiler.Analysis;

/// <summary>A value during a <see cref="ConcreteRun"/>: a known integer or bool, or unknown (data, floating point).</summary>
internal readonly record struct ConcreteValue(bool Known, long Value)
{
    public static ConcreteValue Unknown => default;

    public static ConcreteValue Of(long value) => new(true, value);

    public static ConcreteValue Of(bool value) => new(true, value ? 1 : 0);

    public bool IsTrue => Known && Value != 0;

    public bool IsFalse => Known && Value == 0;
}

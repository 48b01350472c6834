using System;
using System.Text;

namespace DataParallel.Generators.Emit;

/// <summary>Writes C# line by line with the indentation of the current block.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public IndentedWriter Line(string line = "")
    {
        if (line.Length > 0)
            _text.Append(' ', _depth * 4).Append(line);
        _text.Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="header"/> and an opening brace; disposing the result closes the block.</summary>
    public IDisposable Block(string header, string closing = "}")
    {
        if (header.Length > 0)
            Line(header);
        Line("{");
        _depth++;
        return new Closer(this, closing);
    }

    public override string ToString() => _text.ToString();

    private sealed class Closer(IndentedWriter writer, string closing) : IDisposable
    {
        public void Dispose()
        {
            writer._depth--;
            writer.Line(closing);
        }
    }
}

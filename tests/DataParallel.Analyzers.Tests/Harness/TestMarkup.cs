using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace DataParallel.Analyzers.Tests.Harness;

/// <summary>A diagnostic a test expects: <see cref="Id"/> is null for <c>[|…|]</c>, meaning the analyzer's only id.</summary>
internal readonly record struct ExpectedSpan(string? Id, TextSpan Span);

/// <summary>
/// The markup of Microsoft.CodeAnalysis.Testing: <c>{|DP0001:text|}</c> expects diagnostic DP0001 on exactly
/// <c>text</c>, <c>[|text|]</c> expects the analyzer's single diagnostic there. Markers nest and repeat; the
/// markup is removed from the source the compiler sees.
/// </summary>
/// <remarks>
/// The verifiers hand markup to Microsoft.CodeAnalysis.Testing, which parses it itself; this parser serves tests
/// that run the analyzers on a marked-up source directly and need the clean text or the spans.
/// </remarks>
internal static class TestMarkup
{
    public static (string Source, ImmutableArray<ExpectedSpan> Expected) Parse(string markup)
    {
        var source = new StringBuilder(markup.Length);
        var open = new Stack<(string? Id, int Start, int MarkupPosition)>();
        var expected = ImmutableArray.CreateBuilder<ExpectedSpan>();

        int position = 0;
        while (position < markup.Length)
        {
            if (At(markup, position, "[|"))
            {
                open.Push((null, source.Length, position));
                position += 2;
            }
            else if (At(markup, position, "{|"))
            {
                int colon = markup.IndexOf(':', position + 2);
                string id = colon < 0 ? "" : markup.Substring(position + 2, colon - position - 2);
                if (id.Length == 0 || !IsIdentifier(id))
                    throw new FormatException($"Markup '{{|' at offset {position} must be followed by a diagnostic id and ':', as in {{|DP0001:text|}}.");
                open.Push((id, source.Length, position));
                position = colon + 1;
            }
            else if (At(markup, position, "|]") || At(markup, position, "|}"))
            {
                bool bracket = markup[position + 1] == ']';
                if (open.Count == 0)
                    throw new FormatException($"Markup '{markup.Substring(position, 2)}' at offset {position} closes nothing.");
                var (id, start, openedAt) = open.Pop();
                if (bracket != (id is null))
                    throw new FormatException($"Markup '{markup.Substring(position, 2)}' at offset {position} does not match the marker opened at offset {openedAt}.");
                expected.Add(new ExpectedSpan(id, TextSpan.FromBounds(start, source.Length)));
                position += 2;
            }
            else
            {
                source.Append(markup[position]);
                position++;
            }
        }

        if (open.Count > 0)
            throw new FormatException($"Markup opened at offset {open.Peek().MarkupPosition} is never closed.");
        return (source.ToString(), expected.ToImmutable());
    }

    private static bool At(string text, int position, string token)
        => string.CompareOrdinal(text, position, token, 0, token.Length) == 0;

    private static bool IsIdentifier(string id)
    {
        foreach (char c in id)
        {
            if (!char.IsLetterOrDigit(c) && c != '_')
                return false;
        }
        return true;
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DataParallel.Compiler.Syntax;

/// <summary>A source location held by value (a <see cref="Location"/> would pin a syntax tree in the pipeline).</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Location? location)
        => location?.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}

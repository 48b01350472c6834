using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DataParallel.Generators;

/// <summary>
/// A source location held by value (a <see cref="Location"/> would pin a syntax tree in the pipeline). It travels
/// beside the kernel model, never in it: a line inserted above a kernel moves it, and must not make the model unequal.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Location? location)
        => location?.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}

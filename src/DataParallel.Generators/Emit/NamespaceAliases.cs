using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace DataParallel.Generators.Emit;

/// <summary>
/// The names of the two namespace aliases every generated file declares, <c>Simd</c> for
/// <c>System.Runtime.Intrinsics</c> and <c>Dp</c> for <c>DataParallel.CompilerServices</c>. They are used with
/// <c>::</c>, which looks up aliases only, so no user type can shadow them; but a <c>global using Simd = …;</c> in the
/// user's project would make the file's own alias a duplicate (CS1537). Then the file takes the first free name
/// instead, and the emitters' <c>Simd::</c>/<c>Dp::</c> are renamed in the finished text.
/// </summary>
internal sealed record NamespaceAliases(string Simd, string Dp)
{
    public static NamespaceAliases Default { get; } = new("Simd", "Dp");

    /// <summary>The default names, or the first <c>Simd1</c>, <c>Simd2</c>, … (<c>Dp1</c>, …) not declared globally.</summary>
    public static NamespaceAliases Avoiding(ICollection<string> globalAliases)
    {
        if (globalAliases.Count == 0)
            return Default;
        return new NamespaceAliases(FirstFree(Default.Simd, globalAliases), FirstFree(Default.Dp, globalAliases));
    }

    /// <summary><paramref name="source"/> written with the default names, rewritten to these.</summary>
    public string Apply(string source)
    {
        if (this == Default)
            return source;
        // '::' follows only an alias or 'global' in generated code, so a name directly before it is one of ours.
        return Regex.Replace(source, @"(?<![\w@])(Simd|Dp)::", match => (match.Groups[1].Value == Default.Simd ? Simd : Dp) + "::");
    }

    private static string FirstFree(string name, ICollection<string> taken)
    {
        string candidate = name;
        for (int suffix = 1; taken.Contains(candidate); suffix++)
            candidate = name + suffix;
        return candidate;
    }
}

using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace DataParallel.Runtime.Tests.Settings;

/// <summary>
/// A second copy of DataParallel.Runtime in its own load context, so that <see cref="DataParallelSettings"/>'s
/// start-up reading of environment variables can be observed in-process: the copy in the default context has read
/// them long ago and never will again.
/// </summary>
internal static class IsolatedRuntime
{
    // Environment variables are process-wide; two tests setting them at once would see each other's values.
    private static readonly object s_environmentGate = new();

    /// <summary>
    /// Sets <paramref name="environment"/> (null removes a variable), initialises a fresh copy of
    /// <c>DataParallelSettings</c>, restores the environment, and returns the named static properties as strings.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReadSettingsWith(IReadOnlyDictionary<string, string?> environment, params string[] properties)
    {
        // The default copy must already be initialised, or it could read the values set below and keep them for
        // every other test in this process.
        RuntimeHelpers.RunClassConstructor(typeof(DataParallelSettings).TypeHandle);

        lock (s_environmentGate)
        {
            var saved = new Dictionary<string, string?>();
            foreach (var (name, value) in environment)
            {
                saved[name] = Environment.GetEnvironmentVariable(name);
                Environment.SetEnvironmentVariable(name, value);
            }

            var context = new AssemblyLoadContext("IsolatedDataParallelRuntime", isCollectible: true);
            try
            {
                Assembly copy = context.LoadFromAssemblyPath(typeof(DataParallelSettings).Assembly.Location);
                Type settings = copy.GetType(typeof(DataParallelSettings).FullName!, throwOnError: true)!;
                RuntimeHelpers.RunClassConstructor(settings.TypeHandle);

                var values = new Dictionary<string, string>();
                foreach (string property in properties)
                    values[property] = settings.GetProperty(property, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!.ToString()!;
                return values;
            }
            finally
            {
                foreach (var (name, value) in saved)
                    Environment.SetEnvironmentVariable(name, value);
                context.Unload();
            }
        }
    }
}

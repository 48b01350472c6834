#!/usr/bin/env bash
# Installs the packed DataParallel and DataParallel.Gpu packages into a brand-new console project, the way a user
# would, and checks that the generated entry points compile without warnings and compute what the kernel method
# computes: on the CPU, and through the GPU entry points on ILGPU's CPU accelerator.
#
#   eng/consumer-check.sh            # expects artifacts/packages/DataParallel{,.Gpu}.<version>.nupkg (packs them if absent)
#
# Environment: DP_VERSION (default 0.1.0), DP_PACKAGES_DIR (default <repo>/artifacts/packages),
# KEEP_CONSUMER_DIR=1 keeps the temporary project for inspection.
# Exit status 0 and a last line "consumer check: OK" on success, non-zero otherwise.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${DP_VERSION:-0.1.0}"
packages_dir="${DP_PACKAGES_DIR:-$repo_root/artifacts/packages}"
nupkg="$packages_dir/DataParallel.$version.nupkg"
gpu_nupkg="$packages_dir/DataParallel.Gpu.$version.nupkg"

if [[ ! -f "$nupkg" ]]; then
    echo "consumer check: $nupkg not found; packing it"
    dotnet pack "$repo_root/src/DataParallel.Runtime" -c Release -o "$packages_dir"
fi
if [[ ! -f "$gpu_nupkg" ]]; then
    echo "consumer check: $gpu_nupkg not found; packing it"
    dotnet pack "$repo_root/src/DataParallel.Gpu" -c Release -o "$packages_dir"
fi
packages_dir="$(cd "$packages_dir" && pwd)"

# Outside the repository, so none of its Directory.Build.props, Directory.Packages.props, global.json or
# nuget.config applies: the project sees exactly what a user's project would.
work="$(mktemp -d "${TMPDIR:-/tmp}/dp-consumer.XXXXXX")"
if [[ "${KEEP_CONSUMER_DIR:-0}" == 1 ]]; then
    echo "consumer check: project kept in $work"
else
    trap 'rm -rf "$work"' EXIT
fi
project="$work/Consumer"
mkdir -p "$project"

# Empty files stop MSBuild's upward search, in case some parent of the temp dir has its own.
printf '<Project />\n' > "$work/Directory.Build.props"
printf '<Project />\n' > "$work/Directory.Build.targets"
printf '<Project />\n' > "$work/Directory.Packages.props"

# The local folder is the only source for DataParallel and DataParallel.Gpu (a package of the same id on the public
# feed must never be picked up); everything else (ILGPU included) comes from the default source.
cat > "$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$packages_dir" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local">
      <package pattern="DataParallel" />
      <package pattern="DataParallel.Gpu" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
</configuration>
EOF

# RestorePackagesPath inside the temp dir: a DataParallel 0.1.0 cached in ~/.nuget/packages by an earlier pack
# would otherwise be used instead of the package just built (NuGet never re-reads a cached version).
cat > "$project/Consumer.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <RestorePackagesPath>\$(MSBuildThisFileDirectory)../packages</RestorePackagesPath>
    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="DataParallel" Version="$version" />
    <PackageReference Include="DataParallel.Gpu" Version="$version" />
  </ItemGroup>
</Project>
EOF

cat > "$project/Program.cs" <<'EOF'
using DataParallel;
using DataParallel.Gpu;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

const int N = 1_000_003; // not a multiple of any vector width: the tail is exercised
const float A = 2f;

var random = new Random(20240601);
float[] x = new float[N];
float[] y0 = new float[N];
for (int k = 0; k < N; k++)
{
    x[k] = (float)(random.NextDouble() * 200 - 100);
    y0[k] = (float)(random.NextDouble() * 200 - 100);
}

// Reference: the scalar loop. Without FastMath the generated code must match it bit for bit.
float[] expected = (float[])y0.Clone();
for (int k = 0; k < N; k++)
    expected[k] = A * x[k] + expected[k];

int failures = 0;

float[] y = (float[])y0.Clone();
Kernels.Saxpy(A, x, y);
failures += Compare("Saxpy(a, x, y)", y, expected, 0, N, y0);

y = (float[])y0.Clone();
Kernels.Saxpy(1..^1, A, x, y);
failures += Compare("Saxpy(1..^1, a, x, y)", y, expected, 1, N - 1, y0);

// The spans indexed by [i] define the domain and must agree; a mismatch throws before anything is written.
y = (float[])y0.Clone();
try
{
    Kernels.Saxpy(A, x, y.AsSpan(0, N - 1));
    Console.WriteLine("FAIL Saxpy with mismatched lengths did not throw");
    failures++;
}
catch (ArgumentException)
{
    failures += Compare("Saxpy with mismatched lengths", y, expected, 0, 0, y0);
}

// The GPU entry points, on ILGPU's CPU accelerator (any machine has one): views queued, then spans copied in and back.
// That accelerator is slow, so a short prefix of the data; + and * are bitwise the scalar kernel's there.
const int G = 4099;
using (Context context = Context.Create(builder => builder.Default().EnableAlgorithms()))
using (Accelerator gpu = context.CreateCPUAccelerator(0))
{
    float[] gx = x[..G], gy0 = y0[..G], gexpected = expected[..G];
    using MemoryBuffer1D<float, Stride1D.Dense> xBuffer = gpu.Allocate1D(gx);
    using MemoryBuffer1D<float, Stride1D.Dense> yBuffer = gpu.Allocate1D(gy0);
    Kernels.Saxpy(gpu, A, xBuffer.View, yBuffer.View);
    gpu.Synchronize();
    failures += Compare("Saxpy(gpu, a, xView, yView)", yBuffer.GetAsArray1D(), gexpected, 0, G, gy0);

    y = (float[])gy0.Clone();
    Kernels.Saxpy(gpu, A, gx, y);
    failures += Compare("Saxpy(gpu, a, x, y)", y, gexpected, 0, G, gy0);
}

Console.WriteLine(failures == 0 ? "OK" : $"FAILED ({failures})");
return failures == 0 ? 0 : 1;

// Elements in [from, to) must equal expected, all others must be unchanged (equal to original).
static int Compare(string what, float[] actual, float[] expected, int from, int to, float[] original)
{
    for (int k = 0; k < actual.Length; k++)
    {
        float want = k >= from && k < to ? expected[k] : original[k];
        if (BitConverter.SingleToInt32Bits(actual[k]) != BitConverter.SingleToInt32Bits(want))
        {
            Console.WriteLine($"FAIL {what}: element {k} is {actual[k]:R}, expected {want:R}");
            return 1;
        }
    }
    Console.WriteLine($"ok   {what}");
    return 0;
}

static partial class Kernels
{
    [Parallel]
    public static void Saxpy(int i, float a, ReadOnlySpan<float> x, Span<float> y) => y[i] = a * x[i] + y[i];
}
EOF

cd "$project"
echo "consumer check: restoring DataParallel $version from $packages_dir"
dotnet restore --configfile "$work/nuget.config"

# The restored package must be byte-identical to the one just packed, not some other build of the same version.
restored="$work/packages/dataparallel/$version/dataparallel.$version.nupkg"
same_file() {
    # cmp is in diffutils, which a minimal image may lack; sha256sum is in coreutils.
    if command -v cmp > /dev/null; then
        cmp -s "$1" "$2"
    else
        [[ -f $2 && "$(sha256sum < "$1")" == "$(sha256sum < "$2")" ]]
    fi
}
if ! same_file "$nupkg" "$restored"; then
    echo "consumer check: FAILED: restored package $restored is not $nupkg" >&2
    exit 1
fi
gpu_restored="$work/packages/dataparallel.gpu/$version/dataparallel.gpu.$version.nupkg"
if ! same_file "$gpu_nupkg" "$gpu_restored"; then
    echo "consumer check: FAILED: restored package $gpu_restored is not $gpu_nupkg" >&2
    exit 1
fi

echo "consumer check: building with TreatWarningsAsErrors"
dotnet build -c Release --no-restore

echo "consumer check: running"
dotnet "bin/Release/net10.0/Consumer.dll"
echo "consumer check: OK"

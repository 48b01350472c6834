#!/usr/bin/env bash
# Builds the self-contained linux-x64 GPU runner (eng/gpu-runner) for a GPU machine without .NET, and packs it into
# one compressed archive that must stay under 64 MiB.
#
#   eng/gpu-runner.sh                 # -> artifacts/gpu-runner.tar.xz
#   eng/gpu-runner.sh --run-quick     # also runs it here, on ILGPU's CPU accelerator with small sizes (a smoke test)
#
# On the GPU machine:
#   tar -xJf gpu-runner.tar.xz && ./gpu-runner/DataParallel.GpuRunner
# It picks the best accelerator (CUDA where present), compares the generated GPU entry points of the tour's kernels
# with the scalar kernels (ulp bounds per kernel), and times them against hand-written ILGPU kernels: ratios, GB/s,
# and SAXPY against the device's copy bandwidth. Exit status 0 and a last line "GPU runner: OK" when every comparison
# holds.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo_root/artifacts/gpu-runner"
archive="$repo_root/artifacts/gpu-runner.tar.xz"
limit=$((64 * 1024 * 1024))

rm -rf "$out" "$archive"
# Not trimmed: ILGPU compiles kernels from IL through reflection, which trimming would break.
dotnet publish "$repo_root/eng/gpu-runner/DataParallel.GpuRunner.csproj" -c Release -r linux-x64 --self-contained true \
    -p:PublishTrimmed=false -p:DebugType=none -o "$out"

tar -C "$repo_root/artifacts" -cJf "$archive" gpu-runner
size=$(stat -c %s "$archive")
echo "gpu runner: $archive is $((size / 1024 / 1024)) MiB ($size bytes)"
if (( size >= limit )); then
    echo "gpu runner: FAILED: the archive must stay under 64 MiB" >&2
    exit 1
fi

if [[ "${1:-}" == "--run-quick" ]]; then
    "$out/DataParallel.GpuRunner" --quick
fi

using BenchmarkDotNet.Attributes;

namespace DataParallel.Benchmarks;

/// <summary>
/// Span locals and slices cost nothing per element: the generated loops are those of flat indexing, and the
/// slices' checks are a few interval operations once per call.
/// </summary>
public class SliceBenchmarks
{
    private const int MatrixSize = 256;
    private const int Rows = 1024, Columns = 1024;

    private float[] _a = [], _b = [], _c = [];
    private float[] _grid = [], _scaled = [];

    [GlobalSetup]
    public void Setup()
    {
        _a = RandomFloats.Uniform(MatrixSize * MatrixSize, -1f, 1f, seed: 4);
        _b = RandomFloats.Uniform(MatrixSize * MatrixSize, -1f, 1f, seed: 5);
        _c = new float[MatrixSize * MatrixSize];
        _grid = RandomFloats.Uniform(Rows * Columns, -1f, 1f, seed: 7);
        _scaled = new float[Rows * Columns];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("MatMul")]
    public void MatMulFlat() => Kernels.MatMul(0..MatrixSize, 0..MatrixSize, MatrixSize, MatrixSize, _a, _b, _c);

    [Benchmark]
    [BenchmarkCategory("MatMul")]
    public void MatMulSliced() => SliceKernels.MatMulRows(0..MatrixSize, 0..MatrixSize, MatrixSize, MatrixSize, _a, _b, _c);

    [Benchmark]
    [BenchmarkCategory("RowScale")]
    public void RowScaleFlat() => SliceKernels.RowScaleFlat(0..Rows, 0..Columns, Columns, _grid, _scaled);

    [Benchmark]
    [BenchmarkCategory("RowScale")]
    public void RowScaleSliced() => SliceKernels.RowScaleSliced(0..Rows, 0..Columns, Columns, _grid, _scaled);
}

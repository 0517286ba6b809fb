namespace Analytics.Chains;

/// <summary>
/// Truncated SVD of a sparse document × term matrix by the randomized range finder of Halko, Martinsson and
/// Tropp (2011): a seeded Gaussian sketch, a few power iterations, then the exact SVD of the small projected
/// matrix through the eigenvectors of its Gram matrix (cyclic Jacobi). Single-threaded and seeded, so the same
/// input gives the same axes.
/// </summary>
internal static class RandomizedSvd
{
    private const int Oversampling = 10;

    /// <summary>The top right singular vectors (terms × rank, row-major) of the matrix whose rows are <paramref name="rows"/>.</summary>
    /// <param name="found">How many were kept: fewer than asked when the matrix has lower rank.</param>
    public static float[] RightSingularVectors(IReadOnlyList<List<(int Term, float Weight)>> rows, int columns, int rank, int powerIterations, int seed, out int found)
    {
        var n = rows.Count;
        var l = Math.Min(rank + Oversampling, Math.Min(n, columns));
        var random = new Random(seed);
        var omega = new double[columns * l];
        for (var i = 0; i < omega.Length; i++) omega[i] = Gaussian(random);

        var y = Times(rows, omega, l, n);
        Orthonormalise(y, n, l);
        for (var q = 0; q < powerIterations; q++)
        {
            var z = TransposeTimes(rows, y, l, columns);
            Orthonormalise(z, columns, l);
            y = Times(rows, z, l, n);
            Orthonormalise(y, n, l);
        }
        // Bᵀ = Aᵀ Q (terms × l); B Bᵀ = (Bᵀ)ᵀ Bᵀ is l × l, whose eigenvectors W give A's right singular vectors V = Bᵀ W Σ⁻¹.
        var bt = TransposeTimes(rows, y, l, columns);
        var gram = new double[l * l];
        for (var j = 0; j < columns; j++)
        {
            var o = j * l;
            for (var a = 0; a < l; a++)
            {
                var va = bt[o + a];
                if (va == 0) continue;
                for (var b = a; b < l; b++) gram[a * l + b] += va * bt[o + b];
            }
        }
        for (var a = 0; a < l; a++)
            for (var b = 0; b < a; b++) gram[a * l + b] = gram[b * l + a];
        var (values, vectors) = JacobiEigen(gram, l);
        var order = Enumerable.Range(0, l).OrderByDescending(i => values[i]).ToList();
        var largest = values[order[0]];
        var keep = order.Take(rank).Where(i => values[i] > Math.Max(1e-12, largest * 1e-10)).ToList();
        found = Math.Max(1, keep.Count);
        var axes = new float[columns * found];
        for (var c = 0; c < keep.Count; c++)
        {
            var e = keep[c];
            var sigma = Math.Sqrt(values[e]);
            for (var j = 0; j < columns; j++)
            {
                double sum = 0;
                var o = j * l;
                for (var a = 0; a < l; a++) sum += bt[o + a] * vectors[a * l + e];
                axes[j * found + c] = (float)(sum / sigma);
            }
        }
        return axes;
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>A · M for M columns × l (row-major); the result is rows × l.</summary>
    private static double[] Times(IReadOnlyList<List<(int Term, float Weight)>> rows, double[] m, int l, int n)
    {
        var result = new double[n * l];
        for (var i = 0; i < n; i++)
        {
            var o = i * l;
            foreach (var (j, w) in rows[i])
            {
                var mo = j * l;
                for (var c = 0; c < l; c++) result[o + c] += w * m[mo + c];
            }
        }
        return result;
    }

    /// <summary>Aᵀ · M for M rows × l; the result is columns × l.</summary>
    private static double[] TransposeTimes(IReadOnlyList<List<(int Term, float Weight)>> rows, double[] m, int l, int columns)
    {
        var result = new double[columns * l];
        for (var i = 0; i < rows.Count; i++)
        {
            var mo = i * l;
            foreach (var (j, w) in rows[i])
            {
                var o = j * l;
                for (var c = 0; c < l; c++) result[o + c] += w * m[mo + c];
            }
        }
        return result;
    }

    /// <summary>Modified Gram–Schmidt on the l columns of a rows × l matrix; a column that vanishes stays zero.</summary>
    private static void Orthonormalise(double[] m, int rows, int l)
    {
        for (var c = 0; c < l; c++)
        {
            for (var p = 0; p < c; p++)
            {
                double dot = 0;
                for (var i = 0; i < rows; i++) dot += m[i * l + c] * m[i * l + p];
                if (dot == 0) continue;
                for (var i = 0; i < rows; i++) m[i * l + c] -= dot * m[i * l + p];
            }
            double norm = 0;
            for (var i = 0; i < rows; i++) norm += m[i * l + c] * m[i * l + c];
            norm = Math.Sqrt(norm);
            var scale = norm < 1e-12 ? 0 : 1 / norm;
            for (var i = 0; i < rows; i++) m[i * l + c] *= scale;
        }
    }

    /// <summary>Eigenvalues and eigenvectors (columns of the row-major result) of a symmetric matrix by cyclic Jacobi rotations.</summary>
    internal static (double[] Values, double[] Vectors) JacobiEigen(double[] symmetric, int size)
    {
        var a = (double[])symmetric.Clone();
        var v = new double[size * size];
        for (var i = 0; i < size; i++) v[i * size + i] = 1;
        for (var sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, diagonal = 0;
            for (var p = 0; p < size; p++)
            {
                diagonal += a[p * size + p] * a[p * size + p];
                for (var q = p + 1; q < size; q++) off += a[p * size + q] * a[p * size + q];
            }
            if (off <= 1e-22 * Math.Max(diagonal, 1e-300)) break;
            for (var p = 0; p < size - 1; p++)
                for (var q = p + 1; q < size; q++)
                {
                    var apq = a[p * size + q];
                    if (Math.Abs(apq) < 1e-300) continue;
                    var theta = (a[q * size + q] - a[p * size + p]) / (2 * apq);
                    var t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    var c = 1 / Math.Sqrt(t * t + 1);
                    var s = t * c;
                    for (var k = 0; k < size; k++)
                    {
                        var akp = a[k * size + p];
                        var akq = a[k * size + q];
                        a[k * size + p] = c * akp - s * akq;
                        a[k * size + q] = s * akp + c * akq;
                    }
                    for (var k = 0; k < size; k++)
                    {
                        var apk = a[p * size + k];
                        var aqk = a[q * size + k];
                        a[p * size + k] = c * apk - s * aqk;
                        a[q * size + k] = s * apk + c * aqk;
                    }
                    for (var k = 0; k < size; k++)
                    {
                        var vkp = v[k * size + p];
                        var vkq = v[k * size + q];
                        v[k * size + p] = c * vkp - s * vkq;
                        v[k * size + q] = s * vkp + c * vkq;
                    }
                }
        }
        var values = new double[size];
        for (var i = 0; i < size; i++) values[i] = a[i * size + i];
        return (values, v);
    }
}

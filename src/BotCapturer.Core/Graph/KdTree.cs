namespace BotCapturer.Graph;

/// <summary>
/// A static k-d tree over points in a few dimensions (Bentley 1975), stored implicitly: the median of every index
/// range is the node, split on the dimension with the widest spread. k-nearest-neighbour queries in
/// O(log n)-ish time for the 3-4 dimensions LOF runs in here.
/// </summary>
internal sealed class KdTree
{
    private const int LeafSize = 8;
    private readonly double[] _points;
    private readonly int _dimensions;
    private readonly int[] _order;
    private readonly byte[] _splitDimension;

    public KdTree(double[] points, int dimensions)
    {
        _points = points;
        _dimensions = dimensions;
        var count = points.Length / dimensions;
        _order = new int[count];
        for (var i = 0; i < count; i++)
        {
            _order[i] = i;
        }

        _splitDimension = new byte[count];
        var keys = new double[count];
        Build(0, count, keys);
    }

    /// <summary>
    /// The <paramref name="k"/> nearest points to point <paramref name="self"/> (itself excluded), nearest first,
    /// into <paramref name="neighbors"/> and their Euclidean distances into <paramref name="distances"/>.
    /// </summary>
    public void Nearest(int self, int k, Span<int> neighbors, Span<double> distances)
    {
        var heap = new NeighborHeap(neighbors[..k], distances[..k]);
        Search(0, _order.Length, self, ref heap);
        heap.SortAscendingAndRoot();
    }

    private void Build(int lo, int hi, double[] keys)
    {
        if (hi - lo <= 1)
        {
            return;
        }

        var dim = WidestDimension(lo, hi);
        for (var i = lo; i < hi; i++)
        {
            keys[i] = _points[(_order[i] * _dimensions) + dim];
        }

        keys.AsSpan(lo, hi - lo).Sort(_order.AsSpan(lo, hi - lo));
        var mid = (lo + hi) >>> 1;
        _splitDimension[mid] = (byte)dim;
        if (hi - lo > LeafSize)
        {
            Build(lo, mid, keys);
            Build(mid + 1, hi, keys);
        }
    }

    private int WidestDimension(int lo, int hi)
    {
        var best = 0;
        var bestSpread = -1.0;
        for (var d = 0; d < _dimensions; d++)
        {
            double min = double.MaxValue, max = double.MinValue;
            for (var i = lo; i < hi; i++)
            {
                var v = _points[(_order[i] * _dimensions) + d];
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }

            if (max - min > bestSpread)
            {
                bestSpread = max - min;
                best = d;
            }
        }

        return best;
    }

    private void Search(int lo, int hi, int self, ref NeighborHeap heap)
    {
        if (hi - lo <= LeafSize)
        {
            for (var i = lo; i < hi; i++)
            {
                Consider(_order[i], self, ref heap);
            }

            return;
        }

        var mid = (lo + hi) >>> 1;
        var node = _order[mid];
        Consider(node, self, ref heap);
        var dim = _splitDimension[mid];
        var diff = _points[(self * _dimensions) + dim] - _points[(node * _dimensions) + dim];
        if (diff < 0)
        {
            Search(lo, mid, self, ref heap);
            if (!heap.IsFull || diff * diff < heap.WorstSquared)
            {
                Search(mid + 1, hi, self, ref heap);
            }
        }
        else
        {
            Search(mid + 1, hi, self, ref heap);
            if (!heap.IsFull || diff * diff < heap.WorstSquared)
            {
                Search(lo, mid, self, ref heap);
            }
        }
    }

    private void Consider(int candidate, int self, ref NeighborHeap heap)
    {
        if (candidate == self)
        {
            return;
        }

        var sum = 0.0;
        var a = self * _dimensions;
        var b = candidate * _dimensions;
        for (var d = 0; d < _dimensions; d++)
        {
            var diff = _points[a + d] - _points[b + d];
            sum += diff * diff;
        }

        heap.Offer(candidate, sum);
    }
}

namespace BotCapturer.Graph;

/// <summary>A bounded max-heap of (squared distance, point) pairs over caller-provided spans: the k best so far.</summary>
internal ref struct NeighborHeap
{
    private readonly Span<int> _ids;
    private readonly Span<double> _distances;
    private int _count;

    public NeighborHeap(Span<int> ids, Span<double> distances)
    {
        _ids = ids;
        _distances = distances;
        _count = 0;
    }

    public readonly bool IsFull => _count == _ids.Length;

    public readonly double WorstSquared => _distances[0];

    public void Offer(int id, double squared)
    {
        if (_count < _ids.Length)
        {
            var i = _count++;
            _ids[i] = id;
            _distances[i] = squared;
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (_distances[parent] >= _distances[i])
                {
                    break;
                }

                Swap(i, parent);
                i = parent;
            }

            return;
        }

        if (squared >= _distances[0])
        {
            return;
        }

        _ids[0] = id;
        _distances[0] = squared;
        SiftDown(0, _count);
    }

    /// <summary>Turns the heap into ascending order and the squared distances into distances.</summary>
    public void SortAscendingAndRoot()
    {
        for (var end = _count - 1; end > 0; end--)
        {
            Swap(0, end);
            SiftDown(0, end);
        }

        for (var i = 0; i < _count; i++)
        {
            _distances[i] = Math.Sqrt(_distances[i]);
        }
    }

    private readonly void SiftDown(int i, int count)
    {
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= count)
            {
                return;
            }

            var largest = left + 1 < count && _distances[left + 1] > _distances[left] ? left + 1 : left;
            if (_distances[i] >= _distances[largest])
            {
                return;
            }

            Swap(i, largest);
            i = largest;
        }
    }

    private readonly void Swap(int a, int b)
    {
        (_ids[a], _ids[b]) = (_ids[b], _ids[a]);
        (_distances[a], _distances[b]) = (_distances[b], _distances[a]);
    }
}

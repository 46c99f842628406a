using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Triage.Classification;

/// <summary>
/// Counts the hashed n-grams of one feature group: bucket → term frequency, in first-seen order. An open-addressing
/// table sized to the text rather than to the 2^20 buckets, so counting stays in the CPU cache; one instance per
/// thread, reset for every group. When a predictor sets <see cref="PrefetchRows"/>, each new bucket's weight row is
/// prefetched as it is first seen, so scoring finds the rows already on their way from memory.
/// </summary>
internal sealed unsafe class NgramCounts
{
    private const int InitialSlots = 1 << 12;

    [ThreadStatic]
    private static NgramCounts? t_instance;

    // Each slot packs (bucket + 1) in the low 32 bits and the count in the high 32; 0 is an empty slot.
    private long[] _slots = new long[InitialSlots];
    private int[] _order = new int[(InitialSlots / 2) + 1];
    private int _shift = 32 - BitOperations.Log2(InitialSlots);

    public static NgramCounts ForThread => t_instance ??= new NgramCounts();

    /// <summary>Distinct buckets counted since the last reset.</summary>
    public int Distinct { get; private set; }

    /// <summary>The rows to prefetch as new buckets are seen, or null (training).</summary>
    public QuantizedRows? PrefetchRows { get; set; }

    public void Reset()
    {
        for (var i = 0; i < Distinct; i++)
        {
            _slots[_order[i]] = 0;
        }

        Distinct = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int bucket)
    {
        var key = bucket + 1;
        var mask = _slots.Length - 1;
        var slot = (int)(((uint)key * 2654435769u) >> _shift);
        ref var first = ref MemoryMarshal.GetArrayDataReference(_slots);
        while (true)
        {
            ref var entry = ref Unsafe.Add(ref first, slot);
            var present = (int)entry;
            if (present == key)
            {
                entry += 1L << 32;
                return;
            }

            if (present == 0)
            {
                Insert(ref entry, slot, key);
                return;
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>The i-th distinct bucket, in first-seen order, and its count.</summary>
    public (int Bucket, int Frequency) Entry(int i)
    {
        var entry = _slots[_order[i]];
        return ((int)entry - 1, (int)(entry >> 32));
    }

    private void Insert(ref long entry, int slot, int key)
    {
        entry = (uint)key | (1L << 32);
        _order[Distinct++] = slot;
        if (PrefetchRows is { } rows && Sse.IsSupported)
        {
            Sse.Prefetch0(rows.Row(key - 1));
        }

        // Half full at most, so probes stay short; the table only grows for very long texts.
        if (Distinct * 2 > _slots.Length)
        {
            Grow();
        }
    }

    private void Grow()
    {
        var old = _slots;
        var order = _order;
        _slots = new long[old.Length * 2];
        _order = new int[old.Length + 1];
        _shift--;
        var mask = _slots.Length - 1;
        for (var i = 0; i < Distinct; i++)
        {
            var entry = old[order[i]];
            var slot = (int)(((uint)(int)entry * 2654435769u) >> _shift);
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = entry;
            _order[i] = slot;
        }
    }
}

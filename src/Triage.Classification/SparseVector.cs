namespace Triage.Classification;

/// <summary>A feature vector: distinct bucket indices and their values, in a deterministic order.</summary>
public readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public int Count => Indices.Length;
}

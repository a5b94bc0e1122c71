namespace BotCapturer.Graph;

/// <summary>What <see cref="GraphScorer"/> fitted on the graph: the three OddBall laws and the thresholds.</summary>
/// <param name="EdgesVsNeighbors">E = C N^θ (OddBall's Egonet Density Power Law; 1 ≤ θ ≤ 2).</param>
/// <param name="WeightVsEdges">W = C E^θ (Egonet Weight Power Law).</param>
/// <param name="LambdaVsWeight">λ = C W^θ (Egonet λ Power Law; 0.5 ≤ θ ≤ 1).</param>
/// <param name="ReferenceRange">Median weight-band width ln((max+unit)/min) over hosts with at least 5 partners.</param>
/// <param name="AnomalyThreshold">Own score at and above which a host is anomalous.</param>
/// <param name="Nodes">Hosts scored.</param>
/// <param name="Edges">Undirected edges.</param>
public sealed record GraphModel(
    PowerLaw EdgesVsNeighbors,
    PowerLaw WeightVsEdges,
    PowerLaw LambdaVsWeight,
    double ReferenceRange,
    double AnomalyThreshold,
    int Nodes,
    long Edges);

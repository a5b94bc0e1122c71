namespace BotCapturer.Generation;

/// <summary>
/// One behaviour of one host (a user browsing, a bot beaconing, a scanner). The simulation calls <see cref="Act"/>
/// when capture time reaches <see cref="NextNs"/>; the actor adds the packets of what it does then and moves
/// <see cref="NextNs"/> forward (to <see cref="long.MaxValue"/> when it is done).
/// </summary>
internal abstract class Actor
{
    protected Actor(DeterministicRandom random, long firstNs)
    {
        Random = random;
        NextNs = firstNs;
    }

    public long NextNs { get; protected set; }

    protected DeterministicRandom Random { get; }

    public abstract void Act(Simulation simulation);
}

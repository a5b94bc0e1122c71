namespace BotCapturer.IntegrationTests.Storage;

/// <summary>The storage tests share one MariaDB (<see cref="MariaDbFixture"/>) and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbFixture>
{
    public const string Name = "MariaDB";
}

using System.Reflection;
using BotCapturer.Cli;
using BotCapturer.Cli.Options;
using CommandLine;

namespace BotCapturer.Tests.Cli;

public sealed class CliParserTests
{
    [Fact]
    public void Verb_list_names_every_verb_of_the_assembly_in_name_order()
    {
        // The list is written out for the native build; a verb class added without it would be unreachable there.
        var found = typeof(CliParser).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(ICommandVerb).IsAssignableFrom(t) && t.GetCustomAttribute<VerbAttribute>() is not null)
            .ToHashSet();
        Assert.Equal(found.Count, CliParser.Verbs.Length);
        Assert.Subset(found, CliParser.Verbs.ToHashSet());
        var names = CliParser.Verbs.Select(t => t.GetCustomAttribute<VerbAttribute>()!.Name).ToArray();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public void Flows_options_parse_with_defaults()
    {
        var parsed = CliParser.Parse(["flows", "a.pcap", "dir", "--format", "zeek", "--tcp-timeout", "30"]);
        var verb = Assert.IsType<FlowsVerb>(parsed.Options);
        Assert.Equal(["a.pcap", "dir"], verb.Inputs);
        Assert.Equal("zeek", verb.Format);
        Assert.Equal(30, verb.TcpTimeout);
        Assert.Equal(60, verb.UdpTimeout);
        Assert.Equal(64, verb.PayloadBytes);
    }

    [Theory]
    [InlineData(new[] { "flows" }, "missing required")]
    [InlineData(new[] { "flows", "a.pcap", "--format", "xml" }, "unknown format 'xml'")]
    [InlineData(new[] { "flows", "a.pcap", "--threads", "0" }, "--threads must be at least 1")]
    [InlineData(new[] { "flows", "a.pcap", "--nope" }, "unknown option 'nope'")]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    [InlineData(new string[0], "no command given")]
    public void Usage_errors_are_one_line_with_exit_code_1(string[] args, string message)
    {
        var parsed = CliParser.Parse(args);
        Assert.False(parsed.ShouldRun);
        Assert.Equal(ExitCodes.BadInput, parsed.ExitCode);
        Assert.Contains(message, parsed.Message);
        Assert.DoesNotContain("\n", parsed.Message!, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_is_text_with_exit_code_0()
    {
        var parsed = CliParser.Parse(["--help"]);
        Assert.Equal(ExitCodes.Ok, parsed.ExitCode);
        Assert.Contains("flows", parsed.Message);
    }
}

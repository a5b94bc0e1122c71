using BotCapturer.Fuzz;
using SharpFuzz;

// Modes: (none)            the AFL++ target (run under afl-fuzz after `sharpfuzz` instrumented Core and Engine)
//        seeds DIR         write the hand-built seed captures into DIR
//        run FILE|DIR...   run the harness loop on files (crash triage, corpus checks); exit 1 on a broken contract
//        mutate N SEED FILE|DIR...   N in-process structure-aware mutations of the given captures (no AFL needed)
//        head N IN OUT     copy the file header and the first N records/blocks of IN (small seeds from big captures)
if (args.Length == 0)
{
    Fuzzer.Run(Target);
    return 0;
}

switch (args[0])
{
    case "seeds" when args.Length == 2:
        Console.WriteLine($"{SeedWriter.WriteAll(args[1])} seeds written to {args[1]}");
        return 0;
    case "head" when args.Length == 4:
        return Head(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2], args[3]);
    case "run" when args.Length >= 2:
        return RunFiles(Files(args[1..]));
    case "mutate" when args.Length >= 4:
        return Mutate(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), Files(args[3..]));
    default:
        Console.Error.WriteLine("usage: BotCapturer.Fuzz [seeds DIR | run FILE|DIR... | mutate N SEED FILE|DIR...]");
        return 2;
}

static void Target(Stream input)
{
    using var buffer = new MemoryStream();
    input.CopyTo(buffer);
    FuzzTarget.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
}

static List<string> Files(string[] paths) =>
    [.. paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p).Order(StringComparer.Ordinal) : (IEnumerable<string>)[p])];

static int RunFiles(List<string> files)
{
    var failed = 0;
    foreach (var file in files)
    {
        try
        {
            Console.WriteLine($"{Path.GetFileName(file)}: {FuzzTarget.Run(File.ReadAllBytes(file))}");
        }
        catch (Exception e)
        {
            failed++;
            Console.WriteLine($"{Path.GetFileName(file)}: CONTRACT BROKEN {e}");
        }
    }

    return failed == 0 ? 0 : 1;
}

static int Mutate(int iterations, int seed, List<string> files)
{
    var corpus = files.Select(File.ReadAllBytes).ToList();
    var random = new Random(seed);
    for (var i = 0; i < iterations; i++)
    {
        var input = CaptureMutator.Mutate(corpus[random.Next(corpus.Count)], corpus, random);
        try
        {
            FuzzTarget.Run(input);
        }
        catch (Exception e)
        {
            var path = $"mutate-crash-{seed}-{i}.bin";
            File.WriteAllBytes(path, input);
            Console.WriteLine($"iteration {i}: {e.Message} (input saved to {path})");
            return 1;
        }
    }

    Console.WriteLine($"{iterations} mutations, no broken contract");
    return 0;
}

static int Head(int records, string input, string output)
{
    // Reads at most 16 MiB: the first records of a capture are all a seed needs.
    using var stream = File.OpenRead(input);
    var buffer = new byte[(int)Math.Min(stream.Length, 16 * 1024 * 1024)];
    stream.ReadExactly(buffer);
    var headers = CaptureMutator.HeaderOffsets(buffer);
    if (headers.Count == 0)
    {
        Console.Error.WriteLine($"{input}: no records");
        return 1;
    }

    var end = headers.Count > records ? headers[records] : buffer.Length;
    File.WriteAllBytes(output, buffer.AsSpan(0, end).ToArray());
    return 0;
}

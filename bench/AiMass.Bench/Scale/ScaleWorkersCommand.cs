using Microsoft.Extensions.Hosting;

namespace AiMass.Bench.Scale;

/// <summary>
/// <c>scale-workers --count N --seed-port P [--with-seed 1] [--width W] [--chunk-kb C]</c>: one process of a scale
/// run, hosting N worker nodes (each its own ActorSystem on a loopback port, see <see cref="LeanNodeHost"/>) with the
/// synthetic E-step, and with
/// <c>--with-seed 1</c> the seed node on port P too. Prints "ready" once started; runs until stdin closes.
/// </summary>
public static class ScaleWorkersCommand
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var options = EStepCommand.Parse(args);
        var count = EStepCommand.Get(options, "count", 16);
        var port = EStepCommand.Get(options, "seed-port", 0);
        var settings = ScaleNodes.Settings(
            EStepCommand.Get(options, "width", 8), EStepCommand.Get(options, "chunk-kb", 1024));
        var seed = $"127.0.0.1:{port}";
        var hosts = new List<IHost>();
        using var backend = new SyntheticStatisticsBackend();
        try
        {
            if (EStepCommand.Get(options, "with-seed", 0) == 1)
            {
                hosts.Add(LeanNodeHost.Build(settings with { Roles = ["seed"], Port = port }, null, "seed"));
                await hosts[^1].StartAsync();
            }

            for (var i = 0; i < count; i++)
            {
                var worker = settings with { Roles = ["worker"], SeedNodes = [seed] };
                hosts.Add(LeanNodeHost.Build(worker, backend, $"worker-{i}"));
                await hosts[^1].StartAsync();
            }

            Console.WriteLine("ready");
            await Console.In.ReadToEndAsync();
        }
        finally
        {
            foreach (var host in Enumerable.Reverse(hosts))
            {
                await host.StopAsync(TimeSpan.FromSeconds(5));
                host.Dispose();
            }
        }

        return 0;
    }
}

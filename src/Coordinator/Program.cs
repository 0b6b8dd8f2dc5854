using AiMass.Coordinator.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return AimassCli.Run(args, cancellation: cancellation.Token);

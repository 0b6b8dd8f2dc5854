using AiMass.GpuCheck;

// Usage:
//   AiMass.GpuCheck devices                     prints "cuda <count>", "opencl <count>"
//   AiMass.GpuCheck gmm [--device cuda] [--n 10000000] [--d 32] [--k 64] [--covariance full] [--iterations 5]
//   AiMass.GpuCheck hmm [--device cuda] [--sequences 10000] [--length 1000] [--d 8] [--states 16]
//                       [--covariance diag] [--iterations 5]
return args.FirstOrDefault() switch
{
    "devices" => DeviceCount.Print(),
    "gmm" => MixtureTiming.Run(Arguments.Parse(args.Skip(1))),
    "hmm" => HmmTiming.Run(HmmArguments.Parse(args.Skip(1))),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: AiMass.GpuCheck devices | gmm [--device D] [--n N] [--d D] [--k K] " +
                            "[--covariance full|tied|diag|spherical] [--iterations I] | hmm [--device D] " +
                            "[--sequences Q] [--length T] [--d D] [--states S] [--covariance diag|full] " +
                            "[--iterations I]");
    return 2;
}

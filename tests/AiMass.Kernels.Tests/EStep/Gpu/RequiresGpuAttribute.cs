namespace AiMass.Kernels.Tests.EStep.Gpu;

/// <summary>Marks a test class whose <see cref="AcceleratorFactAttribute"/> tests need a real GPU.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresGpuAttribute : Attribute
{
    /// <summary>The environment variable that turns GPU tests on.</summary>
    public const string Variable = "AIMASS_GPU_TESTS";

    /// <summary>True when <c>AIMASS_GPU_TESTS=1</c>.</summary>
    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";
}

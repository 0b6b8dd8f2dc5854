using Xunit.Abstractions;
using Xunit.Sdk;

namespace AiMass.Kernels.Tests.EStep.Gpu;

/// <summary>A test case that is skipped unless <c>AIMASS_GPU_TESTS=1</c>.</summary>
public sealed class GpuTestCase : XunitTestCase
{
    /// <summary>For the xunit deserializer.</summary>
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public GpuTestCase()
    {
    }

    /// <summary>A GPU test case of <paramref name="testMethod"/>.</summary>
    public GpuTestCase(
        IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod)
        : base(sink, display, options, testMethod)
    {
    }

    /// <inheritdoc />
    protected override string GetSkipReason(IAttributeInfo factAttribute) => RequiresGpuAttribute.Enabled
        ? base.GetSkipReason(factAttribute)
        : $"GPU test: set {RequiresGpuAttribute.Variable}=1 on a machine with a CUDA GPU (bench/gpu-check.sh).";
}

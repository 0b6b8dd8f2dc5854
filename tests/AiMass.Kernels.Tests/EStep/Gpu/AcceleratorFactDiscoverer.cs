using Xunit.Abstractions;
using Xunit.Sdk;

namespace AiMass.Kernels.Tests.EStep.Gpu;

/// <summary>Discovers <see cref="AcceleratorFactAttribute"/> tests, skipping GPU classes unless enabled.</summary>
public sealed class AcceleratorFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    /// <inheritdoc />
    public IEnumerable<IXunitTestCase> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var needsGpu = testMethod.TestClass.Class
            .GetCustomAttributes(typeof(RequiresGpuAttribute).AssemblyQualifiedName).Any();
        yield return needsGpu
            ? new GpuTestCase(diagnosticMessageSink, display, displayOptions, testMethod)
            : new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod);
    }
}

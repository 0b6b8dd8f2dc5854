using Xunit.Abstractions;
using Xunit.Sdk;

namespace AiMass.Kernels.Tests.EStep.Cpu;

/// <summary>Discovers <see cref="KernelSetTheoryAttribute"/> rows: skipped where their kernel set cannot run.
/// </summary>
public sealed class KernelSetTheoryDiscoverer(IMessageSink diagnosticMessageSink)
    : TheoryDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc />
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute,
        object[] dataRow)
    {
        var reason = dataRow.OfType<string>().Select(KernelSetTheoryAttribute.Unavailable)
            .FirstOrDefault(r => r is not null);
        return reason is null
            ? base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow)
            : CreateTestCasesForSkippedDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, reason);
    }
}

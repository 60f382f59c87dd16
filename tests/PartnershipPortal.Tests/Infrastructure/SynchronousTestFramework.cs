using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestFramework("PartnershipPortal.Tests.Infrastructure.SynchronousTestFramework", "PartnershipPortal.Tests")]

namespace PartnershipPortal.Tests.Infrastructure;

/// <summary>
/// xUnit's own framework, except that in a mutation run (<c>PORTAL_TESTS_MUTATION_RUN=1</c>, set by tools/mutation.sh) it
/// reports each test's start and end while the test waits, instead of through its asynchronous message bus. Stryker's
/// per-test mode switches mutants and collects coverage on those events: reported late, a test ran under its
/// neighbour's mutant (docs/testing.md, "Runs", eighth session). In a mutation run the test classes also run one at a
/// time, for the same reason. Outside mutation runs nothing changes.
/// </summary>
public sealed class SynchronousTestFramework(IMessageSink diagnosticMessageSink) : XunitTestFramework(diagnosticMessageSink)
{
    public const string MutationRunVariable = "PORTAL_TESTS_MUTATION_RUN";

    public static bool InMutationRun => Environment.GetEnvironmentVariable(MutationRunVariable) == "1";

    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            // Two test classes running at once would each switch the one active mutant under the other.
            if (InMutationRun)
                executionOptions.SetValue("xunit.execution.DisableParallelization", true);
            using var runner = new Runner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class Runner(
        ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink, IMessageSink executionMessageSink,
        ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override IMessageBus CreateMessageBus() =>
            InMutationRun
                ? new SynchronousMessageBus(ExecutionMessageSink, ExecutionOptions.StopOnTestFailOrDefault())
                : base.CreateMessageBus();
    }
}

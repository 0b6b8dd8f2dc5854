using AiMass.Kernels.Candidates;
using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using AiMass.Seed.Inference;
using AiMass.Seed.Protocol;
using AiMass.Seed.Serialization;

namespace AiMass.Seed.Tests.Serialization;

/// <summary>
/// Candidate sets and inference steps through the binary codecs: a set travels as its members (bit-identical
/// parameters), its statistics exactly, a selection's whole state through a checkpoint, and an inference request
/// and report inside the real step messages.
/// </summary>
public sealed class CandidateCodecTests : IDisposable
{
    private readonly SerializerHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void A_candidate_set_travels_as_its_members_with_their_classification_flags_and_precisions()
    {
        var set = new CandidateSet(
            [Payloads.Mixture(CovarianceType.Full), Payloads.Mixture(CovarianceType.Diag),
                Payloads.Mixture(CovarianceType.Tied)],
            [false, true, false], 4, [EStepPrecision.Single, EStepPrecision.Double, null]);
        var message = new PartitionCommands.ComputeStatistics("job", 1, 2, 1, MessageSamples.Dataset, set);

        var (back, _) = _harness.RoundTrip(message);

        var arrived = Assert.IsType<CandidateSet>(back.Parameters);
        Assert.Equal([false, true, false], arrived.Classify);
        Assert.Equal([EStepPrecision.Single, EStepPrecision.Double, null], arrived.Precisions);
        for (var m = 0; m < 3; m++)
        {
            Same.Parameters(set.Members[m], arrived.Members[m]);
        }
    }

    [Fact]
    public void A_selection_on_the_wire_is_only_the_members_of_its_next_pass()
    {
        var selection = Selection();

        var back = ParametersCodec.Read(Reader(Write(w => ParametersCodec.Write(w, selection))));

        var view = Assert.IsType<CandidateSet>(back);
        Assert.Equal(selection.Members.Count, view.Members.Count);
        Assert.Equal(2, view.Members.Count); // group 0 scoring, group 1's unfinished run
        Assert.Equal([EStepPrecision.Single, EStepPrecision.Single], view.Precisions);
    }

    [Fact]
    public void Candidate_statistics_arrive_exactly()
    {
        var statistics = new CandidateSetStatistics(
            [Payloads.MixtureStatistics(CovarianceType.Tied), Payloads.HmmStatistics(HmmEmission.GaussianDiag)],
            [-12.5, 0], 200, 200);
        var message = new PartitionEvents.StatisticsComputed("job", 0, 3, 1, statistics, 1.5, 0, "w", "cpu");

        var (back, _) = _harness.RoundTrip(message);

        var arrived = Assert.IsType<CandidateSetStatistics>(back.Statistics);
        Assert.Equal(statistics.Classification, arrived.Classification);
        Assert.Equal((200L, 200.0), (arrived.Rows, arrived.Weight));
        Same.Statistics(statistics.Members[0], arrived.Members[0]);
        Same.Statistics(statistics.Members[1], arrived.Members[1]);
    }

    [Fact]
    public void A_selection_checkpoint_keeps_every_run_history_outcome_error_and_precision_state()
    {
        var selection = Selection();
        var state = new EmFitState(
            EmPhase.Iterating, new EmRunState(0, selection, [new IterationRecord(1, -3, double.PositiveInfinity, 2)],
                false), null, []);

        var back = FitStateCodec.Decode(FitStateCodec.Encode(state));

        var restored = Assert.IsType<CandidateSelection>(back.Current.Parameters);
        Assert.Equal(selection.Criterion, restored.Criterion);
        Assert.Equal(selection.Groups.Count, restored.Groups.Count);
        for (var g = 0; g < selection.Groups.Count; g++)
        {
            var (a, b) = (selection.Groups[g], restored.Groups[g]);
            Assert.Equal((a.Components, a.Covariance, a.Prior, a.Error, a.Outcome), (b.Components, b.Covariance,
                b.Prior, b.Error, b.Outcome));
            Assert.Equal(a.Runs.Select(r => (r.Init, r.Converged, r.Finished)), b.Runs.Select(r => (r.Init,
                r.Converged, r.Finished)));
            Assert.Equal(a.Runs.SelectMany(r => r.History), b.Runs.SelectMany(r => r.History));
            Assert.Equal(a.ScoringPrecision, b.ScoringPrecision);
            Assert.Equal(a.Runs.Select(r => (r.Float64, r.Precision, r.Previous is null)), b.Runs.Select(r => (
                r.Float64, r.Precision, r.Previous is null)));
            for (var r = 0; r < a.Runs.Count; r++)
            {
                Same.Parameters(a.Runs[r].Parameters, b.Runs[r].Parameters);
                if (a.Runs[r].Previous is { } previous)
                {
                    Same.Parameters(previous, b.Runs[r].Previous!);
                }
            }
        }
    }

    [Fact]
    public void An_inference_request_and_its_report_travel_in_the_step_messages()
    {
        var request = new InferenceRequest(
            InferenceTask.DecodeMap, Payloads.Hmm(HmmEmission.Categorical), "/shared/out.parts");
        var report = new InferenceStatistics(5000, 40, -1234.5, 1);

        var (asked, _) = _harness.RoundTrip(
            new PartitionCommands.ComputeStatistics("job", 2, 1, 1, MessageSamples.Dataset, request));
        var (answered, _) = _harness.RoundTrip(
            new PartitionEvents.StatisticsComputed("job", 2, 1, 1, report, 3, 0, "w", "cpu"));

        var back = Assert.IsType<InferenceRequest>(asked.Parameters);
        Assert.Equal((request.Task, request.Directory), (back.Task, back.Directory));
        Same.Parameters(request.Model, back.Model);
        var arrived = Assert.IsType<InferenceStatistics>(answered.Statistics);
        Assert.Equal((5000L, 40L, -1234.5, 1), (arrived.Rows, arrived.Outputs, arrived.LogLikelihood, arrived.Parts));
    }

    private static CandidateSelection Selection()
    {
        var done = new CandidateRun(0, Payloads.Mixture(CovarianceType.Full), [new IterationRecord(1, -4, 1, 2)], true,
            true) { Float64 = true };
        var running = new CandidateRun(1, Payloads.Mixture(CovarianceType.Diag), [], false, false)
        {
            Precision = EStepPrecision.Single,
            Previous = Payloads.Mixture(CovarianceType.Spherical),
        };
        var finished = new CandidateRun(
            0, Payloads.Mixture(CovarianceType.Diag), [new IterationRecord(1, -5, 1, 2, 0, EStepPrecision.Single)],
            false, true);
        return new CandidateSelection(
        [
            new CandidateGroup(3, "full", "weak", [done], null, null) { ScoringPrecision = EStepPrecision.Single },
            new CandidateGroup(3, "diag", null, [finished, running], null, null),
            new CandidateGroup(4, "tied", null, [], null, "component 2 collapsed"),
            new CandidateGroup(2, "spherical", null, [done], new CandidateOutcome(-10, 100, 100, -2.5), null),
        ], "icl", 4);
    }

    private static byte[] Write(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    private static BinaryReader Reader(byte[] bytes) => new(new MemoryStream(bytes));
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using Xunit;

namespace ScheduleDsl.Tests.PyTorch
{
    /// <summary>Item 3 of the groundwork for issue 11: where today's public API can express a PyTorch test
    /// configuration, <c>new Schedule(definition)</c> gives the reference's values (1e-12 + 1e-9 x |expected|);
    /// the rest is listed, with the reason, in docs/pytorch-coverage.md (kept in sync by a test).</summary>
    public class CoreMatchesPyTorchTests
    {
        public static IEnumerable<object[]> Expressible =>
            CoreMapping.All.Where(c => c.Definition is not null && c.Status != Coverage.DeliberateDifference).Select(c => new object[] { c.Test });

        public static IEnumerable<object[]> Deliberate =>
            CoreMapping.All.Where(c => c.Status == Coverage.DeliberateDifference).Select(c => new object[] { c.Test });

        /// <summary>Group-0-only mappings, and mappings that need absolute minimums (run here with the default, scaled ones).</summary>
        public static IEnumerable<object[]> GroupZeroOnly =>
            CoreMapping.All.Where(c => c.Status == Coverage.GroupZeroOnly
                    || (c.Status == Coverage.Yes && c.Definition?.Invoke().Minimums == MinimumScaling.Absolute && c.Groups is null))
                .Select(c => new object[] { c.Test });

        /// <summary>Runs the mapped definition the way the PyTorch test runs its schedulers.</summary>
        private static Observed RunCore(CoreCase m, TorchCase c)
        {
            IReadOnlyList<ParamGroup>? groups = m.Groups?.Invoke();
            double[] bases = groups?.Select(g => g.BaseRate).ToArray() ?? m.Bases ?? c.Groups;
            var schedule = new Schedule(m.Definition!(), m.StepsPerEpoch, m.Drive == Drive.ResumeAtOne ? 1 : 0, m.CustomFactors?.Invoke(), groups);
            var lr = bases.Select(_ => new List<double>()).ToArray();
            var momentum = bases.Select(_ => new List<double>()).ToArray();
            bool checksMomentum = m.Momentum is not null || m.GroupMomentum is not null;
            void Record()
            {
                for (int g = 0; g < bases.Length; g++)
                {
                    lr[g].Add(groups is null ? schedule.GroupRate(bases[g]) : schedule.RateOfGroup(g));
                    if (m.GroupMomentum is { } gm) momentum[g].Add(schedule.CurrentMomentum(gm[g].Base, gm[g].Max));
                    else if (m.Momentum is { } mm) momentum[g].Add(schedule.CurrentMomentum(mm.Base, mm.Max));
                }
            }
            switch (m.Drive)
            {
                case Drive.PerStep:
                    for (int k = 0; k < c.Epochs; k++) { Record(); if (k + 1 < c.Epochs) schedule.Advance(); }
                    break;
                case Drive.FromStepOne:
                    for (int k = 0; k < c.Epochs; k++) { schedule.Advance(); Record(); }
                    break;
                case Drive.Plateau:
                    for (int k = 0; k < c.Epochs; k++) { schedule.ReportMetric(c.Metrics![k]); schedule.Advance(); Record(); }
                    break;
                case Drive.AtTimes:
                    foreach (double t in m.Times ?? c.ExplicitEpochs!) { schedule.SetTime(t); Record(); }
                    break;
                case Drive.ResumeAtOne:
                    Record();
                    break;
            }
            return new Observed(lr.Select(l => l.ToArray()).ToArray(), checksMomentum ? momentum.Select(l => l.ToArray()).ToArray() : null);
        }

        [Theory]
        [MemberData(nameof(Expressible))]
        public void Core_matches_the_reference(string test)
        {
            CoreCase m = CoreMapping.Get(test);
            TorchCase c = TorchTestCatalogue.Get(test);
            Observed reference = c.Run(), core = RunCore(m, c);
            int groups = m.GroupZero ? 1 : Math.Min(core.Lr.Length, reference.Lr.Length);
            int count = reference.Lr[0].Length;
            ReferenceReproducesPyTorchTests.AssertGroups(test + " (core vs reference)", reference.Lr.Take(groups).ToArray(), core.Lr.Take(groups).ToArray(), count);
            if (m.Momentum is not null || m.GroupMomentum is not null)
                ReferenceReproducesPyTorchTests.AssertGroups(test + " momentum (core vs reference)", reference.Momentum!.Take(groups).ToArray(), core.Momentum!.Take(groups).ToArray(), count);
        }

        /// <summary>A group-0-only mapping really departs on group 1 (otherwise it should be marked expressible).</summary>
        [Theory]
        [MemberData(nameof(GroupZeroOnly))]
        public void Group_zero_only_mappings_do_depart_on_group_one(string test)
        {
            CoreCase m = CoreMapping.Get(test);
            // The default, scaled minimums are the documented departure from PyTorch for the groups below the peak.
            Func<ScheduleDefinition> absolute = m.Definition!;
            if (m.Status == Coverage.Yes) m = m with { Definition = () => absolute() with { Minimums = MinimumScaling.Scaled } };
            TorchCase c = TorchTestCatalogue.Get(test);
            Observed reference = c.Run(), core = RunCore(m, c);
            Assert.Throws<Xunit.Sdk.XunitException>(() => ReferenceReproducesPyTorchTests.AssertGroups(test,
                new[] { reference.Lr[1] }, new[] { core.Lr[1] }, reference.Lr[1].Length));
        }

        /// <summary>The chained-cosine difference, measured: the core meets the file's targets (the closed-form product) for
        /// group 0 and the file's own slack for group 1 (written with a scaled eta_min), and departs from PyTorch's recursion
        /// by more than the comparison tolerance but never by more than 2 x eta_min (each rate: at most (1 + the other
        /// factors' product) x eta_min). Measured: 7.3e-11 (StepLR), 8.1e-11 (MultiStepLR), 7.6e-12 (ExponentialLR).</summary>
        [Theory]
        [MemberData(nameof(Deliberate))]
        public void Chained_cosine_differs_by_at_most_twice_eta_min(string test)
        {
            const double etaMin = 1e-10;
            CoreCase m = CoreMapping.Get(test);
            TorchCase c = TorchTestCatalogue.Get(test);
            Observed reference = c.Run(), core = RunCore(m, c);
            ReferenceReproducesPyTorchTests.AssertGroups(test + " (file's targets, group 0)", new[] { c.ExpectedLr![0] }, new[] { core.Lr[0] }, c.Epochs);
            ReferenceReproducesPyTorchTests.AssertGroups(test + " (file's targets)", c.ExpectedLr, core.Lr, c.Epochs, c.LiteralSlack);
            double largest = 0;
            for (int g = 0; g < reference.Lr.Length; g++)
                for (int k = 0; k < c.Epochs; k++)
                    largest = Math.Max(largest, Math.Abs(reference.Lr[g][k] - core.Lr[g][k]));
            Assert.Throws<Xunit.Sdk.XunitException>(() => ReferenceReproducesPyTorchTests.AssertGroups(test, reference.Lr, core.Lr, c.Epochs));
            Assert.True(largest <= 2 * etaMin, $"{test}: largest difference from PyTorch {largest:R} > 2 x eta_min");
        }

        /// <summary>test_cosine_then_cyclic steps the two schedulers by hand after building both: the cosine 21 times, then
        /// the CyclicLR, whose epoch 0 was spent at construction. The mapped declaration (StartAt = 1) is compared with the
        /// reference at every step by Core_matches_the_reference; here the two values around the handover are written out from
        /// PyTorch's formulas, and the same declaration without StartAt (the cycle entering at its epoch 0) must miss them.</summary>
        [Fact]
        public void Cosine_then_cyclic_needs_StartAt()
        {
            TorchCase c = TorchTestCatalogue.Get("test_cosine_then_cyclic");
            CoreCase mapped = CoreMapping.Get(c.Test);
            Observed reference = c.Run(), core = RunCore(mapped, c);
            // Index 20 (step 21): the cosine's T_max+1 branch, eta_min + (base - eta_min) (1 - cos(pi/T_max)) / 2 after eta_min.
            double handover = 0.1 + 0.4 * (1 - Math.Cos(Math.PI / 20)) / 2;
            // Index 21 (step 22): the triangular cycle at its epoch 1 = step_size_up, its peak max_lr.
            foreach (Observed run in new[] { reference, core })
            {
                Assert.True(Math.Abs(run.Lr[0][20] - handover) <= 1e-12 + 1e-9 * handover, $"index 20: {run.Lr[0][20]:R}, expected {handover:R}");
                Assert.True(Math.Abs(run.Lr[0][21] - 0.3) <= 1e-12 + 1e-9 * 0.3, $"index 21: {run.Lr[0][21]:R}, expected 0.3");
            }

            var withoutStartAt = mapped with
            {
                Definition = () => ScheduleDefinition.Create(0.5, TimeUnit.Steps, null,
                    new CosineShape(0.1, 20) { Until = 22 }, new CyclicShape(0.1, 1, 3) { MaxLr = 0.3, From = 22 }),
            };
            Assert.Equal(0.1, RunCore(withoutStartAt, c).Lr[0][21], 15); // the cycle's base_lr: epoch 0, one step behind PyTorch
            Assert.True(reference.Lr[0][^1] <= 0.3 && core.Lr[0][^1] <= 0.3);
        }

        [Fact]
        public void Every_catalogued_configuration_is_mapped_once()
        {
            Assert.Equal(TorchTestCatalogue.All.Select(c => c.Test).OrderBy(t => t, StringComparer.Ordinal),
                CoreMapping.All.Select(c => c.Test).OrderBy(t => t, StringComparer.Ordinal));
            Assert.All(CoreMapping.All, m => Assert.Equal(m.Status is Coverage.No or Coverage.NotApplicable, m.Definition is null));
            Assert.All(CoreMapping.All.Where(m => m.Status == Coverage.DeliberateDifference), m => Assert.Contains("docs/schedule-semantics.md", m.Note, StringComparison.Ordinal));
        }

        // ---- docs/pytorch-coverage.md ----

        private static string Status(Coverage c) => c switch
        {
            Coverage.Yes => "yes",
            Coverage.GroupZeroOnly => "group 0 only",
            Coverage.Workaround => "workaround",
            Coverage.No => "**no**",
            Coverage.DeliberateDifference => "deliberate difference",
            _ => "n/a",
        };

        internal static string CoverageTable()
        {
            var text = new StringBuilder();
            text.Append("| PyTorch test | PyTorch configuration | Expressible today? | Notes |\n|---|---|---|---|\n");
            foreach (TorchCase c in TorchTestCatalogue.All)
            {
                CoreCase m = CoreMapping.Get(c.Test);
                string note = m.Note + (c.Note.Length > 0 ? " Reference: " + c.Note : "");
                text.Append(CultureInfo.InvariantCulture, $"| `{c.Test}` | `{c.Config.Replace("|", "\\|")}` | {Status(m.Status)} | {note.Replace("|", "\\|")} |\n");
            }
            return text.ToString();
        }

        [Fact]
        public void Coverage_doc_lists_every_configuration_with_its_status()
        {
            string root = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(root, "ScheduleDsl.sln"))) root = Path.GetDirectoryName(root)!;
            string doc = File.ReadAllText(Path.Combine(root, "docs", "pytorch-coverage.md")).Replace("\r\n", "\n");
            string table = CoverageTable();
            if (!doc.Contains(table, StringComparison.Ordinal))
            {
                File.WriteAllText(Path.Combine(Path.GetTempPath(), "pytorch-coverage-table.md"), table);
                Assert.Fail("docs/pytorch-coverage.md is out of date; the expected table is in " + Path.Combine(Path.GetTempPath(), "pytorch-coverage-table.md"));
            }
        }
    }
}

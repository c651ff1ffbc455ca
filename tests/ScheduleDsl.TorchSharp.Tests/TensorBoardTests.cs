using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ScheduleDsl.Composition;
using ScheduleDsl.Definition;
using TorchSharp;
using Xunit;
using static TorchSharp.torch.optim;

namespace ScheduleDsl.TorchSharp.Tests
{
    /// <summary>The driver's TensorBoard logging, read back from the event file with a reader written here from
    /// the TFRecord and <c>tensorflow.Event</c> formats (not TorchSharp's own protobuf classes).</summary>
    public class TensorBoardTests
    {
        // 5 steps of linear warmup from 0, then cosine to 0 over the remaining 15 steps.
        private static readonly ScheduleDefinition WarmupCosine =
            ScheduleDefinition.Create(0.1, TimeUnit.Steps, 20, new WarmupPhase(5), new CosineShape());

        private static double Factor(long t) => t < 5 ? t / 5.0 : 0.5 * (1.0 + Math.Cos(Math.PI * Math.Min(t - 5, 15) / 15.0));

        [Fact]
        public void Every_groups_rate_and_momentum_is_logged_per_step_and_read_back()
        {
            string logDir = Path.Combine(Path.GetTempPath(), "sdl-tensorboard-" + Guid.NewGuid().ToString("N"));
            try
            {
                Optimizer optimizer = Fixtures.Optimizer("SGD", Fixtures.Model(), 0.1, 0.01);
                var driver = ScheduleDriver.Attach(optimizer, new Schedule(WarmupCosine));
                driver.LogTo(torch.utils.tensorboard.SummaryWriter(logDir));
                for (int i = 0; i < 8; i++) driver.Step();
                driver.LogTo(null); // stops: these steps are not logged
                driver.Step();

                string file = Assert.Single(Directory.GetFiles(logDir, "events.out.tfevents.*"));
                var scalars = ReadScalars(file);
                Assert.Equal(new[] { "lr-SGD/pg1", "lr-SGD/pg1-momentum", "lr-SGD/pg2", "lr-SGD/pg2-momentum" },
                    scalars.Select(s => s.Tag).Distinct().OrderBy(t => t, StringComparer.Ordinal));
                foreach ((string tag, double baseRate) in new[] { ("lr-SGD/pg1", 0.1), ("lr-SGD/pg2", 0.01) })
                {
                    var logged = scalars.Where(s => s.Tag == tag).ToArray();
                    Assert.Equal(Enumerable.Range(0, 9).Select(i => (long)i), logged.Select(s => s.Step)); // attach (0) and 8 steps
                    foreach (var s in logged) Assert.Equal((float)(baseRate * Factor(s.Step)), s.Value);
                }
                double[] momenta = Fixtures.Momenta(optimizer);
                Assert.All(scalars.Where(s => s.Tag == "lr-SGD/pg1-momentum"), s => Assert.Equal((float)momenta[0], s.Value));
                Assert.All(scalars.Where(s => s.Tag == "lr-SGD/pg2-momentum"), s => Assert.Equal((float)momenta[1], s.Value));
                Assert.Equal(9, scalars.Count(s => s.Tag == "lr-SGD/pg2-momentum"));
            }
            finally
            {
                if (Directory.Exists(logDir)) Directory.Delete(logDir, recursive: true);
            }
        }

        [Fact]
        public void Stepping_allocates_nothing_after_logging_is_switched_off()
        {
            string logDir = Path.Combine(Path.GetTempPath(), "sdl-tensorboard-" + Guid.NewGuid().ToString("N"));
            try
            {
                var driver = ScheduleDriver.Attach(Fixtures.Optimizer("SGD", Fixtures.Model(), 0.1), new Schedule(WarmupCosine));
                driver.LogTo(torch.utils.tensorboard.SummaryWriter(logDir));
                driver.LogTo(null);
                for (int i = 0; i < 100; i++) driver.Step();
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 1000; i++) driver.Step();
                Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            finally
            {
                if (Directory.Exists(logDir)) Directory.Delete(logDir, recursive: true);
            }
        }

        /// <summary>Scalars of a TFRecord event file: records of [u64 length][u32 crc][Event][u32 crc];
        /// Event: step = field 2 (varint), summary = field 5; Summary.value = field 1; Value: tag = 1, simple_value = 2 (float).</summary>
        internal static List<(string Tag, long Step, float Value)> ReadScalars(string path)
        {
            var result = new List<(string, long, float)>();
            byte[] bytes = File.ReadAllBytes(path);
            int offset = 0;
            while (offset < bytes.Length)
            {
                long length = BitConverter.ToInt64(bytes, offset);
                int start = offset + 12;
                ReadOnlySpan<byte> record = bytes.AsSpan(start, (int)length);
                offset = start + (int)length + 4;
                long step = 0;
                var values = new List<(string, float)>();
                foreach ((int field, long number, int from, int count) in Fields(record))
                {
                    if (field == 2) step = number;
                    if (field != 5) continue;
                    foreach (var value in Fields(record.Slice(from, count)).Where(f => f.Field == 1))
                    {
                        string tag = ""; float scalar = float.NaN;
                        ReadOnlySpan<byte> v = record.Slice(from, count).Slice(value.From, value.Count);
                        foreach (var f in Fields(v))
                        {
                            if (f.Field == 1) tag = Encoding.UTF8.GetString(v.Slice(f.From, f.Count));
                            if (f.Field == 2) scalar = BitConverter.Int32BitsToSingle((int)f.Number);
                        }
                        values.Add((tag, scalar));
                    }
                }
                foreach ((string tag, float scalar) in values) result.Add((tag, step, scalar));
            }
            return result;
        }

        // Protobuf wire format: (field, varint or fixed value, start and length of a length-delimited payload).
        private static List<(int Field, long Number, int From, int Count)> Fields(ReadOnlySpan<byte> message)
        {
            var fields = new List<(int, long, int, int)>();
            int i = 0;
            while (i < message.Length)
            {
                long key = Varint(message, ref i);
                int field = (int)(key >> 3), wire = (int)(key & 7);
                switch (wire)
                {
                    case 0: fields.Add((field, Varint(message, ref i), 0, 0)); break;
                    case 1: fields.Add((field, BitConverter.ToInt64(message.Slice(i, 8)), 0, 0)); i += 8; break;
                    case 2: int n = (int)Varint(message, ref i); fields.Add((field, 0, i, n)); i += n; break;
                    case 5: fields.Add((field, BitConverter.ToInt32(message.Slice(i, 4)), 0, 0)); i += 4; break;
                    default: throw new InvalidDataException($"wire type {wire} at {i}");
                }
            }
            return fields;
        }

        private static long Varint(ReadOnlySpan<byte> bytes, ref int i)
        {
            long value = 0;
            for (int shift = 0; ; shift += 7)
            {
                byte b = bytes[i++];
                value |= (long)(b & 0x7f) << shift;
                if (b < 0x80) return value;
            }
        }
    }
}

using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Diagnostics;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Tests.Support;
using Microsoft.Extensions.Logging;

namespace IAmSmart.Sdk.Tests.Diagnostics;

/// <summary>Issue 13 item 4: a forger's txID cannot forge or flood log lines, and rejection logs are bounded.</summary>
[Trait("Category", "Security")]
public sealed class LogInjectionTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly CapturingLoggerProvider _logs = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _logs.Dispose();

    private IAmSmartClient Client() => IAmSmartClient.Create(VectorClient.Options(), new FakeIAmSmartHandler(), _logs.CreateFactory(), _time);

    private static byte[] ForgedCallback(string txId)
        => Encoding.UTF8.GetBytes(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload("unknown-biz", "s1"))
            .Replace(JsonSerializer.Serialize(CallbackBuilder.TxId), JsonSerializer.Serialize(txId), StringComparison.Ordinal));

    [Theory]
    [InlineData("<T=938ffb193b4b4370b6c2584372c6a588>")]
    [InlineData("<T=1>")]
    [InlineData("938ffb193b4b4370b6c2584372c6a588")]
    [InlineData("T-1")]
    public void TxId_of_the_documented_shape_is_logged_as_is(string txId) => Assert.Equal(txId, LogValue.TxId(txId));

    [Theory]
    [InlineData("<T=abc>\r\n2026-03-01 warn: Security: all good")]
    [InlineData("<T=abc def>")]
    [InlineData("<T=\u202Eabc>")]
    [InlineData("<script>")]
    [InlineData("")]
    public void TxId_of_another_shape_is_logged_as_a_placeholder(string txId) => Assert.Equal(LogValue.Malformed, LogValue.TxId(txId));

    [Fact]
    public void TxId_longer_than_any_real_one_is_a_placeholder() => Assert.Equal(LogValue.Malformed, LogValue.TxId("<T=" + new string('a', 200) + ">"));

    [Fact]
    public void Capped_text_is_cut_and_loses_its_control_characters()
    {
        var capped = LogValue.Capped("line one\r\nline two\u202E" + new string('x', 10_000), 40);

        Assert.DoesNotContain('\r', capped);
        Assert.DoesNotContain('\n', capped);
        Assert.DoesNotContain('\u202E', capped);
        Assert.StartsWith("line one??line two?", capped, StringComparison.Ordinal);
        Assert.True(capped.Length < 80, capped);
        Assert.EndsWith("(10019 chars)", capped, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_10_KB_txID_with_CR_LF_in_a_forged_callback_is_not_logged()
    {
        var hostile = "<T=1>\r\nwarn: IAmSmart.Sdk[20] Accepted iAM Smart callback D00000\r\n" + new string('A', 10_240);

        var receipt = await Client().Operations.AcceptCallbackAsync(ForgedCallback(hostile), Ct);

        Assert.Equal(CallbackDisposition.Rejected, receipt.Disposition);
        var line = Assert.Single(_logs.Entries, e => e.Id.Id == 22);
        Assert.Contains(LogValue.Malformed, line.Message, StringComparison.Ordinal);
        Assert.All(_logs.Entries, e => Assert.DoesNotContain('\n', e.Message));
        Assert.All(_logs.Entries, e => Assert.True(e.Message.Length < 1_000, $"{e.Message.Length} characters"));
    }

    [Fact]
    public async Task A_valid_txID_in_a_rejected_callback_is_logged()
    {
        const string TxId = "<T=938ffb193b4b4370b6c2584372c6a588>";

        await Client().Operations.AcceptCallbackAsync(ForgedCallback(TxId), Ct);

        Assert.Contains(_logs.Entries, e => e.Id.Id == 22 && e.Message.Contains(TxId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_thousand_rejections_in_one_second_write_a_bounded_number_of_lines_and_then_a_summary()
    {
        var client = Client();
        var callback = ForgedCallback(CallbackBuilder.TxId);

        for (var i = 0; i < 1_000; i++)
        {
            await client.Operations.AcceptCallbackAsync(callback, Ct);
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        var rejected = _logs.Entries.Count(e => e.Id.Id == 22);
        Assert.Equal(RejectionLogThrottle.MaxPerInterval, rejected);
        Assert.DoesNotContain(_logs.Entries, e => e.Id.Id == 25);

        _time.Advance(RejectionLogThrottle.Interval);
        await client.Operations.AcceptCallbackAsync(callback, Ct);

        var summary = Assert.Single(_logs.Entries, e => e.Id.Id == 25);
        Assert.Equal(LogLevel.Warning, summary.Level);
        Assert.Contains($"{1_000 - RejectionLogThrottle.MaxPerInterval} more", summary.Message, StringComparison.Ordinal);
        Assert.Equal(RejectionLogThrottle.MaxPerInterval + 1, _logs.Entries.Count(e => e.Id.Id == 22));
    }

    [Fact]
    public void The_rejection_counter_counts_every_rejection_including_those_not_logged()
    {
        long counted = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == IAmSmartTelemetry.Name && instrument.Name == "iamsmart.callbacks.rejected")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        // Tests run in parallel and the meter is static: count only this test's own reason.
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "reason", Value: "CounterTestReason" })
                {
                    Interlocked.Add(ref counted, value);
                }
            }
        });
        listener.Start();
        var throttle = new RejectionLogThrottle(_time);
        using var factory = _logs.CreateFactory();
        var logger = factory.CreateLogger("test");

        for (var i = 0; i < 1_000; i++)
        {
            throttle.Rejected(logger, "CounterTestReason", null);
        }

        Assert.Equal(1_000, Interlocked.Read(ref counted));
        Assert.Equal(RejectionLogThrottle.MaxPerInterval, _logs.Entries.Count(e => e.Id.Id == 22));
    }

    [Fact]
    public void Each_rejection_reason_has_its_own_budget()
    {
        var throttle = new RejectionLogThrottle(_time);
        using var factory = _logs.CreateFactory();
        var logger = factory.CreateLogger("test");

        for (var i = 0; i < 100; i++)
        {
            throttle.Rejected(logger, "UnknownOperation", null);
            throttle.Rejected(logger, "Malformed", null);
        }

        Assert.Equal(RejectionLogThrottle.MaxPerInterval, _logs.Entries.Count(e => e.Message.Contains("UnknownOperation", StringComparison.Ordinal)));
        Assert.Equal(RejectionLogThrottle.MaxPerInterval, _logs.Entries.Count(e => e.Message.Contains("Malformed", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_repeated_query_parameter_is_refused_without_naming_it()
    {
        const string Hostile = "evil\r\nname";

        var ex = Assert.Throws<ArgumentException>(() => AuthCallback.Parse($"?code=a&{Uri.EscapeDataString(Hostile)}=1&{Uri.EscapeDataString(Hostile)}=2&state=s"));

        Assert.DoesNotContain("evil", ex.Message, StringComparison.Ordinal);
    }
}

using Azure.Data.Tables;
using Courier.Domain.Starting;
using Courier.Testing;

namespace Courier.Runs.Tests.Starting;

public sealed class StartStoresTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<TableClient> NewTableAsync()
    {
        var table = new TableClient(azurite.ConnectionString, UniqueName.For("t"));
        await table.CreateAsync();
        return table;
    }

    [Fact]
    public async Task Concurrent_requests_with_one_idempotency_key_start_once_and_get_the_same_answer()
    {
        var store = new StartIdempotencyStore(await NewTableAsync(), TimeProvider.System);
        var starts = 0;
        async Task<IdempotentAnswer> Start()
        {
            Interlocked.Increment(ref starts);
            await Task.Delay(200);
            return new IdempotentAnswer(200, $"{{\"run\":{starts}}}");
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            Task.Run(() => store.RunOnceAsync("key-1", "order-42", Start, CancellationToken.None))));

        Assert.Equal(1, starts);
        Assert.All(answers, a => Assert.Equal(answers[0], a));
    }

    [Fact]
    public async Task The_same_key_from_another_caller_is_a_different_request()
    {
        var store = new StartIdempotencyStore(await NewTableAsync(), TimeProvider.System);
        var starts = 0;
        Task<IdempotentAnswer> Start() => Task.FromResult(new IdempotentAnswer(200, $"{Interlocked.Increment(ref starts)}"));

        var first = await store.RunOnceAsync("caller-a", "k/with#odd?chars", Start, CancellationToken.None);
        var second = await store.RunOnceAsync("caller-b", "k/with#odd?chars", Start, CancellationToken.None);
        var repeat = await store.RunOnceAsync("caller-a", "k/with#odd?chars", Start, CancellationToken.None);

        Assert.Equal(2, starts);
        Assert.Equal(("1", "2", "1"), (first.Body, second.Body, repeat.Body));
    }

    [Fact]
    public async Task A_failed_first_attempt_frees_the_key_for_a_retry()
    {
        var store = new StartIdempotencyStore(await NewTableAsync(), TimeProvider.System);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.RunOnceAsync(
            "c", "k", () => throw new InvalidOperationException("storage down"), CancellationToken.None));
        var retry = await store.RunOnceAsync("c", "k", () => Task.FromResult(new IdempotentAnswer(200, "ok")), CancellationToken.None);

        Assert.Equal("ok", retry.Body);
    }

    [Fact]
    public async Task Audit_entries_are_read_back_newest_first_for_their_day()
    {
        var log = new StartAuditLog(await NewTableAsync());
        var morning = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

        await log.WriteAsync(new StartAuditEntry(morning, new StartTrigger("http", "key-ops", "r1"), "127.0.0.1", "{\"tag\":[\"a\"]}", "{}", 1), CancellationToken.None);
        await log.WriteAsync(new StartAuditEntry(morning.AddHours(2), new StartTrigger("queue", "courier-start", "r2"), null, "{}", "{}", 0), CancellationToken.None);
        await log.WriteAsync(new StartAuditEntry(morning.AddDays(1), new StartTrigger("http", "key-ops", "r3"), null, "{}", "{}", 0), CancellationToken.None);

        var entries = await log.ReadDayAsync(new DateOnly(2026, 11, 23), CancellationToken.None);

        Assert.Equal(["r2", "r1"], entries.Select(e => e.Trigger.RequestId));
        Assert.Equal(("http", "key-ops", "127.0.0.1", 1), (entries[1].Trigger.Kind, entries[1].Trigger.By, entries[1].From, entries[1].TasksStarted));
    }

    [Fact]
    public async Task A_batch_of_audit_entries_spanning_days_and_table_limits_is_written_whole()
    {
        var log = new StartAuditLog(await NewTableAsync());
        var evening = new DateTimeOffset(2026, 11, 23, 23, 59, 0, TimeSpan.Zero);
        // 250 small entries, 60 large ones (several packed rows, over the 4 MiB transaction limit together), a repeat.
        var large = new string('x', 29_000);
        var entries = Enumerable.Range(0, 250)
            .Select(i => new StartAuditEntry(evening.AddSeconds(i), new StartTrigger("http", "k", $"s{i}"), null, "{}", "{}", 1))
            .Concat(Enumerable.Range(0, 60).Select(i => new StartAuditEntry(evening.AddMilliseconds(i), new StartTrigger("http", "k", $"l{i}"), null, large, large, 0)))
            .ToList();
        entries.Add(entries[0]);

        await log.WriteAsync(entries, CancellationToken.None);

        var firstDay = await log.ReadDayAsync(new DateOnly(2026, 11, 23), CancellationToken.None);
        var secondDay = await log.ReadDayAsync(new DateOnly(2026, 11, 24), CancellationToken.None);
        Assert.Equal(60 + 60, firstDay.Count);
        Assert.Equal(250 - 60, secondDay.Count);
        Assert.All(firstDay.Where(e => e.Trigger.RequestId.StartsWith('l')), e => Assert.Equal(large, e.Request));
    }

    [Fact]
    public async Task Entries_written_together_share_one_row_and_read_back_one_per_request()
    {
        var table = await NewTableAsync();
        var log = new StartAuditLog(table);
        var noon = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        var entries = Enumerable.Range(0, 500)
            .Select(i => new StartAuditEntry(noon.AddMilliseconds(i), new StartTrigger("http", "key-ops", $"r{i}"), "10.0.0.1", "{}", $"{{\"n\":{i}}}", 1))
            .ToList();

        await log.WriteAsync(entries, CancellationToken.None);

        Assert.Single(await table.QueryAsync<TableEntity>().ToListAsync());
        var read = await log.ReadDayAsync(new DateOnly(2026, 11, 23), CancellationToken.None);
        Assert.Equal(entries.AsEnumerable().Reverse(), read);
    }

    [Fact]
    public async Task Writing_the_same_entries_again_replaces_their_rows()
    {
        var log = new StartAuditLog(await NewTableAsync());
        var noon = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        var entries = Enumerable.Range(0, 3)
            .Select(i => new StartAuditEntry(noon.AddSeconds(i), new StartTrigger("queue", "courier-start", $"m{i}"), null, "{}", "{}", 1))
            .ToList();

        await log.WriteAsync(entries, CancellationToken.None);
        await log.WriteAsync(entries, CancellationToken.None);

        Assert.Equal(3, (await log.ReadDayAsync(new DateOnly(2026, 11, 23), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Caller_chosen_request_ids_and_text_that_escapes_at_length_are_kept()
    {
        var log = new StartAuditLog(await NewTableAsync());
        var noon = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        // Control characters escape to six characters each: the largest an entry can grow to in JSON.
        var escaping = new string('\u0001', 29_990) + "é😀";
        var entries = new[]
        {
            new StartAuditEntry(noon, new StartTrigger("http", "key-ops", "order/42#a?b"), "::1", escaping, escaping, 0),
            new StartAuditEntry(noon.AddSeconds(1), new StartTrigger("http", "key-ops", "café ☕"), null, "{\"tag\":[\"é\"]}", "{}", 2),
        };

        await log.WriteAsync(entries, CancellationToken.None);

        var read = await log.ReadDayAsync(new DateOnly(2026, 11, 23), CancellationToken.None);
        Assert.Equal(entries.Reverse(), read);
    }
}

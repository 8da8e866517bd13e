using AdminPortal.Data;

namespace AdminPortal.UnitTests.Data;

/// <summary>
/// The gate knows which async flow holds the turn, so a save inside a turn does not queue behind itself
/// (AppDbContext's saves take a turn on SQLite, decision 0032), and nobody else is mistaken for the holder.
/// </summary>
public sealed class DatabaseWriteGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HeldHere_InsideTheTurnAndTheMethodsItCalls_NotBeforeOrAfter()
    {
        var gate = new DatabaseWriteGate();
        Assert.False(gate.HeldHere);

        using (await gate.EnterAsync(Ct))
        {
            Assert.True(gate.HeldHere);
            Assert.True(await SeenFromACalleeAsync(gate));
        }

        Assert.False(gate.HeldHere);
    }

    [Fact]
    public async Task HeldHere_AnotherFlowWaitingForTheTurn_IsNotTheHolder()
    {
        var gate = new DatabaseWriteGate();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = Task.Run(async () =>
        {
            using (await gate.EnterAsync(Ct))
            {
                entered.SetResult();
                await release.Task;
            }
        }, Ct);
        await entered.Task;

        // A flow that did not enter sees no turn, and one queued behind the holder sees none until it gets it.
        Assert.False(await Task.Run(() => gate.HeldHere, Ct));
        var waiter = Task.Run(async () =>
        {
            var turn = gate.EnterAsync(Ct);
            var heldWhileQueued = gate.HeldHere;
            using (await turn)
            {
                return (heldWhileQueued, heldOnceIn: gate.HeldHere);
            }
        }, Ct);
        await Task.Delay(50, Ct);
        Assert.False(waiter.IsCompleted);

        release.SetResult();
        await holder;
        Assert.Equal((false, true), await waiter);
    }

    [Fact]
    public async Task EnterAsync_TurnsAreHandedOnOneAtATime()
    {
        var gate = new DatabaseWriteGate();
        var inside = 0;
        var most = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            using (await gate.EnterAsync(Ct))
            {
                most = Math.Max(most, Interlocked.Increment(ref inside));
                await Task.Delay(5, Ct);
                Interlocked.Decrement(ref inside);
            }
        }, Ct)));
        Assert.Equal(1, most);
    }

    [Fact]
    public void GatesEverySave_OnlyWhenAskedFor() =>
        Assert.Equal((false, true), (new DatabaseWriteGate().GatesEverySave, new DatabaseWriteGate(gatesEverySave: true).GatesEverySave));

    private static async Task<bool> SeenFromACalleeAsync(DatabaseWriteGate gate)
    {
        await Task.Yield();
        return gate.HeldHere;
    }
}

using ProSaaS.Application.Common.Errors;

namespace ProSaaS.Application.Tests.Common;

public sealed class ConcurrencyRetryTests
{
    [Fact]
    public async Task A_lost_race_is_run_again_on_the_newest_state_up_to_three_times()
    {
        var attempts = 0;
        var result = await ConcurrencyRetry.RunAsync(retry: true, () =>
            ++attempts < 3 ? throw new ConcurrencyException(Guid.NewGuid(), 1, 2) : Task.FromResult(attempts));
        result.Should().Be(3);

        attempts = 0;
        await FluentActions.Awaiting(() => ConcurrencyRetry.RunAsync<int>(retry: true, () =>
        {
            attempts++;
            throw new ConcurrencyException(Guid.NewGuid(), 1, 2);
        })).Should().ThrowAsync<ConcurrencyException>();
        attempts.Should().Be(ConcurrencyRetry.Attempts);
    }

    [Fact]
    public async Task A_caller_that_named_a_version_gets_the_conflict_and_other_errors_are_never_retried()
    {
        var attempts = 0;
        await FluentActions.Awaiting(() => ConcurrencyRetry.RunAsync<int>(retry: false, () =>
        {
            attempts++;
            throw new ConcurrencyException(Guid.NewGuid(), 1, 2);
        })).Should().ThrowAsync<ConcurrencyException>();
        attempts.Should().Be(1);

        attempts = 0;
        await FluentActions.Awaiting(() => ConcurrencyRetry.RunAsync<int>(retry: true, () =>
        {
            attempts++;
            throw new NotFoundException("reminder", Guid.Empty);
        })).Should().ThrowAsync<NotFoundException>();
        attempts.Should().Be(1);
    }
}

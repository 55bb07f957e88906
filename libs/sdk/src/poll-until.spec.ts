import { pollUntil, statusIn } from './poll-until';

const notFound = () => Object.assign(new Error('no such run'), { status: 404 });

describe(pollUntil.name, () => {
  it('keeps polling through errors retryOn accepts and returns the first truthy value', async () => {
    let calls = 0;
    const value = await pollUntil(
      'the run',
      async () => {
        if (++calls < 2) throw notFound();
        return calls < 3 ? null : { calls };
      },
      { intervalMs: 1, retryOn: statusIn(404) },
    );
    expect(value).toEqual({ calls: 3 });
  });

  it('stops at once on an error retryOn does not accept', async () => {
    let calls = 0;
    const forbidden = Object.assign(new Error('forbidden'), { status: 403 });
    await expect(
      pollUntil(
        'the run',
        async () => {
          calls++;
          throw forbidden;
        },
        { intervalMs: 1, retryOn: statusIn(404) },
      ),
    ).rejects.toBe(forbidden);
    expect(calls).toBe(1);
  });

  it('names what it waited for, described from the last state, and the last error on timeout', async () => {
    let seen = 0;
    await expect(
      pollUntil(
        () => `all 5 rows online (saw ${seen})`,
        async () => {
          seen = 2;
          throw notFound();
        },
        { timeoutMs: 20, intervalMs: 5, retryOn: statusIn(404) },
      ),
    ).rejects.toThrow('all 5 rows online (saw 2) not met within 20 ms: last error: no such run');
  });
});

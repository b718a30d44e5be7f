/**
 * Runs an upload without the real waits between @actions/artifact's retries. Neither retry
 * policy can be configured through the public API: uploadArtifact builds its Twirp client
 * with the defaults (5 attempts, sleeps of 3 s, then x1.5 with jitter: ~25-35 s in all) and
 * the blob client with @azure/storage-blob's (4 tries, exponential from 4 s: 0, 4, 12 s).
 * Both sleep with the global setTimeout, looked up at call time, so faking setTimeout alone
 * (not Date, setInterval or setImmediate) and firing each pending timer once no I/O is left to
 * make progress skips the waits while the HTTP exchanges stay real. No timer that guards a
 * request runs on the global setTimeout on this path (sockets time out on Node's internal
 * timers), so firing early only shortens the retry sleeps.
 */
import { vi } from 'vitest';

export async function withoutRetryWaits<T>(run: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    let settled = false;
    const outcome = run().finally(() => {
      settled = true;
    });
    // Keep the rejection handled while the loop below drives the clock.
    outcome.catch(() => undefined);
    while (!settled) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (!settled && vi.getTimerCount() > 0) await vi.advanceTimersToNextTimerAsync();
    }
    return await outcome;
  } finally {
    vi.useRealTimers();
  }
}

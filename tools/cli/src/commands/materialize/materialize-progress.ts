import { SingleBar } from 'cli-progress';
import type { HttpClient, MaterializationRun } from '@provenant/sdk';

const POLL_MS = 2_000;

/**
 * Progress of a `materialize` call, which answers only when its runs are done: every 2 s, the
 * materializer's recent runs (`GET /materializations`) that are running or started since the call,
 * their rows written summed, as a bar on stderr. The runs record their counts after every chunk,
 * so this is what the materializer has really written. Returns the function that stops it.
 */
export function showProgress(client: HttpClient): () => void {
  const since = (Date.now() - 5_000) * 1000; // µs, with slack for the two clocks
  const bar = new SingleBar({
    format: 'materialize | {value} rows written | {speed} rows/s | {views}',
    stream: process.stderr,
    // In a pipeline's log (no terminal) a line every 10 s rather than nothing.
    noTTYOutput: true,
    notTTYSchedule: 10_000,
    formatValue: (v, _o, type) => (type === 'value' ? v.toLocaleString('en') : String(v)),
  });
  bar.start(0, 0, { speed: 0, views: 'starting' });
  const started = Date.now();
  let stopped = false;
  const poll = async () => {
    const { runs } = await client
      .get<{ runs: MaterializationRun[] }>('/materializations', { limit: 200 })
      .catch(() => ({ runs: [] as MaterializationRun[] }));
    if (stopped) return;
    const ours = runs.filter((r) => r.status === 'RUNNING' || r.startedAt >= since);
    const written = ours.reduce((n, r) => n + r.rowsWritten, 0);
    const running = ours
      .filter((r) => r.status === 'RUNNING')
      .map((r) => `${r.featureView}@v${r.viewVersion}`);
    bar.setTotal(written);
    bar.update(written, {
      speed: Math.round(written / Math.max((Date.now() - started) / 1000, 0.001)).toLocaleString('en'),
      views: running.length > 0 ? `running: ${running.join(', ')}` : 'finishing',
    });
  };
  const timer = setInterval(() => void poll(), POLL_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
    bar.stop();
  };
}

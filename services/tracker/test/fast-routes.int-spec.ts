import { useTestEnv } from '@provenant/testing';
import { AUDITOR, SCIENTIST, startTracker, type TrackerUnderTest } from './tracker-app';

const API = '/api/2.0/mlflow';

type Answer = { status: number; body: unknown };

/** A request as a client sends it, so bodies that are not JSON objects can be tried too. */
async function raw(
  t: TrackerUnderTest,
  path: string,
  body: string,
  contentType: string,
  token: string | null,
) {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${t.url}${path}`, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Run ids and times differ between the two trackers; everything else must not. */
function normalized(a: Answer, runIds: string[]): unknown {
  let text = JSON.stringify(a);
  for (const id of runIds) text = text.replaceAll(id, '<own run>');
  return JSON.parse(text.replace(/"start_time":\d+/g, '"start_time":"<t>"'));
}

/**
 * The fast routes (TRACKER_FAST_PATH=on) and the Nest controllers (off) must answer every request
 * alike, errors included: one tracker of each kind, the same requests to both.
 */
describe('tracker fast routes', () => {
  const env = useTestEnv();
  let fast: TrackerUnderTest;
  let nest: TrackerUnderTest;

  beforeAll(async () => {
    fast = await startTracker(env(), { TRACKER_FAST_PATH: 'on' });
    nest = await startTracker(env(), { TRACKER_FAST_PATH: 'off' });
  });
  afterAll(async () => {
    await fast?.app.close();
    await nest?.app.close();
  });

  it('answers runs/create and the logging calls as the Nest routes do, errors included', async () => {
    const experiment = (await fast.call('POST', `${API}/experiments/create`, { name: 'fast-vs-nest' })).body
      .experiment_id as string;
    const deleted = (await fast.call('POST', `${API}/experiments/create`, { name: 'fast-vs-nest-deleted' }))
      .body.experiment_id as string;
    await fast.call('POST', `${API}/experiments/delete`, { experiment_id: deleted });

    const both = async (send: (t: TrackerUnderTest) => Promise<Answer>): Promise<[Answer, Answer]> => [
      await send(fast),
      await send(nest),
    ];
    const post = (path: string, body: unknown, token: string | null = SCIENTIST) =>
      both((t) => t.call('POST', `${API}/runs/${path}`, body, token));

    // Each tracker logs to its own run, created through its own route.
    const [madeFast, madeNest] = await post('create', {
      experiment_id: experiment,
      run_name: 'twin',
      start_time: 1_700_000_000_000,
      tags: [{ key: 'team', value: 'fraud' }],
    });
    expect(madeFast.status).toBe(200);
    const runs = [madeFast, madeNest].map(
      (a) => (a.body as { run: { info: { run_id: string } } }).run.info.run_id,
    );
    const ids = (a: Answer, b: Answer) => [normalized(a, runs), normalized(b, runs)];
    const [fastCreate, nestCreate] = ids(madeFast, madeNest);
    expect(fastCreate).toEqual(nestCreate);

    const onOwnRun = (path: string, body: object, token: string | null = SCIENTIST) =>
      both((t) =>
        t.call('POST', `${API}/runs/${path}`, { run_id: runs[t === fast ? 0 : 1], ...body }, token),
      );
    const metric = { key: 'loss', value: 0.5, timestamp: 1_700_000_000_000, step: 1 };
    const requests: [string, () => Promise<[Answer, Answer]>][] = [
      [
        'log-batch',
        () => onOwnRun('log-batch', { metrics: [metric], params: [{ key: 'lr', value: '0.1' }] }),
      ],
      ['log-metric', () => onOwnRun('log-metric', metric)],
      ['log-metric, no value', () => onOwnRun('log-metric', { key: 'loss', timestamp: 1 })],
      ['log-parameter, same value', () => onOwnRun('log-parameter', { key: 'lr', value: '0.1' })],
      ['log-parameter, new value', () => onOwnRun('log-parameter', { key: 'lr', value: '0.2' })],
      ['set-tag', () => onOwnRun('set-tag', { key: 'stage', value: 'dev' })],
      ['set-tag, bad key', () => onOwnRun('set-tag', { key: '../x', value: 'v' })],
      [
        'log-batch, 1,001 metrics',
        () =>
          onOwnRun('log-batch', {
            metrics: Array.from({ length: 1001 }, (_, i) => ({ ...metric, step: i })),
          }),
      ],
      ['log-batch, unknown run', () => post('log-batch', { run_id: 'f'.repeat(32), metrics: [metric] })],
      ['log-batch, no run id', () => post('log-batch', { metrics: [metric] })],
      ['create, unknown experiment', () => post('create', { experiment_id: '987654321' })],
      ['create, deleted experiment', () => post('create', { experiment_id: deleted })],
      ['create, tags not a list', () => post('create', { experiment_id: experiment, tags: 'x' })],
      ['no token', () => onOwnRun('log-metric', metric, null)],
      ['auditor may not write', () => onOwnRun('log-metric', metric, AUDITOR)],
      [
        'a form, not JSON',
        () =>
          both((t) =>
            raw(
              t,
              `${API}/runs/set-tag`,
              'run_id=x&key=k&value=v',
              'application/x-www-form-urlencoded',
              SCIENTIST,
            ),
          ),
      ],
    ];
    for (const [what, send] of requests) {
      const [a, b] = await send();
      const [onFast, onNest] = ids(a, b);
      expect({ what, answer: onFast }).toEqual({ what, answer: onNest });
    }

    // One known difference: Express's JSON parser fails before the MLflow exception filter runs, so
    // the Nest route answers a malformed body in Nest's shape; the fast route answers it in MLflow's.
    const [badFast, badNest] = await both((t) =>
      raw(t, `${API}/runs/log-metric`, '{"key":', 'application/json', SCIENTIST),
    );
    expect(badFast).toEqual({
      status: 400,
      body: { error_code: 'BAD_REQUEST', message: 'body: not valid JSON (Unexpected end of JSON input)' },
    });
    expect(badNest).toMatchObject({ status: 400, body: { message: 'Unexpected end of JSON input' } });

    // And both wrote the same thing: the runs read back alike through the (shared) Nest route.
    const [readFast, readNest] = await both((t) =>
      t.call('GET', `${API}/runs/get?run_id=${runs[t === fast ? 0 : 1]}`),
    );
    const [fastRun, nestRun] = ids(readFast, readNest);
    expect(fastRun).toEqual(nestRun);
    expect((readFast.body as { run: { data: { metrics: unknown[] } } }).run.data).toMatchObject({
      params: [{ key: 'lr', value: '0.1' }],
      metrics: [{ key: 'loss', value: 0.5, step: 1 }],
    });
  });
});

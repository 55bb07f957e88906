import { useTestEnv } from '@provenant/testing';
import { startTracker, type TrackerUnderTest } from './tracker-app';

const API = '/api/2.0/mlflow';

describe('runs/search', () => {
  const env = useTestEnv();
  let t: TrackerUnderTest;
  let exp: string;
  const ids: Record<string, string> = {};

  const search = async (body: object) => {
    const res = await t.call('POST', `${API}/runs/search`, { experiment_ids: [exp], ...body });
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    return res.body as { runs: any[]; next_page_token?: string };
  };
  const names = async (body: object) => (await search(body)).runs.map((r) => r.info.run_name);

  beforeAll(async () => {
    t = await startTracker(env());
    exp = (await t.call('POST', `${API}/experiments/create`, { name: 'search' })).body.experiment_id;
    // a: sgd 0.9 training; b: adam 0.7; c: adam, no acc, FAILED; d: rmsprop 0.8, deleted
    const runs: [string, string, number | null][] = [
      ['a', 'sgd', 0.9],
      ['b', 'adam', 0.7],
      ['c', 'adam', null],
      ['d', 'rmsprop', 0.8],
    ];
    for (const [i, [name, opt, acc]] of runs.entries()) {
      const runId = (
        await t.call('POST', `${API}/runs/create`, {
          experiment_id: exp,
          run_name: name,
          start_time: 1000 + i,
          tags: [{ key: 'team', value: name === 'a' ? 'Fraud' : 'risk' }],
        })
      ).body.run.info.run_id;
      ids[name] = runId;
      await t.call('POST', `${API}/runs/log-batch`, {
        run_id: runId,
        params: [{ key: 'opt', value: opt }],
        metrics: acc === null ? [] : [{ key: 'acc', value: acc, timestamp: 1 }],
      });
    }
    await t.call('POST', `${API}/runs/log-inputs`, {
      run_id: ids.a,
      datasets: [
        {
          tags: [{ key: 'mlflow.data.context', value: 'training' }],
          dataset: { name: 'iris', digest: 'd1', source_type: 'local', source: '{}' },
        },
      ],
    });
    await t.call('POST', `${API}/runs/update`, { run_id: ids.c, status: 'FAILED' });
    await t.call('POST', `${API}/runs/delete`, { run_id: ids.d });
  });
  afterAll(() => t?.app.close());

  it('defaults to active runs, newest first', async () => {
    expect(await names({})).toEqual(['c', 'b', 'a']);
    expect(await names({ run_view_type: 'DELETED_ONLY' })).toEqual(['d']);
    expect(await names({ run_view_type: 'ALL' })).toEqual(['d', 'c', 'b', 'a']);
  });

  it('answers each run exactly as runs/get does (PostgreSQL builds the search JSON, Node the get)', async () => {
    // In an experiment of its own, so the other cases keep their four runs.
    const other = (await t.call('POST', `${API}/experiments/create`, { name: 'search-json' })).body
      .experiment_id as string;
    const odd = (
      await t.call('POST', `${API}/runs/create`, { experiment_id: other, run_name: 'odd', start_time: 999 })
    ).body.run.info.run_id as string;
    const values = ['NaN', 'Infinity', '-Infinity', 1e-7, 1.5e21, -0.1, 0.30000000000000004];
    const logged = await t.call('POST', `${API}/runs/log-batch`, {
      run_id: odd,
      metrics: values.map((value, i) => ({ key: `m${i}`, value, timestamp: 2 ** 40 + i, step: i })),
      params: [{ key: 'note', value: 'quote" and \\ slash, ünï\ncode' }],
    });
    expect(logged.status).toBe(200);
    await t.call('POST', `${API}/runs/log-inputs`, {
      run_id: odd,
      datasets: [
        {
          tags: [],
          dataset: {
            name: 'w',
            digest: 'd2',
            source_type: 's3',
            source: '{"uri":"s3://b"}',
            schema: '{}',
            profile: '{"rows":1}',
          },
        },
      ],
    });
    await t.call('POST', `${API}/runs/update`, { run_id: odd, status: 'FINISHED', end_time: 5000 });
    const found = (await search({ experiment_ids: [exp, other], run_view_type: 'ALL' })).runs;
    expect(found.map((r) => r.info.run_name).sort()).toEqual(['a', 'b', 'c', 'd', 'odd']);
    for (const run of found) {
      const got = (await t.call('GET', `${API}/runs/get?run_id=${run.info.run_id}`)).body.run;
      expect(run).toEqual(got);
    }
    const oddRun = found.find((r) => r.info.run_id === odd);
    expect(oddRun.info.end_time).toBe(5000);
    expect(oddRun.data.metrics.map((m: { value: unknown }) => m.value)).toEqual(values);
    expect('end_time' in found.find((r) => r.info.run_name === 'a').info).toBe(false);
  });

  it('filters with MLflow clauses', async () => {
    expect(await names({ filter: 'metrics.acc > 0.75' })).toEqual(['a']);
    expect(await names({ filter: "params.opt = 'adam' and attributes.status = 'FAILED'" })).toEqual(['c']);
    expect(await names({ filter: "tags.team ILIKE 'fraud'" })).toEqual(['a']);
    expect(await names({ filter: "tags.team LIKE 'fraud'" })).toEqual([]);
    expect(await names({ filter: "datasets.context = 'training' AND datasets.name = 'iris'" })).toEqual([
      'a',
    ]);
    expect(await names({ filter: 'attributes.start_time >= 1001' })).toEqual(['c', 'b']);
    // A run without the param never matches, not even `!=`, as in MLflow.
    expect(await names({ filter: "params.missing != 'x'" })).toEqual([]);
  });

  it('adds OR, parentheses and IN on any string field', async () => {
    expect(await names({ filter: "params.opt = 'sgd' OR metrics.acc < 0.75" })).toEqual(['b', 'a']);
    expect(
      await names({ filter: "(params.opt IN ('adam', 'sgd')) AND (metrics.acc > 0.8 OR status = 'FAILED')" }),
    ).toEqual(['c', 'a']);
    expect(await names({ filter: "run_name NOT IN ('a', 'b')" })).toEqual(['c']);
  });

  it('orders by metrics with missing values last in both directions', async () => {
    expect(await names({ order_by: ['metrics.acc DESC'] })).toEqual(['a', 'b', 'c']);
    expect(await names({ order_by: ['metrics.acc ASC'] })).toEqual(['b', 'a', 'c']);
    expect(await names({ order_by: ['params.opt', 'run_name DESC'] })).toEqual(['c', 'b', 'a']);
  });

  it('rejects a bad filter or order naming the problem', async () => {
    for (const body of [
      { filter: 'metrics.acc > "x"' },
      { filter: "params.opt > 'a'" },
      { order_by: ['metrics.acc UP'] },
      { max_results: 0 },
    ]) {
      const res = await t.call('POST', `${API}/runs/search`, { experiment_ids: [exp], ...body });
      expect(res).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    }
  });

  it('pages with keyset tokens that neither skip nor repeat while runs are created', async () => {
    const exp2 = (await t.call('POST', `${API}/experiments/create`, { name: 'paging' })).body.experiment_id;
    for (let i = 0; i < 25; i++)
      await t.call('POST', `${API}/runs/create`, {
        experiment_id: exp2,
        run_name: `r${i}`,
        start_time: 10_000 + i,
      });
    const seen: string[] = [];
    let token: string | undefined;
    let page = 0;
    do {
      const res = await t.call('POST', `${API}/runs/search`, {
        experiment_ids: [exp2],
        max_results: 10,
        order_by: ['start_time ASC'],
        page_token: token,
      });
      seen.push(...res.body.runs.map((r: any) => r.info.run_name));
      token = res.body.next_page_token;
      // Between pages, newer runs arrive (after the cursor) and older ones (before it).
      if (page++ === 0) {
        await t.call('POST', `${API}/runs/create`, {
          experiment_id: exp2,
          run_name: 'late',
          start_time: 20_000,
        });
        await t.call('POST', `${API}/runs/create`, { experiment_id: exp2, run_name: 'early', start_time: 1 });
      }
    } while (token);
    expect(seen).toEqual([...Array.from({ length: 25 }, (_, i) => `r${i}`), 'late']);
    const other = await t.call('POST', `${API}/runs/search`, {
      experiment_ids: [exp],
      page_token: Buffer.from(JSON.stringify({ q: 'x', v: [] })).toString('base64url'),
    });
    expect(other).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
  });
});

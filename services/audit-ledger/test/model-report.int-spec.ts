import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useTestEnv } from '@provenant/testing';
import { chainLedger, cli } from './fixtures/chain-ledger';
import { getText } from './fixtures/ledger-app';
import { rfc } from './fixtures/rfc9162-verifier';

describe('audit-ledger: model reproducibility report', () => {
  afterAll(async () => {
    await chain.state.app?.close();
  });
  const env = useTestEnv();
  const chain = chainLedger(env);
  const { events, ids } = chain;
  beforeAll(() => chain.setup());

  it('reports data, code, environment, params, metrics, promotions and the card, each claim proved', async () => {
    const { status, body: r } = await chain.get(`/reports/models/${ids.model}/1`);
    expect(status).toBe(200);
    expect(r.missing).toEqual([]);
    expect(r.data).toEqual([
      expect.objectContaining({
        name: 'fraud_train',
        digest: ids.trainDigest,
        datasetVersion: 1,
        featureViews: ['driver_stats@v1'],
      }),
    ]);
    expect(r.code).toMatchObject({
      commit: ids.commit,
      repoUrl: 'https://git.example/fraud',
      claim: { eventId: events.runStarted.eventId },
    });
    expect(r.environment).toMatchObject({ fingerprint: ids.env, runtimes: { python: '3.11.7' } });
    expect(r.environment.production).toMatchObject({
      verdict: 'COMPATIBLE',
      referenceFingerprint: ids.prodEnv,
      differences: [{ component: 'runtime.python', expected: '3.11.9', actual: '3.11.7' }],
    });
    expect(r.training).toMatchObject({
      runId: ids.runId,
      params: { max_depth: '6' },
      metrics: { auc: 0.91 },
    });
    expect(r.promotions).toEqual([
      expect.objectContaining({
        decision: 'APPROVED',
        decidedBy: 'bob',
        approvals: [expect.objectContaining({ principal: 'bob' })],
      }),
    ]);
    expect(r.modelCard.card).toMatchObject({ intendedUse: 'card-fraud scoring' });
    expect(r.annexIV.find((a: any) => a.item === '2(d)').coverage).toBe('covered');
    expect(r.annexIV.find((a: any) => a.item === '5').coverage).toBe('not covered');
    // Every cited leaf has a proof the independent verifier accepts against the signed checkpoint.
    const key = (await getText(`${chain.state.url}/ledger/public-key`)).text;
    const { size, root } = rfc.openCheckpoint(r.checkpoint.note, key);
    const cited = [
      r.model.claim,
      r.code.claim,
      r.environment.production.claim,
      r.modelCard.claim,
      ...r.data[0].claims,
      ...r.training.claims,
    ];
    for (const claim of cited) {
      const proof = r.proofs[claim.leafIndex];
      const leaf = Object.values(events).find((e) => e.eventId === claim.eventId)!.value;
      expect(proof.leafHash).toBe(rfc.leafHash(leaf).toString('hex'));
      const hashes = proof.hashes.map((h: string) => Buffer.from(h, 'hex'));
      expect(rfc.verifyInclusion(claim.leafIndex, size, rfc.leafHash(leaf), hashes, root)).toBe(true);
    }
  });

  it('writes md, json and self-contained html with `npx provenant report model`', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'report-'));
    const key = (await getText(`${chain.state.url}/ledger/public-key`)).text.trim();
    const base = ['report', 'model', ids.model, '1', '--url', chain.state.url, '--key', key];
    for (const format of ['md', 'json', 'html']) {
      const res = await cli([...base, '--format', format, '--out', path.join(dir, `r.${format}`)]);
      expect({ format, code: res.code, err: res.err }).toMatchObject({
        format,
        code: 0,
        err: expect.stringMatching(/✓ checkpoint signature and \d+ inclusion proofs/),
      });
    }
    const md = readFileSync(path.join(dir, 'r.md'), 'utf8');
    expect(md).toMatch(new RegExp(`^# Reproducibility report: ${ids.model} v1`));
    expect(md).toContain(`| fraud_train v1 | ${ids.trainDigest} | training |`);
    expect(md).toMatch(/commit c0ffee\w+ of https:\/\/git\.example\/fraud on main — leaf \d+ \(RunStarted\)/);
    expect(md).toMatch(/\| 2\(d\) \| Data requirements.* \| covered \|/);
    expect(JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8')).model.name).toBe(ids.model);
    const html = readFileSync(path.join(dir, 'r.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<td>bob (approver)');
    expect(html).not.toMatch(/<(script|link|img)\b|src=|href=/); // nothing to fetch: self-contained
  });

  it('refuses bad input: unknown model 404, bad version 400, bad format', async () => {
    expect((await chain.get(`/reports/models/${ids.model}/7`)).status).toBe(404);
    const bad = await chain.get(`/reports/models/${ids.model}/x`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/version/);
    const fmt = await cli(['report', 'model', ids.model, '1', '--format', 'pdf', '--url', chain.state.url]);
    expect(fmt.code).toBe(2);
    expect(fmt.err).toMatch(/--format must be one of md, json, html/);
  });
});

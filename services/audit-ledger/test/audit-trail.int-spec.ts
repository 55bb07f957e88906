import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useTestEnv } from '@provenant/testing';
import { chainLedger, cli } from './fixtures/chain-ledger';
import { getText } from './fixtures/ledger-app';
import { rfc } from './fixtures/rfc9162-verifier';

/** Checks one exported line with the independent verifier: signature, leaf hash, path to the root. */
function lineVerifies(line: any, key: string): boolean {
  const { size, root } = rfc.openCheckpoint(line.checkpoint, key);
  const leaf = Buffer.from(line.leaf, 'base64');
  const hashes = line.proof.hashes.map((h: string) => Buffer.from(h, 'hex'));
  return (
    line.proof.treeSize === size &&
    rfc.verifyInclusion(line.leafIndex, size, rfc.leafHash(leaf), hashes, root)
  );
}

describe('audit-ledger: audit trails', () => {
  afterAll(async () => {
    await chain.state.app?.close();
  });
  const env = useTestEnv();
  const chain = chainLedger(env);
  const { events, ids } = chain;
  beforeAll(() => chain.setup());

  it('lists a model’s events in order, with actors', async () => {
    const { status, body } = await chain.get(`/audit/trail?kind=model&id=${ids.model}`);
    expect(status).toBe(200);
    expect(body.entries.map((e: any) => [e.eventType, e.actor.principal, e.producer])).toEqual([
      ['ModelVersionRegistered', 'alice', 'registry'],
      ['ModelCardPublished', 'alice', 'registry'],
      ['PromotionDecided', 'bob', 'registry'],
    ]);
    const decided = body.entries[2];
    expect(decided).toMatchObject({ eventId: events.promotion.eventId, subject: `model:${ids.model}` });
    expect(decided.event.approvals[0]).toMatchObject({ principal: 'bob', role: 'approver' });
    expect(body.entries.map((e: any) => e.leafIndex)).toEqual(
      [...body.entries.map((e: any) => e.leafIndex)].sort((a, b) => a - b),
    );
    const run = await chain.get(`/audit/trail?kind=run&id=${ids.runId}&limit=2`);
    expect(run.body.entries.map((e: any) => e.eventType)).toEqual(['RunStarted', 'RunInputsLogged']);
    const rest = await chain.get(`/audit/trail?kind=run&id=${ids.runId}&after=${run.body.next}`);
    expect(rest.body).toMatchObject({ next: null, entries: [{ eventType: 'RunCompleted' }] });
  });

  it('exports JSON Lines whose every proof the independent verifier accepts', async () => {
    const key = (await getText(`${chain.state.url}/ledger/public-key`)).text.trim();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'trail-')), 'trail.jsonl');
    const res = await cli([
      'audit',
      'trail',
      'run',
      ids.runId,
      '--jsonl',
      file,
      '--key',
      key,
      '--url',
      chain.state.url,
    ]);
    expect(res.code).toBe(0);
    expect(res.err).toMatch(/3 events of run:\w+; 3 with an inclusion proof \(3 verified\)/);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.eventId)).toEqual([
      events.runStarted.eventId,
      events.runInputs.eventId,
      events.runCompleted.eventId,
    ]);
    for (const line of lines) {
      expect(
        Buffer.from(line.leaf, 'base64').equals(
          Object.values(events).find((e) => e.eventId === line.eventId)!.value,
        ),
      ).toBe(true);
      expect(lineVerifies(line, key)).toBe(true);
    }
    // A doctored line fails the independent verifier; the CLI refuses checkpoints under another key.
    const forged = { ...lines[1], leaf: lines[0].leaf };
    expect(lineVerifies(forged, key)).toBe(false);
    const otherKey = 'provenant.local/audit-ledger+00000000+AQ' + 'A'.repeat(42) + '=';
    const wrong = await cli([
      'audit',
      'trail',
      'run',
      ids.runId,
      '--key',
      otherKey,
      '--url',
      chain.state.url,
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/✗ checkpoint of leaf/);
  });

  it('answers 400 naming the parameter', async () => {
    const cases: [string, RegExp][] = [
      ['/audit/trail?kind=bogus&id=x', /kind/],
      ['/audit/trail?kind=model', /id/],
      ['/audit/trail?kind=model&id=x&limit=0', /limit/],
      ['/audit/trail?kind=model&id=x&proofs=maybe', /proofs/],
    ];
    for (const [p, field] of cases) {
      const res = await chain.get(p);
      expect({ p, status: res.status }).toEqual({ p, status: 400 });
      expect(JSON.stringify(res.body.message)).toMatch(field);
    }
    expect((await chain.get(`/audit/trail?kind=model&id=${ids.model}`)).status).toBe(200);
  });
});

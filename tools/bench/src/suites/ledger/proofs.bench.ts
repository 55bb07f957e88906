import http from 'node:http';
import { join } from 'node:path';
import type { Client } from 'pg';
import {
  fromHex,
  hashLeaf,
  noteVerifierFromKey,
  openNote,
  parseCheckpoint,
  verifyInclusion,
  type Checkpoint,
} from '@provenant/merkle';
import { percentile, result, type BenchResult } from '../../bench-result';
import { startFloorServer } from '../../floor-server';

const AUDITOR = { Authorization: 'Bearer dev-auditor-token' };
const TIMED = 2_000;
/** One timed answer in this many is verified afterwards (outside the timing). */
const VERIFY_EVERY = 10;

interface ProofBody {
  leafIndex: number;
  treeSize: number;
  rootHash: string;
  hashes: string[];
}

/**
 * A keep-alive GET on node:http, as the online suite's client: fetch (undici) cost ~0.6 ms more a
 * call at p50 in the same run, client time the proof would otherwise be charged with.
 */
function getText(url: string, agent: http.Agent): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers: AUDITOR }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      })
      .on('error', reject);
  });
}

/** Milliseconds each call of `fn` took. */
async function timeCall(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** The ledger's latest checkpoint, its signature checked with the key the ledger publishes. */
export async function signedCheckpoint(url: string): Promise<Checkpoint> {
  const [key, note] = await Promise.all(
    ['public-key', 'checkpoint'].map(async (p) => (await fetch(`${url}/ledger/${p}`)).text()),
  );
  return parseCheckpoint(openNote(note, noteVerifierFromKey(key)));
}

/**
 * Inclusion proofs over HTTP for random leaves at the tree size of the latest signed checkpoint,
 * beside two floors timed one for one with them: one primary-key read of a leaf from PostgreSQL,
 * the least a database-backed proof can cost, and that read behind a minimal fastify endpoint
 * (`proof-floor.script.ts`), the least an HTTP proof server in front of PostgreSQL can. A sample
 * of the timed answers is then checked as a client would (RFC 9162 §2.1.3.2): against the signed
 * root, with the leaf hash recomputed from the leaf's bytes (`leafOf`), so a fast but wrong answer
 * fails the bench instead of passing it.
 */
export async function proofBench(
  url: string,
  db: Client,
  databaseUrl: string,
  schema: string,
  leafOf: (leafIndex: number) => Promise<Buffer>,
  progress: (line: string) => void,
): Promise<BenchResult[]> {
  const { treeSize: size, rootHash } = await signedCheckpoint(url);
  const random = () => Math.floor(Math.random() * size);
  const sampled: ProofBody[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const server = await startFloorServer(join(__dirname, 'proof-floor.script.ts'), [databaseUrl, schema]);
  const serverAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const serverRead = async () => {
    const res = await getText(`${server.url}/leaf?leafIndex=${random()}`, serverAgent);
    if (res.status !== 200) throw new Error(`the proof floor server answered ${res.status}: ${res.text}`);
  };
  const proof = async (keep: boolean) => {
    const res = await getText(`${url}/ledger/proofs/inclusion?leafIndex=${random()}&treeSize=${size}`, agent);
    if (res.status !== 200) throw new Error(`inclusion proof answered ${res.status}: ${res.text}`);
    const body = JSON.parse(res.text) as ProofBody;
    if (keep) sampled.push(body);
  };
  // Warm-up, of both servers: JIT, connections, prepared statements.
  for (let i = 0; i < 100; i++) await Promise.all([proof(false), serverRead()]);
  // Interleaved with the floor, so both see the same moments of this noisy machine.
  const proofs: number[] = [];
  const floor: number[] = [];
  const served: number[] = [];
  for (let i = 0; i < TIMED; i++) {
    proofs.push(await timeCall(() => proof(i % VERIFY_EVERY === 0)));
    floor.push(
      await timeCall(() =>
        db.query(`SELECT leaf_hash FROM "${schema}".ledger_leaves WHERE leaf_index = $1`, [random()]),
      ),
    );
    served.push(await timeCall(serverRead));
  }
  agent.destroy();
  serverAgent.destroy();
  server.stop();
  for (const p of sampled) {
    const leafHash = hashLeaf(await leafOf(p.leafIndex));
    if (p.treeSize !== size || !verifyInclusion(p.leafIndex, size, leafHash, p.hashes.map(fromHex), rootHash))
      throw new Error(
        `the inclusion proof of leaf ${p.leafIndex} at ${size} does not verify against the signed root`,
      );
  }
  progress(`${sampled.length} of the ${TIMED} timed proofs verified against the signed root`);
  const target = 'p99 <= 5 ms at 10M leaves';
  return [50, 99].flatMap((p) => [
    result(
      `inclusion proof p${p} (HTTP, ${size} leaves)`,
      percentile(proofs, p),
      'ms',
      percentile(floor, p),
      target,
    ),
    result(
      `inclusion proof p${p} (HTTP, ${size} leaves; floor: fastify + PK read)`,
      percentile(proofs, p),
      'ms',
      percentile(served, p),
      target,
    ),
  ]);
}

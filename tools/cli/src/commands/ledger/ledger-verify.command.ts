import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Checkpoint } from '@provenant/merkle';
import { ExitCode, printJson } from '../../output';
import { checkConsistency, checkFullTree, checkInclusion, openCheckpoint, type Check } from '@provenant/sdk';
import { LedgerClient } from './ledger-client';

interface VerifyOptions {
  url: string;
  key: string;
  token?: string;
  checkpoint?: string;
  proof?: string[];
  eventId?: string[];
  full?: boolean;
  trusted?: string;
  json?: boolean;
}

/** `--key` is the verifier key itself or a file holding it: the only thing the verifier trusts. */
const readKey = (key: string) => (existsSync(key) ? readFileSync(key, 'utf8') : key).trim();

async function run(opts: VerifyOptions): Promise<Check[]> {
  const key = readKey(opts.key);
  const client = new LedgerClient(opts.url.replace(/\/$/, ''), opts.token);
  const offline = opts.checkpoint !== undefined;
  const note = offline ? readFileSync(opts.checkpoint!, 'utf8') : await client.text('/ledger/checkpoint');
  const checks: Check[] = [];
  let cp: Checkpoint;
  try {
    cp = openCheckpoint(note, key);
    checks.push({
      what: `checkpoint of ${cp.origin} at tree size ${cp.treeSize} is signed by the key`,
      ok: true,
    });
  } catch (err) {
    return [{ what: 'checkpoint signature', ok: false, detail: (err as Error).message }];
  }
  for (const file of opts.proof ?? [])
    checks.push(checkInclusion(JSON.parse(readFileSync(file, 'utf8')), cp));
  for (const id of opts.eventId ?? []) {
    const proof = await client.json(
      `/ledger/proofs/inclusion?eventId=${encodeURIComponent(id)}&treeSize=${cp.treeSize}`,
    );
    checks.push({
      ...checkInclusion(proof, cp),
      what: `event ${id} (leaf ${proof.leafIndex}) is in the tree of ${cp.treeSize}`,
    });
  }
  if (opts.trusted && existsSync(opts.trusted)) {
    const older = openCheckpoint(readFileSync(opts.trusted, 'utf8'), key);
    if (older.treeSize > cp.treeSize)
      checks.push({
        what: 'log did not shrink',
        ok: false,
        detail: `trusted ${older.treeSize} > ${cp.treeSize}`,
      });
    else if (older.treeSize === cp.treeSize)
      checks.push({ what: 'same tree as trusted', ok: older.rootHash.equals(cp.rootHash) });
    else {
      const proof =
        older.treeSize === 0
          ? { hashes: [] }
          : await client.json(`/ledger/proofs/consistency?first=${older.treeSize}&second=${cp.treeSize}`);
      checks.push(checkConsistency(older, cp, proof.hashes));
    }
  }
  if (opts.full) checks.push(await checkFullTree(client.leaves(cp.treeSize), cp));
  // Remember the newest verified checkpoint, so the next run proves the log only grew.
  if (opts.trusted && checks.every((c) => c.ok)) writeFileSync(opts.trusted, note);
  return checks;
}

export function registerLedgerVerifyCommand(ledger: Command): void {
  ledger
    .command('verify')
    .description('verify the signed checkpoint and RFC 9162 proofs with nothing but the public key')
    .requiredOption(
      '--key <key|file>',
      'verifier key `name+hexid+base64` (GET /ledger/public-key), or a file holding it',
    )
    .option('--url <url>', 'audit-ledger URL', 'http://127.0.0.1:7106')
    .option(
      '--token <token>',
      'bearer token with the auditor role (entries, proofs)',
      process.env.PROVENANT_TOKEN,
    )
    .option('--checkpoint <file>', 'a signed checkpoint note saved earlier (offline: no server call for it)')
    .option('--proof <file...>', 'inclusion proof JSON files ({leafIndex, treeSize, leaf|leafHash, hashes})')
    .option('--event-id <id...>', 'fetch and check the inclusion proof of these events')
    .option('--full', 'download every leaf and recompute the root')
    .option(
      '--trusted <file>',
      'last verified checkpoint: prove the log only grew since, then update the file',
    )
    .option('--json', 'print JSON')
    .action(async (opts: VerifyOptions) => {
      const checks = await run(opts);
      if (opts.json) printJson({ ok: checks.every((c) => c.ok), checks });
      else
        for (const c of checks)
          process.stdout.write(`${c.ok ? '✓' : '✗'} ${c.what}${c.detail ? ` — ${c.detail}` : ''}\n`);
      process.exitCode = checks.every((c) => c.ok) ? ExitCode.ok : ExitCode.failed;
    });
}

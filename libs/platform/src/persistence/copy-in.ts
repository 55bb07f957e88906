import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A text value as a field of COPY's text format: backslash, tab and line breaks escaped. */
export const copyText = (text: string): string =>
  /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : text;

/** A bytea value as a field of COPY's text format (hex input, its backslash escaped). */
export const copyBytes = (bytes: Buffer): string => `\\\\x${bytes.toString('hex')}`;

// A socket write and a CopyData message per line cost more than the line itself for short
// rows: lines are joined into pieces of about this many characters.
const PIECE = 1 << 18;

function* pieces(lines: Iterable<string>): Generator<string> {
  let piece = '';
  for (const line of lines) {
    piece += line;
    if (piece.length >= PIECE) {
      yield piece;
      piece = '';
    }
  }
  if (piece.length > 0) yield piece;
}

/**
 * `COPY <target> FROM STDIN` (text format) on the transaction's own connection, so the rows
 * commit or vanish with everything else the transaction writes. `lines` (chunks of whole lines,
 * each line ending in `\n`) is pulled as the COPY drains: a lazy iterable overlaps its own work with PostgreSQL's. COPY is
 * the fastest way into PostgreSQL, several times an INSERT from arrays.
 */
export function copyIn(m: EntityManager, target: string, lines: Iterable<string>): Promise<void> {
  return copyFromStdin(m, `COPY ${target} FROM STDIN`, pieces(lines));
}

/**
 * Streams `chunks` into a `COPY … FROM STDIN` statement on the transaction's own connection,
 * pulling the iterable as the COPY drains (text lines for `copyIn`, binary pieces for
 * `copyInBinary`).
 */
export async function copyFromStdin(
  m: EntityManager,
  statement: string,
  chunks: Iterable<string | Buffer>,
): Promise<void> {
  if (!m.queryRunner) throw new Error('COPY needs a transaction (an EntityManager with a query runner)');
  const client = (await m.queryRunner.connect()) as PoolClient;
  await pipeline(Readable.from(chunks), client.query(copyFrom(statement)));
}

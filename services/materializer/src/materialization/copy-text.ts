import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';

// COPY's text format escapes (https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.2):
// COPY TO emits only these, never octal or hex sequences.
const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
const unescape = (field: string) =>
  field.includes('\\') ? field.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c) : field;

/**
 * The rows of a `COPY … TO STDOUT` (text format) stream as arrays of fields, `size` rows at a
 * time. Pulling drives the stream, so memory holds at most one batch plus one network chunk.
 */
export async function* copyTextRows(stream: Readable, size: number): AsyncGenerator<string[][]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let batch: string[][] = [];
  for await (const chunk of stream) {
    const text = rest + decoder.write(chunk as Buffer);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      batch.push(text.slice(start, nl).split('\t').map(unescape));
      start = nl + 1;
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
    rest = text.slice(start);
  }
  if (batch.length) yield batch;
}

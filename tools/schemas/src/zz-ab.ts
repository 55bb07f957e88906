import * as avro from 'avsc';
import { readFileSync } from 'node:fs';
import { EVENT_SCHEMAS } from '@provenant/contracts';
const msg = readFileSync('/work/main/schemas/vectors/RunTagsSet.bin');
const body = msg.subarray(10);
const type = avro.Type.forSchema(EVENT_SCHEMAS.RunTagsSet as avro.Schema);
const StringType = (avro.types as any).StringType;
const pool: number[][] = []; for (let i = 0; i <= 40; i++) pool.push(new Array(i).fill(0));
class FastString extends StringType {
  _read(tap: any) {
    const len = tap.readLong(); const buf = tap.buf; const pos = tap.pos; const end = pos + len;
    if (len < 0) { tap._invalidate(); return ''; }
    tap.pos = end;
    if (end > buf.length) return undefined;
    if (len > 40) return buf.utf8Slice(pos, end);
    const codes = pool[len];
    for (let i = 0; i < len; i++) { const c = buf[pos + i]; if (c > 0x7f) return buf.utf8Slice(pos, end); codes[i] = c; }
    return String.fromCharCode.apply(String, codes);
  }
}
const fast = avro.Type.forSchema(EVENT_SCHEMAS.RunTagsSet as avro.Schema, { typeHook: (s: any) => (s === 'string' || (s && s.type === 'string')) ? new FastString() : undefined });
function run(f: () => unknown, n = 300_000) {
  const s = process.cpuUsage(); for (let i = 0; i < n; i++) f(); const u = process.cpuUsage(s);
  return n / ((u.user + u.system) / 1e6);
}
let a = 0, b = 0;
for (let k = 0; k < 20; k++) { a = Math.max(a, run(() => type.fromBuffer(body))); b = Math.max(b, run(() => fast.fromBuffer(body))); }
console.log('best raw', Math.round(a).toLocaleString(), 'best fast', Math.round(b).toLocaleString(), (b / a).toFixed(2));

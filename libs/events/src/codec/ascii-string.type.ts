import * as avro from 'avsc';

// Decoding strings is most of the decode profile: avsc reads each one with Buffer#utf8Slice, a call
// into C++ that costs more than the copy for the short ASCII strings events are full of (ids, kinds,
// names). This avsc string type builds short ASCII strings in JavaScript instead and leaves
// anything longer or non-ASCII to utf8Slice; on our events it decodes 1.2-1.4x faster. It relies
// on avsc 5.7 internals (StringType#_read and its Tap), which the golden-vector and codec tests
// exercise on every event type.

interface Tap {
  buf: Buffer;
  pos: number;
  readLong(): number;
  _invalidate(): void;
}

const MAX_FAST_LENGTH = 40;
const CODE_BUFFERS: number[][] = Array.from({ length: MAX_FAST_LENGTH + 1 }, (_, length) =>
  new Array<number>(length).fill(0),
);
const BaseStringType = (avro.types as unknown as { StringType: new () => avro.Type }).StringType;

class AsciiFastPathStringType extends BaseStringType {
  _read(tap: Tap): string | undefined {
    const length = tap.readLong();
    if (length < 0) {
      tap._invalidate();
      return '';
    }
    const { buf } = tap;
    const start = tap.pos;
    const end = start + length;
    tap.pos = end;
    if (end > buf.length) return undefined; // truncated: the tap is now invalid, as in avsc
    if (length > MAX_FAST_LENGTH) return buf.toString('utf8', start, end);
    const codes = CODE_BUFFERS[length];
    for (let i = 0; i < length; i++) {
      const code = buf[start + i];
      if (code > 0x7f) return buf.toString('utf8', start, end);
      codes[i] = code;
    }
    return String.fromCharCode(...codes);
  }
}

/** avsc `typeHook` that gives every string type the fast path. */
export function asciiFastPathStrings(schema: avro.Schema): avro.Type | undefined {
  const isString =
    schema === 'string' ||
    (typeof schema === 'object' && schema !== null && (schema as { type?: unknown }).type === 'string');
  return isString ? new AsciiFastPathStringType() : undefined;
}

/**
 * The Thrift compact protocol, as much of it as Parquet's footer and page headers need
 * (https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md).
 * A struct is written field by field in increasing id order; `end()` closes it.
 */
export const CompactType = { I32: 5, I64: 6, BINARY: 8, LIST: 9, STRUCT: 12 } as const;

export class CompactWriter {
  private buf = new Uint8Array(1024);
  length = 0;
  private last: number[] = [0];

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  private byte(b: number): void {
    this.room(1);
    this.buf[this.length++] = b;
  }

  /** Unsigned LEB128 of a non-negative integer below 2^53 (no 32-bit truncation). */
  varint(n: number): void {
    this.room(10);
    while (n >= 0x80) {
      this.buf[this.length++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.length++] = n;
  }

  private zigzag(n: number): void {
    this.varint(n >= 0 ? n * 2 : -n * 2 - 1);
  }

  field(id: number, type: number): this {
    const delta = id - this.last[this.last.length - 1];
    if (delta > 0 && delta <= 15) this.byte((delta << 4) | type);
    else {
      this.byte(type);
      this.zigzag(id);
    }
    this.last[this.last.length - 1] = id;
    return this;
  }

  i32(id: number, v: number): this {
    this.field(id, CompactType.I32).zigzag(v);
    return this;
  }

  i64(id: number, v: number): this {
    this.field(id, CompactType.I64).zigzag(v);
    return this;
  }

  /** A bool field carries its value in the type nibble (1 true, 2 false). */
  bool(id: number, v: boolean): this {
    return this.field(id, v ? 1 : 2);
  }

  string(id: number, v: string): this {
    return this.binary(id, Buffer.from(v, 'utf8'));
  }

  binary(id: number, bytes: Uint8Array): this {
    this.field(id, CompactType.BINARY).varint(bytes.length);
    this.room(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }

  /** Opens a nested struct (a field), or a list element when id is undefined. */
  struct(id?: number): this {
    if (id !== undefined) this.field(id, CompactType.STRUCT);
    this.last.push(0);
    return this;
  }

  end(): this {
    this.byte(0);
    this.last.pop();
    return this;
  }

  list(id: number, elementType: number, size: number): this {
    this.field(id, CompactType.LIST);
    if (size < 15) this.byte((size << 4) | elementType);
    else {
      this.byte(0xf0 | elementType);
      this.varint(size);
    }
    return this;
  }

  /** A list element of type I32. */
  item32(v: number): this {
    this.zigzag(v);
    return this;
  }

  /** A list element of type BINARY. */
  itemString(v: string): this {
    const bytes = Buffer.from(v, 'utf8');
    this.varint(bytes.length);
    this.room(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

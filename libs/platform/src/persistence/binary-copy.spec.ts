import { BinaryCopyWriter } from './binary-copy';

const bytes = (w: BinaryCopyWriter) => Buffer.concat(w.take(true));

describe('BinaryCopyWriter', () => {
  it('writes the signature, a row per field list and the trailer', () => {
    const w = new BinaryCopyWriter();
    w.row(2).smallint(7).int(-2);
    expect(bytes(w).toString('hex')).toBe(
      [
        Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1').toString('hex'),
        '00000000', // flags
        '00000000', // header extension length
        '0002', // two fields
        '00000002' + '0007',
        '00000004' + 'fffffffe',
        'ffff', // trailer
      ].join(''),
    );
  });

  it('writes bigints above 2^32 and below zero as 64-bit two’s complement', () => {
    const w = new BinaryCopyWriter();
    w.row(2)
      .bigint(2 ** 40 + 5)
      .bigint(-3);
    const b = bytes(w).subarray(19, -2);
    expect(b.readInt32BE(2)).toBe(8);
    expect(b.readBigInt64BE(6)).toBe(BigInt(2 ** 40 + 5));
    expect(b.readBigInt64BE(18)).toBe(-3n);
    expect(() => new BinaryCopyWriter().bigint(2 ** 53)).toThrow(/not a safe integer/);
  });

  it('writes text as UTF-8, bytea raw and a uuid as its 16 bytes', () => {
    const w = new BinaryCopyWriter();
    w.row(3)
      .text('é\t')
      .bytea(Buffer.from([1, 2]))
      .uuid('0F0E0D0C-0b0a-0908-0706-050403020100');
    const b = bytes(w).subarray(19 + 2, -2);
    expect(b.toString('hex')).toBe(
      '00000003' + 'c3a909' + '00000002' + '0102' + '00000010' + '0f0e0d0c0b0a09080706050403020100',
    );
    for (const bad of [
      'not-a-uuid',
      '0f0e0d0c-0b0a-0908-0706-05040302010',
      '0f0e0d0c-0b0a-0908-0706-0504030201000',
    ])
      expect(() => new BinaryCopyWriter().uuid(bad)).toThrow(/not a UUID/);
    // A refused value writes nothing.
    const w2 = new BinaryCopyWriter();
    expect(() => w2.uuid('0f0e0d0c-0b0a-0908-0706-05040302010g')).toThrow(/not a UUID/);
    expect(Buffer.concat(w2.take(true))).toHaveLength(19 + 2);
  });

  it('hands over filled pieces as it goes, and values larger than a piece whole', () => {
    const w = new BinaryCopyWriter();
    const big = Buffer.alloc(300_000, 7);
    w.row(1).bytea(big);
    w.row(1).bytea(big);
    const early = w.take();
    expect(early.length).toBeGreaterThan(0);
    const all = Buffer.concat([...early, ...w.take(true)]);
    expect(all.length).toBe(19 + 2 * (2 + 4 + 300_000) + 2);
  });
});

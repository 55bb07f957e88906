import { Readable } from 'node:stream';
import { copyTextRows } from './copy-text';

const collect = async (chunks: (string | Buffer)[], size: number) => {
  const out: string[][][] = [];
  for await (const b of copyTextRows(Readable.from(chunks.map((c) => Buffer.from(c))), size)) out.push(b);
  return out;
};

describe(copyTextRows.name, () => {
  it('splits rows across network chunks and batches them', async () => {
    expect(await collect(['a\t1\nb\t', '2\nc\t3\n'], 2)).toEqual([
      [
        ['a', '1'],
        ['b', '2'],
      ],
      [['c', '3']],
    ]);
  });

  it('undoes COPY escapes: backslash, tab and newline inside a JSON value', async () => {
    const json = JSON.stringify({ s: 'x\\y\tz\n' }); // {"s":"x\\y\tz\n"} as JSON text
    const copied = json.replace(/\\/g, '\\\\'); // COPY doubles every backslash
    expect((await collect([`k\t${copied}\n`], 10))[0][0]).toEqual(['k', json]);
    expect((await collect(['a\\tb\\nc\n'], 10))[0][0]).toEqual(['a\tb\nc']);
  });

  it('keeps a multi-byte character split between two chunks', async () => {
    const bytes = Buffer.from('é\n');
    expect(await collect([bytes.subarray(0, 1), bytes.subarray(1)], 10)).toEqual([[['é']]]);
  });
});

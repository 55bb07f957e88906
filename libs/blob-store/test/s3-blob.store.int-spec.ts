import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer, text } from 'node:stream/consumers';
import {
  BlobIntegrityError,
  BlobNotFoundError,
  blobStoreFromUri,
  s3ClientFrom,
  S3BlobStore,
} from '../src';
import { startMotoServer, type MotoServer } from '@provenant/testing';

const sha = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** S3BlobStore against a real S3-compatible server: moto's server mode, from PyPI. */
describe(S3BlobStore.name, () => {
  let moto: MotoServer;
  let sut: S3BlobStore;
  const sent: string[] = [];
  const client = () => s3ClientFrom(moto.env);
  const keys = async () =>
    ((await client().send(new ListObjectsV2Command({ Bucket: 'blobs' }))).Contents ?? []).map((o) => o.Key);

  beforeAll(async () => {
    moto = await startMotoServer();
    await client().send(new CreateBucketCommand({ Bucket: 'blobs' }));
    sut = blobStoreFromUri('s3://blobs/team-a', moto.env) as S3BlobStore;
    // Records each S3 operation the store performs, to prove what it did not upload.
    (sut as unknown as { client: ReturnType<typeof s3ClientFrom> }).client.middlewareStack.add(
      (next, context) => (args) => {
        sent.push(context.commandName!);
        return next(args);
      },
      { step: 'initialize' },
    );
  }, 10 * 60_000);

  afterAll(() => moto?.stop());
  beforeEach(() => (sent.length = 0));

  it('stores content under <prefix>/sha256/<ab>/<hex> and streams it back', async () => {
    const blob = await sut.put(Readable.from([Buffer.from('hello '), Buffer.from('world')]));
    const hex = sha('hello world').slice(7);
    expect(blob).toEqual({ digest: `sha256:${hex}`, sizeBytes: 11 });
    expect(await keys()).toContain(`team-a/sha256/${hex.slice(0, 2)}/${hex}`);
    expect(await text(await sut.open(blob.digest))).toBe('hello world');
    expect(await sut.has(blob.digest)).toBe(true);
  });

  it('uploads identical content once: the second put only asks whether it is there', async () => {
    const first = await sut.put(Readable.from([Buffer.from('same bytes')]));
    expect(sent).toEqual(['HeadObjectCommand', 'PutObjectCommand']);
    sent.length = 0;
    const again = await sut.put(Readable.from([Buffer.from('same bytes')]));
    expect(again).toEqual(first);
    expect(sent).toEqual(['HeadObjectCommand']);
  });

  it('uploads a large blob in parts and reads it back byte for byte', async () => {
    const big = randomBytes(40 * 1024 * 1024);
    const blob = await sut.put(Readable.from([big.subarray(0, 1 << 20), big.subarray(1 << 20)]));
    expect(blob).toEqual({ digest: sha(big), sizeBytes: big.length });
    expect(sent).toContain('CompleteMultipartUploadCommand');
    expect((await buffer(await sut.open(blob.digest))).equals(big)).toBe(true);
  });

  it('fails the read with a clear error when the stored object was altered', async () => {
    const { digest } = await sut.put(Readable.from([Buffer.from('original')]));
    await client().send(new PutObjectCommand({ Bucket: 'blobs', Key: sut.keyOf(digest), Body: 'tampered' }));
    const read = text(await sut.open(digest));
    await expect(read).rejects.toBeInstanceOf(BlobIntegrityError);
    await expect(read).rejects.toThrow(`blob ${digest} is corrupt: its content hashes to ${sha('tampered')}`);
  });

  it('stores nothing when the content is not what the caller expected', async () => {
    const put = sut.put(Readable.from([Buffer.from('changed')]), { expected: sha('registered') });
    await expect(put).rejects.toBeInstanceOf(BlobIntegrityError);
    expect(sent).toEqual([]);
    expect(await sut.has(sha('changed'))).toBe(false);
  });

  it('answers a missing blob with BlobNotFoundError naming the store', async () => {
    await expect(sut.open(sha('never stored'))).rejects.toThrow(BlobNotFoundError);
    await expect(sut.open(sha('never stored'))).rejects.toThrow(/is not in s3:\/\/blobs\/team-a/);
  });
});

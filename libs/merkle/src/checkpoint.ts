/**
 * C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the body a log signs as a note.
 * `<origin>\n<tree size>\n<base64 root hash>\n[extension lines]`.
 */
export interface Checkpoint {
  origin: string;
  treeSize: number;
  rootHash: Buffer;
  extensions: string[];
}

export function formatCheckpoint(c: Checkpoint): string {
  if (c.origin === '' || c.origin.includes('\n'))
    throw new Error('checkpoint origin must be one non-empty line');
  return [c.origin, String(c.treeSize), c.rootHash.toString('base64'), ...c.extensions].join('\n') + '\n';
}

export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '')
    throw new Error('checkpoint needs origin, size and root lines');
  const [origin, size, root, ...rest] = lines.slice(0, -1);
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size)))
    throw new Error(`bad tree size ${size}`);
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== root) throw new Error('bad root hash');
  return { origin, treeSize: Number(size), rootHash, extensions: rest };
}

import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * C2SP signed-note (https://c2sp.org/signed-note), Ed25519 only, compatible with Go's
 * golang.org/x/mod/sumdb/note: the same key ids, verifier key strings and signature lines.
 */
const ALG_ED25519 = 0x01;
const SIGNATURE_PREFIX = '\u2014 '; // "— ", em dash and a space
// DER prefixes that wrap a raw 32-byte Ed25519 seed (PKCS#8) or public key (SPKI), RFC 8410.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  /** `<name>+<8 hex key id>+<base64(0x01 || public key)>`, Go's verifier key format. */
  readonly verifierKey: string;
  sign(text: string): string;
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(text: string, signature: Buffer): boolean;
}

export function keyIdOf(name: string, publicKey: Buffer): number {
  const digest = createHash('sha256')
    .update(`${name}\n`)
    .update(Buffer.concat([Buffer.from([ALG_ED25519]), publicKey]))
    .digest();
  return digest.readUInt32BE(0);
}

export const keyIdHex = (id: number) => id.toString(16).padStart(8, '0');

function assertKeyName(name: string): void {
  if (name === '' || /[\s+]/.test(name)) throw new Error(`invalid note key name ${JSON.stringify(name)}`);
}

/** A signer from a 32-byte Ed25519 seed (the private key as RFC 8032 defines it). */
export function noteSignerFromSeed(name: string, seed: Buffer): NoteSigner {
  assertKeyName(name);
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey)
    .export({ format: 'der', type: 'spki' })
    .subarray(SPKI_PREFIX.length);
  const keyId = keyIdOf(name, publicKey);
  const header = Buffer.alloc(4);
  header.writeUInt32BE(keyId);
  return {
    name,
    keyId,
    verifierKey: `${name}+${keyIdHex(keyId)}+${Buffer.concat([Buffer.from([ALG_ED25519]), publicKey]).toString('base64')}`,
    sign(text: string): string {
      assertNoteText(text);
      const sig = sign(null, Buffer.from(text, 'utf8'), privateKey);
      return `${text}\n${SIGNATURE_PREFIX}${name} ${Buffer.concat([header, sig]).toString('base64')}\n`;
    },
  };
}

/** Parses `<name>+<hex id>+<base64 key>`; rejects a key whose id does not match its content. */
export function noteVerifierFromKey(verifierKey: string): NoteVerifier {
  // Split on the first two '+' only: base64 may contain '+' itself.
  const m = /^([^+]+)\+([^+]+)\+(.+)$/.exec(verifierKey.trim());
  if (!m) throw new Error('verifier key must be <name>+<hex key id>+<base64 key>');
  const [, name, idHex, keyB64] = m;
  assertKeyName(name);
  const key = Buffer.from(keyB64, 'base64');
  if (key.length !== 33 || key[0] !== ALG_ED25519) throw new Error('verifier key is not an Ed25519 key');
  const keyId = keyIdOf(name, key.subarray(1));
  if (!/^[0-9a-f]{8}$/.test(idHex) || parseInt(idHex, 16) !== keyId)
    throw new Error('verifier key id does not match the key');
  const publicKey: KeyObject = createPublicKey({
    key: Buffer.concat([SPKI_PREFIX, key.subarray(1)]),
    format: 'der',
    type: 'spki',
  });
  return {
    name,
    keyId,
    verify: (text, signature) => verify(null, Buffer.from(text, 'utf8'), publicKey, signature),
  };
}

export interface OpenedNote {
  text: string;
  signatures: { name: string; keyId: number; signature: Buffer }[];
}

/** Splits a signed note into its text and signature lines (signed-note §"Format"). */
export function parseNote(note: string): OpenedNote {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new Error('not a signed note: no blank line before the signatures');
  const text = note.slice(0, split + 1);
  assertNoteText(text);
  const lines = note.slice(split + 2);
  if (!lines.endsWith('\n')) throw new Error('signed note must end with a newline');
  const signatures = lines
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const m = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
      if (!m) throw new Error(`malformed signature line ${JSON.stringify(line)}`);
      const raw = Buffer.from(m[2], 'base64');
      if (raw.length < 5) throw new Error('signature too short');
      return { name: m[1], keyId: raw.readUInt32BE(0), signature: raw.subarray(4) };
    });
  return { text, signatures };
}

/** The note's text when `verifier` signed it; throws otherwise. */
export function openNote(note: string, verifier: NoteVerifier): string {
  const opened = parseNote(note);
  const mine = opened.signatures.filter((s) => s.name === verifier.name && s.keyId === verifier.keyId);
  if (mine.length === 0)
    throw new Error(`note has no signature by ${verifier.name}+${keyIdHex(verifier.keyId)}`);
  if (!mine.every((s) => verifier.verify(opened.text, s.signature)))
    throw new Error('note signature does not verify');
  return opened.text;
}

function assertNoteText(text: string): void {
  if (!text.endsWith('\n')) throw new Error('note text must end with a newline');
  if (text.includes('\n\n') || text.startsWith('\n'))
    throw new Error('note text must not contain blank lines');
}

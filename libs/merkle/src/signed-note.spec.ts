import { formatCheckpoint, parseCheckpoint } from './checkpoint';
import { noteSignerFromSeed, noteVerifierFromKey, openNote, parseNote } from './signed-note';

describe('signed notes (C2SP signed-note, Go sumdb/note compatible)', () => {
  // Test vector from golang.org/x/mod/sumdb/note (note_test.go, "PeterNeumann").
  const goVerifierKey = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
  const goSeed = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1);
  const text =
    "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
  const goSigned = `${text}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

  it('derives the same verifier key and signature as Go', () => {
    const signer = noteSignerFromSeed('PeterNeumann', goSeed);
    expect(signer.verifierKey).toBe(goVerifierKey);
    expect(signer.sign(text)).toBe(goSigned);
  });

  it('opens a note signed by the key and rejects a changed text or a foreign key', () => {
    const verifier = noteVerifierFromKey(goVerifierKey);
    expect(openNote(goSigned, verifier)).toBe(text);
    expect(() => openNote(goSigned.replace('answer', 'Answer'), verifier)).toThrow(/does not verify/);
    const other = noteSignerFromSeed('PeterNeumann', Buffer.alloc(32, 7));
    expect(() => openNote(goSigned, noteVerifierFromKey(other.verifierKey))).toThrow(/no signature/);
  });

  it('rejects a verifier key whose id does not match its key', () => {
    expect(() => noteVerifierFromKey(goVerifierKey.replace('c74f20a3', 'c74f20a4'))).toThrow(
      /id does not match/,
    );
  });

  it('parses verifier keys whose base64 contains "+"', () => {
    let seed = 0;
    let signer = noteSignerFromSeed('log', Buffer.alloc(32, seed));
    while (!signer.verifierKey.split('+')[2] || signer.verifierKey.split('+').length === 3)
      signer = noteSignerFromSeed('log', Buffer.alloc(32, ++seed));
    expect(openNote(signer.sign('x\n'), noteVerifierFromKey(signer.verifierKey))).toBe('x\n');
  });

  it('round-trips a checkpoint body through a signed note', () => {
    const signer = noteSignerFromSeed('example.com/log', Buffer.alloc(32, 1));
    const body = formatCheckpoint({
      origin: 'example.com/log',
      treeSize: 42,
      rootHash: Buffer.alloc(32, 9),
      extensions: [],
    });
    const note = signer.sign(body);
    expect(parseNote(note).signatures).toHaveLength(1);
    const opened = parseCheckpoint(openNote(note, noteVerifierFromKey(signer.verifierKey)));
    expect(opened).toMatchObject({ origin: 'example.com/log', treeSize: 42, rootHash: Buffer.alloc(32, 9) });
  });
});

import { createHash } from 'node:crypto';

// RFC 9162 §2.1.1: domain-separated SHA-256, so an interior node can never pass for a leaf.
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH of a single leaf: SHA-256(0x00 || leaf). */
export function hashLeaf(leaf: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();
}

/** Interior node: SHA-256(0x01 || left || right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** MTH of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

export const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
export const fromHex = (hex: string) => Buffer.from(hex, 'hex');

/**
 * Content and chain hashes (SHA-256 hex). The chain links each version to the one before it, so
 * removing, reordering or rewriting a version in the history shows.
 */
import { utf8Encode } from './text';
import type { VersionServices } from './types';

/** The previousChainHash of the first version. */
export const GENESIS_CHAIN_HASH = '0'.repeat(64);

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += (bytes[i]! < 16 ? '0' : '') + bytes[i]!.toString(16);
  return hex;
}

export function sha256Hex(sha256: VersionServices['sha256'], bytes: Uint8Array): string {
  const digest = sha256(bytes);
  // Catches an adapter that hands back another digest or signed bytes it forgot to convert.
  if (digest.length !== 32) throw new Error(`SHA-256 service returned ${digest.length} bytes, expected 32`);
  return toHex(digest);
}

/** chainHash = SHA-256 hex of the UTF-8 of (previousChainHash + contentHash), both lowercase hex. */
export function chainHashOf(sha256: VersionServices['sha256'], previousChainHash: string, contentHash: string): string {
  return sha256Hex(sha256, utf8Encode(previousChainHash + contentHash));
}

/**
 * Verifying the version history: each version's stored content against its content hash, and each
 * link of the chain (previousChainHash is the chainHash before it; chainHash is the hash of the two).
 * Editing a stored snapshot shows as a content mismatch; editing, removing or reordering index
 * entries shows as a broken link.
 */
import { unpackContent, type ReadProblem } from './codec';
import { chainHashOf, GENESIS_CHAIN_HASH } from './hash';
import { sortVersions } from './index-entry';
import type { VersionIndexEntry, VersionServices } from './types';

export type ChainIssue = {
  label: string;
  seq: number;
  /** content: stored snapshot vs its hash; link / chain-hash: the index entries themselves. */
  problem: ReadProblem | 'link' | 'chain-hash';
  message: string;
};

export type VersionCheck = { label: string; seq: number; contentOk: boolean; linkOk: boolean };

export type ChainReport = {
  ok: boolean;
  versions: VersionCheck[];
  /** Labels whose stored content does not match (changed, missing, incomplete, unreadable). */
  contentMismatches: string[];
  /** The first version (oldest first) at which the chain does not hold; null when it holds. */
  firstBreak: string | null;
  issues: ChainIssue[];
};

/**
 * `loadChunks` returns the stored chunk rows for a version; returning the whole hidden sheet (read
 * once) for every version is fine, rows of other versions are skipped. `verified` names the
 * versions whose stored content this same execution has already unpacked and checked against
 * exactly this index entry (or just wrote): their content is not unpacked a second time — the
 * link and chain-hash checks still run for them.
 */
export function verifyChain(
  versions: readonly VersionIndexEntry[],
  loadChunks: (entry: VersionIndexEntry) => ReadonlyArray<ReadonlyArray<unknown>>,
  services: VersionServices,
  verified: ReadonlySet<VersionIndexEntry> = new Set(),
): ChainReport {
  const ordered = sortVersions(versions);
  const issues: ChainIssue[] = [];
  const checks: VersionCheck[] = [];
  let firstBreak: string | null = null;
  ordered.forEach((entry, i) => {
    const { label, seq } = entry;
    let linkOk = true;
    const before = i === 0 ? null : ordered[i - 1]!;
    // Judged against the version before only, so one gap is reported once, not at every later version.
    if (entry.previousChainHash !== (before?.chainHash ?? GENESIS_CHAIN_HASH) || seq !== (before?.seq ?? 0) + 1) {
      linkOk = false;
      const after = before ? before.label : 'the start of the history';
      issues.push({ label, seq, problem: 'link', message: `Version ${label} does not follow ${after} in the history: a version was removed, reordered or altered.` });
    }
    if (chainHashOf(services.sha256, entry.previousChainHash, entry.contentHash) !== entry.chainHash) {
      linkOk = false;
      issues.push({ label, seq, problem: 'chain-hash', message: `Version ${label}'s index entry was changed outside Mapspec (chain hash mismatch).` });
    }
    if (!linkOk && firstBreak === null) firstBreak = label;
    const content = verified.has(entry) ? null : unpackContent(entry, loadChunks(entry), services);
    if (content && !content.ok) issues.push({ label, seq, problem: content.problem, message: content.message });
    checks.push({ label, seq, contentOk: !content || content.ok, linkOk });
  });
  return {
    ok: issues.length === 0,
    versions: checks,
    contentMismatches: checks.filter((c) => !c.contentOk).map((c) => c.label),
    firstBreak,
    issues,
  };
}

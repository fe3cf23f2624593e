/** The versions core: snapshots, hashes and chain, storage codec, diff, labels, changelog. */
export * from './types';
export { canonicalText } from './text';
export { SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_VERSION, normalizeSnapshot, canonicalSnapshotJson, hashSnapshot, parseSnapshotJson, type HashedSnapshot } from './canonical';
export { GENESIS_CHAIN_HASH, chainHashOf } from './hash';
export { tabFromGrid, valueMapKey, VALUE_MAP_KEY_SEPARATOR, type GridCell, type GridTabInput } from './grid';
export { LABEL_MAX_CHARS, proposeNextLabel, validateLabel, sameLabel, type LabelCheck } from './labels';
export * from './diff';
export * from './changes-since';
export { INDEX_ENTRY_MAX_BYTES, INDEX_NOTE_MAX_CHARS, serializeIndexEntry, parseIndexEntry, sortVersions, latestVersion } from './index-entry';
export * from './codec';
export * from './chain';
export * from './changelog';

/**
 * The mapping-spec core, in one import: adopt a tab (detectLayout → layoutFromDetection), edit and
 * save its layout, check tabs (checkSpreadsheet / checkTab), manage row IDs (planRowIds). Pure: no
 * Apps Script, Node or DOM; adapters hand in plain grids (see grid.ts) and store the JSON results.
 */
export { columnLetter, columnNumber, a1, a1Range } from './a1';
export type { TabGrid, Merge } from './grid';
export { RULES, RULE_NAMES, isRuleName, type Finding, type RuleName, type Severity } from './findings';
export { DEFAULT_SETTINGS, resolveSettings, type MappingSettings } from './settings';
export { ROLES, REQUIRED_ROLES, roleLabel, isRole, type Role, type LayoutKind, type Side } from './roles';
export { CANONICAL_TYPES, TYPE_SYNONYMS, buildVocabulary, parseType, type CanonicalType } from './types';
export { COMPATIBLE_TYPES, buildCompatibility } from './type-compat';
export { detectLayout, type Detection, type DetectedColumn, type RoleGuess, type ConfidenceLevel } from './header-detect';
export {
  layoutFromDetection, withRole, withKeyColumn, withKind, confirmed, parseLayout, roleColumn, layoutBytes, MAX_LAYOUT_BYTES,
  type Layout, type LayoutColumn,
} from './layout';
export { checkSpreadsheet, checkTab, type CheckReport, type TabInput } from './checks';
export { suggestStatus, suggestType, MAX_OWN_WORDS, type OwnWord, type OwnWordKind } from './own-words';
export { valueMapIndexFromNames, type ValueMapIndex } from './value-maps';
export { proposeRowIds, readRowKeys, planRowIds, idColumnBlock, type IdSlot, type IdProposal } from './row-keys';
export { compareKey, blankKind, whitespaceProblem, truncate, isDateValue } from './text';
export { MAPPING_TEMPLATE_BANDS, MAPPING_TEMPLATE_COLUMNS, VALUE_MAP_TEMPLATE_COLUMNS, type TemplateColumn, type TemplateBand } from './template';

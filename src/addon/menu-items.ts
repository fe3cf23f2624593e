/**
 * The menu's entries, in order: caption and the registry's menu function each runs (typed against
 * the registry, so a name that is not a menu entry does not compile; the build also checks the
 * menu onOpen really builds against Code.js).
 */
import type { menu } from './registry';

export type MenuItem = { caption: string; functionName: keyof typeof menu } | 'separator';

export const MENU_ITEMS: readonly MenuItem[] = [
  { caption: 'Open sidebar', functionName: 'showSidebar' },
  'separator',
  { caption: 'Insert mapping template', functionName: 'insertTemplateFromMenu' },
  { caption: 'Use this tab as a mapping spec', functionName: 'useTabAsMappingSpec' },
  { caption: 'Use this tab as a value map', functionName: 'useTabAsValueMap' },
  'separator',
  { caption: 'Run checks', functionName: 'runChecksFromMenu' },
  { caption: 'Clear Mapspec colours', functionName: 'clearColoursFromMenu' },
  'separator',
  { caption: 'Insert implementation checklist', functionName: 'insertChecklistFromMenu' },
  'separator',
  { caption: 'Versions: tag, compare, changelog', functionName: 'openVersions' },
  { caption: 'Settings', functionName: 'openSettings' },
];

/**
 * The menu's entries: caption and the top-level function each runs. Every functionName must be a
 * menu entry of the registry; the build checks the menu onOpen really builds against Code.js.
 */
export type MenuItem = { caption: string; functionName: string } | 'separator';

export const MENU_ITEMS: readonly MenuItem[] = [
  { caption: 'Open sidebar', functionName: 'showSidebar' },
  'separator',
  { caption: 'Insert mapping template', functionName: 'insertTemplateFromMenu' },
  { caption: 'Use this tab as a mapping spec', functionName: 'useTabAsMappingSpec' },
  { caption: 'Use this tab as a value map', functionName: 'useTabAsValueMap' },
  'separator',
  { caption: 'Run checks', functionName: 'runChecksFromMenu' },
  { caption: 'Clear Mapspec colours', functionName: 'clearColoursFromMenu' },
];

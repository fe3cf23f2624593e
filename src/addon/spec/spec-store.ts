/**
 * Where Mapspec keeps what it knows about a spreadsheet: the layout of each registered tab (by
 * sheet id, so renames and moved columns do not break it), the settings, and a one-shot request
 * for the sidebar to open on a given panel. All in properties, read in one call.
 */
import { parseLayout, type Layout } from '../../core/mapping/layout';
import { resolveSettings, type MappingSettings } from '../../core/mapping/settings';
import { DEFAULT_COLOURS, type ColourSettings } from '../../core/mapping/colours';
import type { RegisteredKind, SidebarState } from '../../core/api';
import { deleteDocumentProperty, jsonValue, parseJson, readAllDocumentProperties, writeDocumentProperties } from '../adapters/properties';

const LAYOUT_PREFIX = 'mapspec.layout.';
/** The tab's name when it was last seen, to name it in a message if it is deleted. */
const NAME_PREFIX = 'mapspec.tabname.';
const SETTINGS_KEY = 'mapspec.settings';
const OPEN_KEY = 'mapspec.open';
const README_KEY = 'mapspec.readme';

export type StoredSettings = { mapping?: Partial<MappingSettings>; colours?: Partial<ColourSettings> };

export type Spec = {
  layouts: Map<number, Layout>;
  /** Names of registered tabs as last seen, by sheet id. */
  names: Map<number, string>;
  mapping: MappingSettings;
  colours: ColourSettings;
};

export type SpecWithStore = Spec & { stored: StoredSettings; readmeSheetId: number | null };

export function loadSpec(props: Record<string, string> = readAllDocumentProperties()): SpecWithStore {
  const layouts = new Map<number, Layout>();
  const names = new Map<number, string>();
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith(NAME_PREFIX)) names.set(Number(key.slice(NAME_PREFIX.length)), value);
    if (!key.startsWith(LAYOUT_PREFIX)) continue;
    const layout = parseLayout(parseJson(value));
    const id = Number(key.slice(LAYOUT_PREFIX.length));
    if (layout && Number.isInteger(id) && layout.kind !== 'none') layouts.set(id, layout);
  }
  const stored = parseJson<StoredSettings>(props[SETTINGS_KEY]) ?? {};
  const readme = Number(props[README_KEY]);
  return {
    layouts,
    names,
    mapping: resolveSettings(stored.mapping),
    colours: { ...DEFAULT_COLOURS, ...stored.colours },
    stored,
    readmeSheetId: props[README_KEY] !== undefined && Number.isInteger(readme) ? readme : null,
  };
}

/** Saves the settings (and, with the template, which tab is its README) in one call. */
export function saveSettingsAndReadme(stored: StoredSettings | null, readmeSheetId: number | null): void {
  const values: Record<string, string> = {};
  if (stored) values[SETTINGS_KEY] = jsonValue(stored, 'the settings');
  if (readmeSheetId !== null) values[README_KEY] = String(readmeSheetId);
  if (Object.keys(values).length) writeDocumentProperties(values);
}

export function registeredKinds(spec: Spec): Map<number, RegisteredKind> {
  const kinds = new Map<number, RegisteredKind>();
  for (const [id, layout] of spec.layouts) if (layout.kind !== 'none') kinds.set(id, layout.kind);
  return kinds;
}

export function saveLayouts(layouts: ReadonlyMap<number, Layout>, names: ReadonlyMap<number, string> = new Map()): void {
  const values: Record<string, string> = {};
  for (const [id, layout] of layouts) values[LAYOUT_PREFIX + id] = jsonValue(layout, 'the layout of this tab');
  for (const [id, name] of names) values[NAME_PREFIX + id] = name.slice(0, 200);
  if (Object.keys(values).length) writeDocumentProperties(values);
}

export function removeLayout(sheetId: number): void {
  deleteDocumentProperty(LAYOUT_PREFIX + sheetId);
  deleteDocumentProperty(NAME_PREFIX + sheetId);
}

export type OpenRequest = NonNullable<SidebarState['open']>;

/** Asks the sidebar (of this user) to open on a panel the next time it loads. */
export function requestPanel(request: OpenRequest): void {
  PropertiesService.getUserProperties().setProperty(OPEN_KEY, JSON.stringify(request));
}

/** The pending panel request, consumed. */
export function takePanelRequest(): OpenRequest | null {
  const store = PropertiesService.getUserProperties();
  const request = parseJson<OpenRequest>(store.getProperty(OPEN_KEY));
  if (request) store.deleteProperty(OPEN_KEY);
  return request;
}

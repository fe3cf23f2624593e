/**
 * Colour conversion between xlsx colour references (ARGB, theme index + tint, legacy indexed
 * palette) and the emulator's lower-case #rrggbb strings.
 */

/** Excel's legacy 64-colour indexed palette (indexes 0-63); 64 and 65 are "system" colours. */
const INDEXED = [
  '000000', 'ffffff', 'ff0000', '00ff00', '0000ff', 'ffff00', 'ff00ff', '00ffff',
  '000000', 'ffffff', 'ff0000', '00ff00', '0000ff', 'ffff00', 'ff00ff', '00ffff',
  '800000', '008000', '000080', '808000', '800080', '008080', 'c0c0c0', '808080',
  '9999ff', '993366', 'ffffcc', 'ccffff', '660066', 'ff8080', '0066cc', 'ccccff',
  '000080', 'ff00ff', 'ffff00', '00ffff', '800080', '800000', '008080', '0000ff',
  '00ccff', 'ccffff', 'ccffcc', 'ffff99', '99ccff', 'ff99cc', 'cc99ff', 'ffcc99',
  '3366ff', '33cccc', '99cc00', 'ffcc00', 'ff9900', 'ff6600', '666699', '969696',
  '003366', '339966', '003300', '333300', '993300', '993366', '333399', '333333',
];

/** The default Office theme, in Excel's theme-index order (lt1, dk1, lt2, dk2, accent1..6, hlink, folHlink). */
const OFFICE_THEME = [
  'ffffff', '000000', 'eeece1', '1f497d', '4f81bd', 'c0504d', '9bbb59', '8064a2', '4bacc6', 'f79646', '0000ff', '800080',
];

/**
 * Reads the colour scheme from a workbook's theme XML. Theme indexes swap the first two pairs
 * (the XML lists dk1, lt1, dk2, lt2; index 0 is lt1), which is Excel's documented quirk.
 */
export function themePalette(themeXml: string | undefined): string[] {
  if (!themeXml) return OFFICE_THEME;
  const scheme = /<a:clrScheme[^>]*>([\s\S]*?)<\/a:clrScheme>/.exec(themeXml)?.[1];
  if (!scheme) return OFFICE_THEME;
  const names = ['dk1', 'lt1', 'dk2', 'lt2', 'accent1', 'accent2', 'accent3', 'accent4', 'accent5', 'accent6', 'hlink', 'folHlink'];
  const byName: Record<string, string> = {};
  for (const name of names) {
    const body = new RegExp(`<a:${name}>([\\s\\S]*?)</a:${name}>`).exec(scheme)?.[1] ?? '';
    const hex = /(?:lastClr|val)="([0-9A-Fa-f]{6})"/.exec(body)?.[1];
    if (hex) byName[name] = hex.toLowerCase();
  }
  const ordered = ['lt1', 'dk1', 'lt2', 'dk2', 'accent1', 'accent2', 'accent3', 'accent4', 'accent5', 'accent6', 'hlink', 'folHlink'];
  return ordered.map((n, i) => byName[n] ?? OFFICE_THEME[i]);
}

/** An exceljs colour reference. */
export interface XlsxColor {
  argb?: string;
  theme?: number;
  tint?: number;
  indexed?: number;
}

/** #rrggbb for an xlsx colour, or undefined when it is automatic / a system colour. */
export function toHex(color: Partial<XlsxColor> | undefined, palette: string[]): string | undefined {
  if (!color) return undefined;
  let hex: string | undefined;
  if (typeof color.argb === 'string' && /^[0-9A-Fa-f]{6,8}$/.test(color.argb)) {
    hex = color.argb.slice(-6).toLowerCase();
  } else if (typeof color.theme === 'number') {
    hex = palette[color.theme];
  } else if (typeof color.indexed === 'number') {
    hex = INDEXED[color.indexed];
  }
  if (!hex) return undefined;
  if (typeof color.tint === 'number' && color.tint !== 0) hex = applyTint(hex, color.tint);
  return '#' + hex;
}

/** ARGB for exceljs from #rrggbb. */
export function toArgb(hex: string): string {
  return 'FF' + hex.replace('#', '').toUpperCase();
}

/** Excel's tint: moves HSL lightness toward black (negative) or white (positive). */
function applyTint(hex: string, tint: number): string {
  const r = parseInt(hex.slice(0, 2), 16) / 255;
  const g = parseInt(hex.slice(2, 4), 16) / 255;
  const b = parseInt(hex.slice(4, 6), 16) / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  let h = 0;
  let s = 0;
  let l = (max + min) / 2;
  if (max !== min) {
    const d = max - min;
    s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
    h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    h /= 6;
  }
  l = tint < 0 ? l * (1 + tint) : l * (1 - tint) + tint;
  const hue = (p: number, q: number, t: number): number => {
    if (t < 0) t += 1;
    if (t > 1) t -= 1;
    if (t < 1 / 6) return p + (q - p) * 6 * t;
    if (t < 1 / 2) return q;
    if (t < 2 / 3) return p + (q - p) * (2 / 3 - t) * 6;
    return p;
  };
  let rgb: number[];
  if (s === 0) rgb = [l, l, l];
  else {
    const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
    const p = 2 * l - q;
    rgb = [hue(p, q, h + 1 / 3), hue(p, q, h), hue(p, q, h - 1 / 3)];
  }
  return rgb.map((x) => Math.round(Math.min(1, Math.max(0, x)) * 255).toString(16).padStart(2, '0')).join('');
}

/**
 * Version labels: proposing the next "vN" and checking what a person typed. Labels are unique
 * regardless of case, because "V2" and "v2" side by side in a changelog would confuse anyone.
 */
export const LABEL_MAX_CHARS = 40;

export type LabelCheck = { ok: true; label: string } | { ok: false; message: string };

/** The comparison form: NFC and lower case (locale-independent, so it is the same on every server). */
export function labelKey(label: string): string {
  return label.normalize('NFC').toLowerCase();
}

export function sameLabel(a: string, b: string): boolean {
  return labelKey(a) === labelKey(b);
}

/** v1 when there is none; otherwise one more than the highest vN (v1, v2, "Go-live", v3 → v4). */
export function proposeNextLabel(existingLabels: readonly string[]): string {
  let highest = 0;
  for (const label of existingLabels) {
    const m = /^v(\d{1,15})$/i.exec(label.trim());
    if (m) highest = Math.max(highest, Number(m[1]));
  }
  const taken = new Set(existingLabels.map(labelKey));
  let n = highest + 1;
  while (taken.has(`v${n}`)) n++;
  return `v${n}`;
}

/**
 * 1 to 40 characters, no leading or trailing space, no line breaks or control characters, not
 * starting with = + - @ (the sheets would read it as a formula), unique regardless of case.
 * The accepted label is returned in NFC.
 */
export function validateLabel(label: string, existingLabels: readonly string[]): LabelCheck {
  const nfc = label.normalize('NFC');
  const length = Array.from(nfc).length;
  if (length === 0 || nfc.trim() === '') return { ok: false, message: 'Give the version a label, such as v1.' };
  if (length > LABEL_MAX_CHARS) return { ok: false, message: `A version label can be at most ${LABEL_MAX_CHARS} characters (this one has ${length}).` };
  if (nfc.trim() !== nfc) return { ok: false, message: 'A version label cannot start or end with a space.' };
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(nfc)) return { ok: false, message: 'A version label cannot contain line breaks or control characters.' };
  if (/^[=+\-@]/.test(nfc)) return { ok: false, message: 'A version label cannot start with =, +, - or @ (the sheet would read it as a formula).' };
  const key = labelKey(nfc);
  const clash = existingLabels.find((l) => labelKey(l) === key);
  if (clash !== undefined) return { ok: false, message: `There is already a version labelled "${clash}".` };
  return { ok: true, label: nfc };
}

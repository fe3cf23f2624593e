/** Sizes and cuts of text for the notification stores and bodies, which Apps Script limits in bytes. */

/** UTF-8 length of a string without TextEncoder (the core has no platform globals). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Text cut to `max` characters with an ellipsis, so one huge cell cannot crowd out the rest. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

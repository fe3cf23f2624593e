/**
 * Document and user properties as small JSON values. Apps Script limits a value to 9 KB and a store
 * to 500 KB; a value that would not fit is refused here with a message, before the service throws.
 */
import { UserError } from '../../core/errors';

const MAX_VALUE_BYTES = 9 * 1024;

function utf8Length(s: string): number {
  return Utilities.newBlob(s).getBytes().length;
}

export function documentStore(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties();
}

/** Every document property in one call; callers pick what they need. */
export function readAllDocumentProperties(): Record<string, string> {
  return documentStore().getProperties();
}

export function parseJson<T>(text: string | null | undefined): T | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** The JSON text to store under a key, or a UserError saying what is too large. */
export function jsonValue(value: unknown, what: string): string {
  const text = JSON.stringify(value);
  if (text.length > MAX_VALUE_BYTES / 3 && utf8Length(text) > MAX_VALUE_BYTES) {
    throw new UserError(`Mapspec cannot save ${what}: it is larger than the 9 KB Google allows for one setting.`);
  }
  return text;
}

/** Writes several document properties in one call. */
export function writeDocumentProperties(values: Record<string, string>): void {
  documentStore().setProperties(values);
}

export function deleteDocumentProperty(key: string): void {
  documentStore().deleteProperty(key);
}

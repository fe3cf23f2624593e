/**
 * Blob: bytes with a content type and a name, as Utilities.newBlob, gzip/ungzip and
 * HtmlOutput.getBlob hand them out. Bytes cross into the script as Java-style signed bytes.
 *
 * newBlob(string) defaults to "text/plain" and newBlob(bytes) to no content type (null), as
 * gas-fakes records for the live service.
 */
import type { ExecutionContext, MethodPolicy } from '../context';
import { instrument } from '../context';
import { charsetName, decodeBytes, encodeString, fromByteArray, requireArgs, scriptArray, toSignedBytes } from './util';

// Blobs are plain data: usable in every auth mode.
const POLICY: MethodPolicy = { minAuth: 'NONE' };

const EXTENSION_TYPES: Record<string, string> = {
  txt: 'text/plain',
  html: 'text/html',
  htm: 'text/html',
  css: 'text/css',
  csv: 'text/csv',
  js: 'application/javascript',
  json: 'application/json',
  xml: 'text/xml',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  zip: 'application/zip',
  gz: 'application/x-gzip',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface EmulatedBlob extends GoogleAppsScript.Base.Blob {
  /** Uncounted: the raw bytes, for other services (gzip, MailApp). */
  _buffer(): Buffer;
}

/** True for a Blob or anything with getBlob() (BlobSource). */
export function isBlobSource(v: unknown): v is GoogleAppsScript.Base.BlobSource {
  return typeof v === 'object' && v !== null && typeof (v as { getBlob?: unknown }).getBlob === 'function';
}

/** The bytes of a Blob made here without counting calls; other BlobSources through getBlob(). */
export function blobBytes(v: GoogleAppsScript.Base.BlobSource): Buffer {
  const own = (v as Partial<EmulatedBlob>)._buffer;
  if (typeof own === 'function') return own.call(v);
  return fromByteArray(v.getBlob().getBytes());
}

export function blobName(v: GoogleAppsScript.Base.BlobSource): string | null {
  const own = (v as { _name?: () => string | null })._name;
  return typeof own === 'function' ? own.call(v) : v.getBlob().getName();
}

export function createBlob(ctx: ExecutionContext, data: Buffer, contentType: string | null, name: string | null): EmulatedBlob {
  let bytes: Buffer = Buffer.from(data);
  let type = contentType;
  let blobNameValue = name;

  const blob = {
    _buffer: () => Buffer.from(bytes),
    _name: () => blobNameValue,
    getBytes: () => scriptArray(ctx, toSignedBytes(bytes)),
    setBytes(...args: unknown[]) {
      requireArgs(ctx, 'Blob.setBytes', args, 1);
      bytes = fromByteArray(args[0] as unknown[]);
      return blob;
    },
    getDataAsString: (charset?: unknown) => decodeBytes(bytes, charsetName(ctx, charset)),
    setDataFromString(...args: unknown[]) {
      requireArgs(ctx, 'Blob.setDataFromString', args, 1);
      bytes = encodeString(String(args[0]), charsetName(ctx, args[1]));
      return blob;
    },
    getContentType: () => type,
    setContentType: (contentType: string | null) => {
      type = contentType === null || contentType === undefined ? null : String(contentType);
      return blob;
    },
    setContentTypeFromExtension() {
      const ext = (blobNameValue ?? '').toLowerCase().split('.').pop() ?? '';
      const found = EXTENSION_TYPES[ext];
      if (!blobNameValue || !found) throw ctx.error(`not emulated: Blob.setContentTypeFromExtension for "${blobNameValue ?? ''}"`);
      type = found;
      return blob;
    },
    getName: () => blobNameValue,
    setName: (n: string) => {
      blobNameValue = String(n);
      return blob;
    },
    isEmpty: () => bytes.length === 0,
    isGoogleType: () => false,
    copyBlob: () => createBlob(ctx, bytes, type, blobNameValue),
    getBlob: () => blob,
    getAs(contentType: string) {
      // Same-type "conversion" is a copy; real conversions (PDF, images) are not emulated.
      if (String(contentType) !== type) throw ctx.error(`not emulated: Blob.getAs(${String(contentType)}) conversion`);
      return createBlob(ctx, bytes, type, blobNameValue);
    },
  };
  return instrument(ctx, 'Blob', blob, {}, POLICY) as unknown as EmulatedBlob;
}

/**
 * The platform services the versions core needs (SHA-256, gzip), over Utilities. Apps Script hands
 * out Java bytes, signed -128..127, and takes them back as plain arrays; the core works in unsigned
 * Uint8Arrays, so every crossing converts here and nowhere else.
 */
import type { VersionServices } from '../../core/versions';

/** Unsigned bytes → the plain signed array Utilities accepts (it refuses typed arrays). */
function toScriptBytes(bytes: Uint8Array): GoogleAppsScript.Byte[] {
  const out = new Array<number>(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    out[i] = b > 127 ? b - 256 : b;
  }
  return out;
}

/** Signed bytes from Utilities → unsigned bytes (& 0xff also accepts values already unsigned). */
function fromScriptBytes(bytes: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i]! & 0xff;
  return out;
}

/** The core's services, plus a way to tell a failed service call from altered data. */
export type AppsScriptVersionServices = VersionServices & {
  /**
   * Throws the first service failure (quota, time limit, outage) met while unpacking. The core reads
   * any unpacking error as "the stored chunks were changed"; a failing service is not tampering, so
   * callers check this before reporting a version as tampered.
   */
  rethrowServiceFailure: () => void;
};

/** What Utilities.ungzip says about bytes that are not gzip: the data's fault, not the service's. */
const NOT_GZIP = /Could not decompress|Not in GZIP format|Could not decode/i;

export function appsScriptVersionServices(): AppsScriptVersionServices {
  let failure: unknown = null;
  const gunzipBlob = (bytes: Uint8Array): GoogleAppsScript.Base.Blob => {
    try {
      return Utilities.ungzip(Utilities.newBlob(toScriptBytes(bytes)));
    } catch (e) {
      const message = e && typeof e === 'object' && 'message' in e ? String((e as Error).message) : String(e);
      if (!NOT_GZIP.test(message) && failure === null) failure = e;
      throw e;
    }
  };
  return {
    sha256: (bytes) => fromScriptBytes(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, toScriptBytes(bytes))),
    gzip: (bytes) => fromScriptBytes(Utilities.gzip(Utilities.newBlob(toScriptBytes(bytes))).getBytes()),
    gunzip: (bytes) => fromScriptBytes(gunzipBlob(bytes).getBytes()),
    // Strings straight to Utilities, which encodes them natively: only the digest and the
    // compressed bytes (a few % of the snapshot) cross as byte arrays, never the whole snapshot.
    text: {
      sha256Utf8: (text) => fromScriptBytes(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8)),
      gzipUtf8: (text) => fromScriptBytes(Utilities.gzip(Utilities.newBlob(text)).getBytes()),
      gunzipToUtf8: (bytes) => gunzipBlob(bytes).getDataAsString('UTF-8'),
    },
    rethrowServiceFailure: () => {
      if (failure !== null) throw failure;
    },
  };
}

/**
 * Bytes of an imported CSV/JSON file → text, in the encoding the file was written in. UTF-8 is
 * tried first with a fatal decoder (any invalid byte sequence rejects it); a byte-order mark
 * decides UTF-16 and UTF-8; otherwise the bytes are Windows-1252 (the superset of Latin-1 that
 * Excel and most CRMs write on Windows). Uses the platform TextDecoder only.
 */
import { AppError } from '../errors.ts';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

/** Names a rep recognises, for the preview ("Read as Western European (Windows-1252)"). */
export const ENCODING_LABEL: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Western European (Windows-1252 / Latin-1)',
};

function decode(bytes: Uint8Array, encoding: TextEncoding, skip: number): string {
  // ignoreBOM: the mark was already skipped, a second one would be real text.
  return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(skip));
}

/** Detects the encoding of `bytes` and decodes them; throws AppError('bad-import') when that is impossible. */
export function decodeImportBytes(bytes: Uint8Array): DecodedText {
  const [b0, b1, b2] = bytes;
  try {
    if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { text: decode(bytes, 'utf-8', 3), encoding: 'utf-8' };
    if (b0 === 0xff && b1 === 0xfe) return { text: decode(bytes, 'utf-16le', 2), encoding: 'utf-16le' };
    if (b0 === 0xfe && b1 === 0xff) return { text: decode(bytes, 'utf-16be', 2), encoding: 'utf-16be' };
  } catch {
    throw new AppError('bad-import', 'The file starts with a Unicode byte-order mark but its text is not valid Unicode.');
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) {
    try {
      return { text: decode(bytes, utf16, 0), encoding: utf16 };
    } catch {
      // Not UTF-16 after all: fall through.
    }
  }
  try {
    return { text: decode(bytes, 'utf-8', 0), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: every byte sequence is valid Windows-1252.
  }
  return { text: windows1252(bytes), encoding: 'windows-1252' };
}

// Bytes 0x80–0x9F in Windows-1252 (the five unassigned ones stay control characters).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * Node 20's TextDecoder('windows-1252') decodes 0x80–0x9F as Latin-1 control characters
 * (https://github.com/nodejs/node/issues/56542); browsers follow the Encoding Standard. Map
 * them here so the CLI and the app read the same text.
 */
function windows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80]);
}

/**
 * UTF-16 without a mark shows as a zero byte beside almost every ASCII character. CSV and JSON
 * are mostly ASCII, so more than 40% zero bytes on one side of the pairs is decisive.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros === 0) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros === 0) return 'utf-16be';
  return null;
}

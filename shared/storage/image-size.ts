/**
 * Image type and pixel size from the first bytes of a file, without decoding it: PNG (IHDR),
 * JPEG (the first SOFn segment, with the EXIF orientation so portrait phone photos report their
 * displayed size), WebP (VP8, VP8L and VP8X). Pure; the first 64 KiB are always enough for
 * PNG and WebP and nearly always for JPEG (EXIF and thumbnails come before SOF).
 */
export type ImageType = 'jpeg' | 'png' | 'webp';

export interface ImageSize {
  type: ImageType;
  /** Pixels as displayed (EXIF orientations 5–8 swap the stored width and height). */
  width: number;
  height: number;
}

export const CONTENT_TYPE_OF: Record<ImageType, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const ascii = (b: Uint8Array, at: number, len: number) =>
  String.fromCharCode(...b.subarray(at, at + len));
const u16be = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u32be = (b: Uint8Array, at: number) => (u16be(b, at) * 0x10000 + u16be(b, at + 2)) >>> 0;
const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, at: number) => u16le(b, at) | ((b[at + 2] ?? 0) << 16);

/** The type from magic bytes alone (what the upload check compares to the declared type). */
export function sniffImageType(b: Uint8Array): ImageType | undefined {
  if (b.length >= 8 && PNG_SIGNATURE.every((v, i) => b[i] === v)) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  return undefined;
}

/** Type and size, or undefined when the bytes are not one of our types or are cut too short. */
export function readImageSize(b: Uint8Array): ImageSize | undefined {
  const type = sniffImageType(b);
  const size =
    type === 'png' ? png(b) : type === 'jpeg' ? jpeg(b) : type === 'webp' ? webp(b) : undefined;
  if (!type || !size || size.width < 1 || size.height < 1) return undefined;
  return { type, ...size };
}

function png(b: Uint8Array): { width: number; height: number } | undefined {
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return undefined;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

/** SOF markers carrying the frame size (not DHT C4, JPG C8, DAC CC). */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpeg(b: Uint8Array): { width: number; height: number } | undefined {
  let i = 2;
  let orientation = 1;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1] as number;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // end, or scan data before any SOF
    const length = u16be(b, i + 2);
    if (length < 2) return undefined;
    if (marker === 0xe1 && ascii(b, i + 4, 6) === 'Exif\0\0') {
      orientation = exifOrientation(b.subarray(i + 10, i + 2 + length)) ?? orientation;
    }
    if (SOF.has(marker)) {
      if (i + 9 > b.length) return undefined;
      const height = u16be(b, i + 5);
      const width = u16be(b, i + 7);
      return orientation >= 5 && orientation <= 8
        ? { width: height, height: width }
        : { width, height };
    }
    i += 2 + length;
  }
  return undefined;
}

/** EXIF IFD0 tag 0x0112 (Orientation), from a TIFF header in either byte order. */
function exifOrientation(t: Uint8Array): number | undefined {
  if (t.length < 8) return undefined;
  const little = t[0] === 0x49 && t[1] === 0x49;
  if (!little && !(t[0] === 0x4d && t[1] === 0x4d)) return undefined;
  const u16 = (at: number) => (little ? u16le(t, at) : u16be(t, at));
  const u32 = (at: number) =>
    little ? (u16le(t, at) + u16le(t, at + 2) * 0x10000) >>> 0 : u32be(t, at);
  const ifd = u32(4);
  if (ifd + 2 > t.length) return undefined;
  const count = u16(ifd);
  for (let k = 0; k < count; k++) {
    const entry = ifd + 2 + k * 12;
    if (entry + 12 > t.length) return undefined;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

function webp(b: Uint8Array): { width: number; height: number } | undefined {
  if (b.length < 30) return undefined;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ') {
    // Lossy: a 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height.
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return undefined;
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    // Lossless: signature 0x2F, then width−1 and height−1 in 14 bits each.
    if (b[20] !== 0x2f) return undefined;
    const bits =
      ((b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24)) >>> 0;
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    // Extended: canvas width−1 and height−1 in 24 bits each.
    return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  }
  return undefined;
}

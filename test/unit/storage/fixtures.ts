import { PNG } from 'pngjs';

/** Small real or header-exact images for the size reader and the upload checks. */
export function pngBytes(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  png.data.fill(200);
  return PNG.sync.write(png);
}

const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];

/** A JPEG header: SOI, APP0 JFIF, optional APP1 EXIF orientation, SOF0 with the size, EOI. */
export function jpegBytes(
  width: number,
  height: number,
  orientation?: number,
  bigEndian = true,
): Buffer {
  const parts: number[] = [0xff, 0xd8];
  parts.push(0xff, 0xe0, ...u16(16), ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0);
  if (orientation !== undefined) {
    const le = !bigEndian;
    const w16 = (n: number) => (le ? [n & 0xff, (n >> 8) & 0xff] : u16(n));
    const w32 = (n: number) =>
      le
        ? [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24]
        : [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
    const tiff = [
      ...(le ? [0x49, 0x49] : [0x4d, 0x4d]),
      ...w16(42),
      ...w32(8),
      ...w16(1),
      ...w16(0x0112),
      ...w16(3),
      ...w32(1),
      ...w16(orientation),
      0,
      0,
      ...w32(0),
    ];
    const body = [...Buffer.from('Exif\0\0'), ...tiff];
    parts.push(0xff, 0xe1, ...u16(body.length + 2), ...body);
  }
  parts.push(
    0xff,
    0xc0,
    ...u16(17),
    8,
    ...u16(height),
    ...u16(width),
    3,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
  );
  parts.push(0xff, 0xd9);
  return Buffer.from(parts);
}

function riff(chunk: string, data: number[]): Buffer {
  const body = Buffer.concat([
    Buffer.from('WEBP'),
    Buffer.from(chunk),
    Buffer.from([data.length & 0xff, (data.length >> 8) & 0xff, 0, 0]),
    Buffer.from(data),
  ]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length);
  return Buffer.concat([Buffer.from('RIFF'), size, body]);
}

export function webpLossy(width: number, height: number): Buffer {
  return riff('VP8 ', [
    0x30,
    0x01,
    0x00,
    0x9d,
    0x01,
    0x2a,
    width & 0xff,
    (width >> 8) & 0x3f,
    height & 0xff,
    (height >> 8) & 0x3f,
    0,
    0,
  ]);
}

export function webpLossless(width: number, height: number): Buffer {
  const bits = ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14);
  return riff('VP8L', [
    0x2f,
    bits & 0xff,
    (bits >>> 8) & 0xff,
    (bits >>> 16) & 0xff,
    (bits >>> 24) & 0xff,
    0,
    0,
    0,
    0,
    0,
  ]);
}

export function webpExtended(width: number, height: number): Buffer {
  const w = width - 1;
  const h = height - 1;
  return riff('VP8X', [
    0x10,
    0,
    0,
    0,
    w & 0xff,
    (w >> 8) & 0xff,
    (w >> 16) & 0xff,
    h & 0xff,
    (h >> 8) & 0xff,
    (h >> 16) & 0xff,
  ]);
}

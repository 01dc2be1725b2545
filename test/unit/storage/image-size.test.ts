import { describe, expect, it } from 'vitest';
import { readImageSize, sniffImageType } from '../../../shared/storage/image-size';
import { jpegBytes, pngBytes, webpExtended, webpLossless, webpLossy } from './fixtures';

describe('readImageSize', () => {
  it('reads a real PNG’s IHDR', () => {
    expect(readImageSize(pngBytes(37, 21))).toEqual({ type: 'png', width: 37, height: 21 });
  });

  it('reads the JPEG frame size from SOF0', () => {
    expect(readImageSize(jpegBytes(1600, 1200))).toEqual({
      type: 'jpeg',
      width: 1600,
      height: 1200,
    });
  });

  it('swaps JPEG width and height for EXIF orientations 5–8 (portrait phone photos)', () => {
    expect(readImageSize(jpegBytes(4032, 3024, 6))).toEqual({
      type: 'jpeg',
      width: 3024,
      height: 4032,
    });
    expect(readImageSize(jpegBytes(4032, 3024, 8, false))).toEqual({
      type: 'jpeg',
      width: 3024,
      height: 4032,
    });
    expect(readImageSize(jpegBytes(4032, 3024, 3))).toEqual({
      type: 'jpeg',
      width: 4032,
      height: 3024,
    });
  });

  it('reads WebP lossy, lossless and extended headers', () => {
    expect(readImageSize(webpLossy(640, 480))).toEqual({ type: 'webp', width: 640, height: 480 });
    expect(readImageSize(webpLossless(1000, 16383))).toEqual({
      type: 'webp',
      width: 1000,
      height: 16383,
    });
    expect(readImageSize(webpExtended(20000, 300))).toEqual({
      type: 'webp',
      width: 20000,
      height: 300,
    });
  });

  it('gives nothing for other files, cut headers and zero sizes', () => {
    expect(readImageSize(Buffer.from('GIF89a......'))).toBeUndefined();
    expect(readImageSize(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(readImageSize(pngBytes(3, 3).subarray(0, 20))).toBeUndefined();
    expect(readImageSize(jpegBytes(10, 10).subarray(0, 26))).toBeUndefined();
    expect(readImageSize(jpegBytes(0, 10))).toBeUndefined();
    expect(readImageSize(new Uint8Array())).toBeUndefined();
  });

  it('never throws on arbitrary bytes', () => {
    for (let seed = 1; seed < 300; seed++) {
      const bytes = Uint8Array.from({ length: seed % 64 }, (_, i) => (seed * 31 + i * 17) & 0xff);
      bytes[0] = 0xff;
      bytes[1] = 0xd8;
      expect(() => readImageSize(bytes)).not.toThrow();
    }
  });
});

describe('sniffImageType', () => {
  it('goes by magic bytes only', () => {
    expect(sniffImageType(pngBytes(1, 1))).toBe('png');
    expect(sniffImageType(jpegBytes(1, 1))).toBe('jpeg');
    expect(sniffImageType(webpLossy(1, 1))).toBe('webp');
    expect(sniffImageType(Buffer.from('RIFF....WAVE'))).toBeUndefined();
  });
});

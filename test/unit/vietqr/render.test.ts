import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { encodeVietQr, isVietQrError } from '../../../shared/vietqr/index';
import { QUIET_ZONE_MODULES, renderVietQr } from '../../../shared/vietqr/render';
import { renderVietQrPng } from '../../../shared/vietqr/render-png';
import { PUBLISHED_VECTORS, VIETNAM_QR_PAY_BAD_CRC } from './vectors';

const longest = encodeVietQr({
  bin: '970422',
  accountNumber: '0023457923442ASDFLJ',
  amount: 9_999_999_999_999,
  purpose: 'Thanh toán đơn hàng CS 12',
  billNumber: 'HD-2024/000123',
  referenceLabel: 'REF.0001',
  terminalLabel: 'QUAY/01',
  merchantName: 'Hợp tác xã Tôm Cà Mau',
  merchantCity: 'Cà Mau',
});
const SAMPLES = [...PUBLISHED_VECTORS.map((vector) => vector.payload), longest];

function readPng(bytes: Uint8Array) {
  const png = PNG.sync.read(Buffer.from(bytes));
  const dark = (x: number, y: number) => (png.data[(y * png.width + x) * 4] ?? 255) < 128;
  return { png, dark };
}

describe('renderVietQr', () => {
  it.each(SAMPLES)(
    'draws a PNG that an independent decoder (jsQR) reads back: %s',
    async (payload) => {
      const { png } = readPng(await renderVietQrPng(payload, { scale: 4 }));
      const pixels = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);

      const read = jsQR(pixels, png.width, png.height);

      expect(read?.data).toBe(payload);
    },
  );

  it('uses error correction level M and a 4-module quiet zone', async () => {
    const scale = 4;
    const { png, dark } = readPng(await renderVietQrPng(longest, { scale }));
    const quiet = QUIET_ZONE_MODULES * scale;
    const size = png.width / scale - 2 * QUIET_ZONE_MODULES; // modules of the symbol
    const module = (row: number, col: number) =>
      dark(quiet + col * scale + 1, quiet + row * scale + 1);

    for (let i = 0; i < png.width; i++) {
      for (let d = 0; d < quiet; d++) {
        expect([
          dark(i, d),
          dark(d, i),
          dark(i, png.height - 1 - d),
          dark(png.width - 1 - d, i),
        ]).toEqual([false, false, false, false]);
      }
    }
    // ISO/IEC 18004 format information: bits 14 and 13 (EC level, XOR mask 10) sit at row 8,
    // columns 0-1 and, mirrored, at column 8, rows size-1 and size-2. Level M is 00, masked 10.
    expect([module(8, 0), module(8, 1)]).toEqual([true, false]);
    expect([module(size - 1, 8), module(size - 2, 8)]).toEqual([true, false]);
    expect(module(0, 0)).toBe(true); // finder pattern corner: the grid is aligned
  });

  it('draws SVG, sized in modules with the quiet zone included', async () => {
    const svg = await renderVietQr(longest);

    expect(svg.startsWith('<svg')).toBe(true);
    const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
    const side = Number(viewBox?.[1]);
    expect(side).toBe(Number(viewBox?.[2]));
    expect((side - 2 * QUIET_ZONE_MODULES - 17) % 4).toBe(0); // 17 + 4 × version modules
  });

  it.each(SAMPLES)(
    'draws the SVG the whole package draws (same options) from its two parts: %s',
    async (payload) => {
      const whole = await QRCode.toString(payload, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: QUIET_ZONE_MODULES,
      });
      expect(await renderVietQr(payload)).toBe(whole);
    },
  );

  it('refuses to draw an invalid payload, with the decoder’s error code', async () => {
    await expect(renderVietQr(VIETNAM_QR_PAY_BAD_CRC)).rejects.toMatchObject({
      name: 'VietQrError',
      code: 'vietqr.badCrc',
    });
    await expect(renderVietQrPng('hello')).rejects.toSatisfy(isVietQrError);
  });

  it('draws PNG at 8 pixels per module by default, and at any whole scale from 1 to 32', async () => {
    const svg = await renderVietQr(longest);
    const side = Number(/viewBox="0 0 (\d+)/.exec(svg)?.[1]); // modules, quiet zone included
    expect(readPng(await renderVietQrPng(longest)).png.width).toBe(side * 8);
    expect(readPng(await renderVietQrPng(longest, { scale: 1 })).png.width).toBe(side);
    expect(readPng(await renderVietQrPng(longest, { scale: 32 })).png.width).toBe(side * 32);
  });

  it('names the decoder’s error, position and field when refusing', async () => {
    await expect(renderVietQr(VIETNAM_QR_PAY_BAD_CRC)).rejects.toMatchObject({
      message: expect.stringMatching(/^refusing to render an invalid VietQR: \S/),
      details: { position: expect.any(Number) },
    });
  });

  it('rejects a PNG scale outside 1..32', async () => {
    await expect(renderVietQrPng(longest, { scale: 0 })).rejects.toMatchObject({
      code: 'vietqr.invalidInput',
      details: { field: 'scale', rule: 'format' },
    });
    await expect(renderVietQrPng(longest, { scale: 33 })).rejects.toMatchObject({
      code: 'vietqr.invalidInput',
      message: expect.stringContaining('must be an integer from 1 to 32'),
    });
    await expect(renderVietQrPng(longest, { scale: 2.5 })).rejects.toMatchObject({
      code: 'vietqr.invalidInput',
    });
  });
});

/**
 * Draws a VietQR payload as PNG bytes with the `qrcode` package (whole, with pngjs), the same
 * symbol as `renderVietQr` (error correction M, 4-module quiet zone). Kept apart from render.ts so
 * that functions that only draw SVG do not bundle the PNG encoder; `qrcode` loads on first use.
 */
import { invalidInput } from './errors';
import { assertValidVietQr, ERROR_CORRECTION_LEVEL, QUIET_ZONE_MODULES } from './render';

const DEFAULT_SCALE = 8;

/** PNG bytes of the QR code for `payload`, `scale` pixels per module (an integer 1..32, default 8). */
export async function renderVietQrPng(
  payload: string,
  options: { scale?: number } = {},
): Promise<Uint8Array> {
  const scale = options.scale ?? DEFAULT_SCALE;
  if (!Number.isInteger(scale) || scale < 1 || scale > 32) {
    invalidInput('scale', 'format', 'must be an integer from 1 to 32');
  }
  assertValidVietQr(payload);
  const QRCode = (await import('qrcode')).default;
  return QRCode.toBuffer(payload, {
    type: 'png',
    errorCorrectionLevel: ERROR_CORRECTION_LEVEL,
    margin: QUIET_ZONE_MODULES,
    scale,
  });
}

/**
 * Draws a VietQR payload as a QR code (ISO/IEC 18004) with the `qrcode` package: error correction
 * level M (15 % of the symbol can be damaged or covered, the level bank apps' own codes use), a
 * quiet zone of 4 modules on every side as the standard requires. The one file of shared/vietqr
 * that imports a dependency; index.ts does not re-export it, so import `shared/vietqr/render`.
 * `qrcode` (with pngjs) is loaded on the first drawing, not when this module is imported: a cold
 * start of the orders functions does not evaluate it (docs/architecture.md, Cold starts).
 */
import { decodeVietQr } from './decode';
import { invalidInput, VietQrError } from './errors';

export type VietQrImageFormat = 'svg' | 'png';

export interface RenderOptions {
  /** Default 'svg'. */
  format?: VietQrImageFormat;
  /** PNG only: pixels per module, an integer 1..32 (default 8). */
  scale?: number;
}

/** ISO/IEC 18004: the quiet zone is at least 4 modules wide. */
export const QUIET_ZONE_MODULES = 4;
export const ERROR_CORRECTION_LEVEL = 'M';
const DEFAULT_SCALE = 8;

type QrCodeModule = typeof import('qrcode');
let qrcode: Promise<QrCodeModule> | undefined;
/** The `qrcode` package (CommonJS: its exports are the default export), imported on first use. */
function loadQrCode(): Promise<QrCodeModule> {
  qrcode ??= import('qrcode').then((mod) => mod.default);
  return qrcode;
}

/**
 * Renders `payload` as an SVG document (default) or PNG bytes. The payload is decoded first, so an
 * invalid one is never drawn: it throws the decoder's `VietQrError` code instead.
 * @example const svg = await renderVietQr(encodeVietQr(input));
 */
export async function renderVietQr(payload: string): Promise<string>;
export async function renderVietQr(
  payload: string,
  options: RenderOptions & { format?: 'svg' },
): Promise<string>;
export async function renderVietQr(
  payload: string,
  options: RenderOptions & { format: 'png' },
): Promise<Uint8Array>;
export async function renderVietQr(
  payload: string,
  options: RenderOptions = {},
): Promise<string | Uint8Array> {
  return options.format === 'png' ? renderVietQrPng(payload, options) : renderVietQrSvg(payload);
}

/** SVG document of the QR code for `payload` (scalable; `viewBox` in modules). */
export async function renderVietQrSvg(payload: string): Promise<string> {
  assertValid(payload);
  const QRCode = await loadQrCode();
  return QRCode.toString(payload, {
    type: 'svg',
    errorCorrectionLevel: ERROR_CORRECTION_LEVEL,
    margin: QUIET_ZONE_MODULES,
  });
}

/** PNG bytes of the QR code for `payload`, `scale` pixels per module. */
export async function renderVietQrPng(
  payload: string,
  options: Pick<RenderOptions, 'scale'> = {},
): Promise<Uint8Array> {
  const scale = options.scale ?? DEFAULT_SCALE;
  if (!Number.isInteger(scale) || scale < 1 || scale > 32) {
    invalidInput('scale', 'format', 'must be an integer from 1 to 32');
  }
  assertValid(payload);
  const QRCode = await loadQrCode();
  return QRCode.toBuffer(payload, {
    type: 'png',
    errorCorrectionLevel: ERROR_CORRECTION_LEVEL,
    margin: QUIET_ZONE_MODULES,
    scale,
  });
}

function assertValid(payload: string): void {
  const result = decodeVietQr(payload);
  if (!result.ok) {
    const { code, message, position, field } = result.error;
    throw new VietQrError(code, `refusing to render an invalid VietQR: ${message}`, {
      position,
      field,
    });
  }
}

/**
 * Draws a VietQR payload as an SVG QR code (ISO/IEC 18004) with the `qrcode` package: error
 * correction level M (15 % of the symbol can be damaged or covered, the level bank apps' own codes
 * use), a quiet zone of 4 modules on every side as the standard requires. index.ts does not
 * re-export it, so import `shared/vietqr/render` (PNG: `shared/vietqr/render-png`).
 *
 * Only two parts of `qrcode` are imported, the encoder (`lib/core/qrcode`) and the SVG renderer
 * (`lib/renderer/svg-tag`): the package's entry also loads its PNG, terminal and canvas renderers
 * with pngjs, which every orders function would otherwise parse at cold start without ever using.
 * Both parts are loaded on the first drawing, not when this module is imported
 * (docs/architecture.md, Cold starts). The output is the one `QRCode.toString(payload,
 * { type: 'svg', … })` gives; the unit test compares them.
 */
import { decodeVietQr } from './decode';
import { VietQrError } from './errors';

/** ISO/IEC 18004: the quiet zone is at least 4 modules wide. */
export const QUIET_ZONE_MODULES = 4;
export const ERROR_CORRECTION_LEVEL = 'M' as const;

interface SvgParts {
  create: typeof import('qrcode/lib/core/qrcode.js').create;
  render: typeof import('qrcode/lib/renderer/svg-tag.js').render;
}
let svgParts: Promise<SvgParts> | undefined;
/** The encoder and SVG renderer of `qrcode` (CommonJS: exports are the default export). */
function loadSvgParts(): Promise<SvgParts> {
  svgParts ??= Promise.all([
    import('qrcode/lib/core/qrcode.js'),
    import('qrcode/lib/renderer/svg-tag.js'),
  ]).then(([core, svg]) => ({ create: core.default.create, render: svg.default.render }));
  return svgParts;
}

/**
 * SVG document of the QR code for `payload` (scalable; `viewBox` in modules). The payload is
 * decoded first, so an invalid one is never drawn: it throws the decoder's `VietQrError` code.
 * @example const svg = await renderVietQr(encodeVietQr(input));
 */
export async function renderVietQr(payload: string): Promise<string> {
  assertValidVietQr(payload);
  const { create, render } = await loadSvgParts();
  const options = { errorCorrectionLevel: ERROR_CORRECTION_LEVEL, margin: QUIET_ZONE_MODULES };
  return render(create(payload, options), options);
}

/** Throws the decoder's `VietQrError` when `payload` is not a valid VietQR. */
export function assertValidVietQr(payload: string): void {
  const result = decodeVietQr(payload);
  if (!result.ok) {
    const { code, message, position, field } = result.error;
    throw new VietQrError(code, `refusing to render an invalid VietQR: ${message}`, {
      position,
      field,
    });
  }
}

/**
 * The stock line of a product page ("Còn 80 kg", "Hết hàng") or, for a service, its daily
 * capacity: one wording for the server render (shared/pages/render.ts) and the page script
 * (web/san-pham/main.ts). `formatNumber` is the caller's vi-VN number formatter.
 */
export function quantityText(
  p: { kind: string; capacityPerDate?: number; inStock?: boolean; stock?: number },
  unit: { vi: string; en: string },
  formatNumber: (n: number) => string,
): { vi: string; en: string } | null {
  if (p.kind === 'service') {
    if (p.capacityPerDate === undefined) return null;
    const n = formatNumber(p.capacityPerDate);
    return { vi: `Nhận tối đa ${n} ${unit.vi} mỗi ngày`, en: `Daily capacity: ${n} (${unit.en})` };
  }
  if (!p.inStock) return { vi: 'Hết hàng', en: 'Sold out' };
  const n = formatNumber(p.stock ?? 0);
  return { vi: `Còn ${n} ${unit.vi}`, en: `In stock: ${n} ${unit.en}` };
}

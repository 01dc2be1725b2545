import { describe, expect, it } from 'vitest';
import { importDeps } from '../../../functions/catalog/import-products';
import { getProduct, updateProduct } from '../../../shared/db/products';
import { sellerSession } from '../../helpers/auth';
import { call } from '../../helpers/call';
import { tableSnapshot } from '../../helpers/local-dynamo';

/**
 * Sending a corrected file again: rows whose name and unit match a product the seller has update
 * it (on the version read, so a concurrent edit is not overwritten), empty optional cells keep
 * what is stored, new rows are created; an OCOP certificate already expired is left out with a
 * warning instead of failing or vanishing silently. The template's Vietnamese + English header
 * rows are read as headers.
 */
const HEADER =
  'Tên sản phẩm,Danh mục,Đơn vị,Giá,Tồn kho,Mã xã xuất xứ,Trạng thái,Số sao OCOP,Số chứng nhận OCOP,Ngày hết hạn OCOP,Ảnh';
const ENGLISH =
  'name,category,unit,price,stock,commune code,status,OCOP stars,OCOP certificate number,OCOP expiry date,image keys';
const csv = (lines: string[]) => `\uFEFF${[HEADER, ENGLISH, ...lines].join('\r\n')}\r\n`;

function importFile(
  s: { headers: Record<string, string> },
  text: string,
  mode: 'allOrNothing' | 'validRows' = 'allOrNothing',
) {
  return call('POST /api/seller/imports', {
    headers: s.headers,
    body: {
      format: 'csv',
      fileName: 'san-pham.csv',
      contentBase64: Buffer.from(text).toString('base64'),
      mode,
    },
  });
}

describe('re-importing a corrected file', () => {
  it('updates the rows already imported, creates the new ones, keeps what empty cells do not say', async () => {
    const s = await sellerSession();
    // First try: row 4 is wrong (price), only the valid rows go in.
    const first = await importFile(
      s,
      csv([
        'Tôm khô loại 1,Hải sản khô,kg,"1.250.000",50,32248,đang bán,,,,',
        'Mật ong U Minh,Mật ong,chai,180000,20,32248,,,,,',
        'Khô cá lóc,Hải sản khô,kg,"abc",10,32248,,,,,',
      ]),
      'validRows',
    );
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.counts).toMatchObject({ received: 3, imported: 2, updated: 0, failed: 1 });
    expect(first.body.errors[0]).toMatchObject({ row: 5, code: 'not_a_number' });
    expect(first.body.errors[0].message.vi).toMatch(/Ví dụ đúng: 1\.250\.000/);
    const [shrimp, honey] = first.body.products as Array<{ row: number; id: string }>;
    if (!shrimp || !honey) throw new Error('not imported');

    // The corrected file: same rows, a new price for the shrimp (different case and spacing in
    // the name), the fixed third row.
    const second = await importFile(
      s,
      csv([
        'tôm khô  LOẠI 1,Hải sản khô,kg,"1.300.000",45,32248,,,,,',
        'Mật ong U Minh,Mật ong,chai,180000,20,32248,,,,,',
        'Khô cá lóc,Hải sản khô,kg,"350.000",10,32248,,,,,',
      ]),
    );

    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body.counts).toMatchObject({ received: 3, imported: 3, updated: 2, failed: 0 });
    expect(second.body.products).toMatchObject([
      { row: 3, id: shrimp.id, updated: true },
      { row: 4, id: honey.id, updated: true },
      { row: 5 },
    ]);
    const stored = await getProduct(shrimp.id);
    expect(stored).toMatchObject({
      // The name is written as the file has it (the match ignored case and spacing).
      name: { vi: 'tôm khô  LOẠI 1' },
      price: 1_300_000,
      stock: 45,
      // The status cell was empty: the product stays on sale.
      status: 'active',
      version: 2,
    });
    // An identical row changes nothing (no new version).
    expect((await getProduct(honey.id))?.version).toBe(1);
  });

  it('does not overwrite a product changed during the import: that row is reported', async () => {
    const s = await sellerSession();
    const first = await importFile(s, csv(['Cua gạch,Cua,con,350000,20,32191,,,,,']));
    const id = first.body.products[0].id as string;
    const realUpdate = importDeps.update;
    importDeps.update = async (next, options) => {
      // Someone edits the product between the import's read and its write.
      const current = await getProduct(id);
      if (current)
        await updateProduct(
          { ...current, price: 360000, version: 2 },
          { expectedVersion: 1, writeStock: false, now: new Date() },
        );
      return realUpdate(next, options);
    };
    try {
      const res = await importFile(s, csv(['Cua gạch,Cua,con,400000,20,32191,,,,,']), 'validRows');
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.error.details.errors).toMatchObject([{ row: 3, code: 'changed_meanwhile' }]);
    } finally {
      importDeps.update = realUpdate;
    }
    expect(await getProduct(id)).toMatchObject({ price: 360000, version: 2 });
  });

  it('an update that breaks a rule only with the stored values fails its row and writes nothing', async () => {
    const s = await sellerSession();
    const tiers = `\uFEFFTên sản phẩm,Danh mục,Đơn vị,Giá,Giá theo số lượng,Tồn kho,Mã xã xuất xứ\r\nGạo ST25,Gạo,kg,30000,"10: 28000",100,32248\r\n`;
    expect((await importFile(s, tiers)).status).toBe(201);
    const before = await tableSnapshot();
    // No tier column this time: the stored tier (28 000 from 10 kg) stays, above the new price.
    const res = await importFile(s, csv(['Gạo ST25,Gạo,kg,25000,100,32248,,,,,']));
    expect(res.status).toBe(422);
    expect(res.body.error.details.errors).toMatchObject([
      {
        row: 3,
        code: 'invalid_combination',
        message: { vi: 'Giá theo số lượng phải thấp hơn giá bán' },
      },
    ]);
    expect(await tableSnapshot()).toBe(before);
  });

  it('an OCOP certificate already expired: the product is imported without it, with a warning row', async () => {
    const s = await sellerSession();
    const res = await importFile(
      s,
      csv([
        'Mắm ba khía,Thực phẩm chế biến,hũ,90000,30,32248,đang bán,4,OCOP-CM-2021-0007,31/12/2023,',
        'Mắm tôm chà,Thực phẩm chế biến,hũ,80000,30,32248,đang bán,3,OCOP-CM-2025-0100,31/12/2030,',
      ]),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.counts).toMatchObject({ imported: 2, failed: 0 });
    expect(res.body.warnings).toEqual([
      {
        row: 3,
        column: 'ocop_het_han (OCOP expiry date)',
        cell: 'J3',
        code: 'certificate_expired',
        message: {
          vi: expect.stringMatching(/^Chứng nhận OCOP đã hết hạn ngày 31\/12\/2023/),
          en: expect.stringMatching(/^The OCOP certificate expired on 31\/12\/2023/),
        },
      },
    ]);
    const [expired, current] = res.body.products as Array<{ id: string }>;
    expect((await getProduct(expired?.id ?? ''))?.certifications).toEqual([]);
    expect((await getProduct(current?.id ?? ''))?.certifications).toMatchObject([
      { kind: 'ocop', stars: 3, expiresOn: '2030-12-31' },
    ]);
  });
});

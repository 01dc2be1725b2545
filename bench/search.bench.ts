/**
 * Storefront search at scale: p50/p95 of the list-products handler (the per-process catalog cache
 * fed by the gsi2 LISTING feed, see docs/catalog.md) against the simplest correct design measured
 * in the same run on the same table: a paginated Query of every listed product on every request,
 * then filter, score and sort in memory (no cache, no index), then the same seller read and views.
 *
 *   npm run bench -- search [products=10000] [samples=200] [baselineSamples=12]
 *
 * Starts its own DynamoDB Local (in memory) and a table, loads `products` active products of 200
 * approved sellers (Vietnamese names from word lists, real communes), and reports how long loading
 * and the first (cold) request took.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createLocalTables, startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { lambdaContext } from '../infra/local/lambda-context';
import type { ListingQuery } from '../shared/catalog/listing';
import type { Product, ProductCategory, ProductUnit } from '../shared/catalog/product';
import { communes } from '../shared/geo/communes';
import type { Seller } from '../shared/sellers/seller';
import { type BenchModule, type Comparison, percentile } from './harness';

/** Base names with their category and unit. */
const GOODS: Array<[string, ProductCategory, ProductUnit]> = [
  ['Tôm khô', 'driedSeafood', 'kg'],
  ['Tép khô', 'driedSeafood', 'kg'],
  ['Mực khô', 'driedSeafood', 'kg'],
  ['Khô cá bổi', 'driedSeafood', 'túi'],
  ['Khô cá sặc', 'driedSeafood', 'kg'],
  ['Khô cá lóc', 'driedSeafood', 'kg'],
  ['Khô cá khoai', 'driedSeafood', 'túi'],
  ['Cá khô', 'driedSeafood', 'kg'],
  ['Cua gạch', 'crab', 'kg'],
  ['Cua thịt', 'crab', 'kg'],
  ['Cua biển', 'crab', 'con'],
  ['Ba khía muối', 'processedFood', 'hũ'],
  ['Mắm tôm chua', 'processedFood', 'hũ'],
  ['Mắm ba khía', 'processedFood', 'hũ'],
  ['Mắm cá lóc', 'processedFood', 'hũ'],
  ['Nước mắm cá cơm', 'processedFood', 'chai'],
  ['Chả cá thát lát', 'processedFood', 'khay'],
  ['Bánh phồng tôm', 'processedFood', 'gói'],
  ['Mật ong rừng tràm', 'honey', 'chai'],
  ['Mật ong hoa tràm', 'honey', 'chai'],
  ['Gạo ST25', 'rice', 'túi'],
  ['Gạo một bụi đỏ', 'rice', 'túi'],
  ['Tôm sú tươi', 'seafood', 'kg'],
  ['Sò huyết', 'seafood', 'kg'],
  ['Nghêu', 'seafood', 'kg'],
  ['Ốc len', 'seafood', 'kg'],
  ['Cá kèo', 'seafood', 'kg'],
  ['Cá thòi lòi', 'seafood', 'kg'],
  ['Chuối xiêm', 'fruit', 'kg'],
  ['Dừa xiêm', 'fruit', 'cái'],
  ['Giỏ đan lục bình', 'handicraft', 'cái'],
  ['Chiếu cói', 'handicraft', 'cái'],
];
const SERVICES: Array<[string, ProductCategory, ProductUnit]> = [
  ['Tour rừng ngập mặn', 'tour', 'người'],
  ['Tour Đất Mũi', 'tour', 'người'],
  ['Tour sân chim', 'tour', 'người'],
  ['Homestay ven sông', 'homestay', 'đêm'],
  ['Homestay vườn dừa', 'homestay', 'đêm'],
];
const QUALIFIERS = [
  'loại 1',
  'loại đặc biệt',
  'hảo hạng',
  'size lớn',
  'size vừa',
  'hộp quà',
  'nguyên con',
  'sạch',
  'không phẩm màu',
  'đặc sản',
  'nhà làm',
  'phơi một nắng',
];
const PHRASES = [
  'Phơi nắng tự nhiên, không chất bảo quản.',
  'Đóng gói hút chân không, giao tận nơi.',
  'Nuôi quảng canh dưới tán rừng đước.',
  'Sản phẩm OCOP của hợp tác xã.',
  'Thu hoạch trong ngày, tươi ngon.',
  'Làm theo công thức truyền thống của gia đình.',
  'Bảo quản nơi khô ráo, thoáng mát.',
];

/** Deterministic pseudo-random numbers (mulberry32), so every run loads the same catalog. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function catalog(count: number, sellerCount: number) {
  const rnd = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const at = new Date('2026-01-01T00:00:00.000Z').getTime();
  const sellers: Seller[] = Array.from({ length: sellerCount }, (_, i) => {
    const commune = pick(communes);
    return {
      id: `sl-bench-${i}`,
      legalName: `Hợp tác xã ${pick(GOODS)[0]} ${commune.shortName}`,
      type: 'cooperative',
      taxCode: String(2_000_000_000 + i),
      communeCode: commune.code,
      sector: { code: '1020', classification: 'VSIC2025' },
      phone: `09${String(i).padStart(8, '0')}`,
      bank: {
        bin: '970405',
        accountNumber: `78002051${String(i).padStart(5, '0')}`,
        holderName: 'HTX',
      },
      status: 'approved',
      createdAt: new Date(at).toISOString(),
      updatedAt: new Date(at).toISOString(),
      version: 1,
    };
  });
  const products: Product[] = Array.from({ length: count }, (_, i) => {
    const [base, category, unit] = rnd() < 0.08 ? pick(SERVICES) : pick(GOODS);
    const seller = sellers[i % sellerCount] as Seller;
    const place = pick(communes).shortName;
    const created = new Date(at + Math.floor(rnd() * 300 * 86_400_000)).toISOString();
    const service = category === 'tour' || category === 'homestay';
    return {
      id: `pr-bench-${i}`,
      sellerId: seller.id,
      name: { vi: `${base} ${place} ${pick(QUALIFIERS)}` },
      description: { vi: `${base} ${place}. ${pick(PHRASES)} ${pick(PHRASES)}` },
      category,
      unit,
      price: (5 + Math.floor(rnd() * 400)) * 5_000,
      priceTiers: [],
      ...(service ? { capacityPerDate: 20 } : { stock: Math.floor(rnd() * 200) }),
      originCommuneCode: seller.communeCode,
      certifications: [],
      images: [],
      status: 'active',
      createdAt: created,
      updatedAt: created,
      version: 1,
    };
  });
  return { sellers, products };
}

const SCENARIOS: Array<{ name: string; query: Record<string, string> }> = [
  { name: 'q "tom kho ca mau"', query: { q: 'tom kho ca mau' } },
  { name: 'q "mat ong" + category', query: { q: 'mat ong', category: 'honey' } },
  { name: 'browse newest, page 1', query: {} },
  { name: 'browse newest, page 5', query: {} },
];

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const bench: BenchModule = {
  description:
    'storefront list/search at 10 000 products: cached listing + token index vs. Query-everything per request',
  async run(args) {
    const count = Number(args[0] ?? 10_000);
    const samples = Number(args[1] ?? 200);
    const baselineSamples = Number(args[2] ?? 12);
    const dynamo = await startDynamoDbLocal();
    try {
      const tableName = `bench-search-${randomUUID()}`;
      Object.assign(process.env, {
        TABLE_NAME: tableName,
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        AWS_REGION: 'ap-southeast-1',
        HOST_KIND: 'local',
        POWERTOOLS_LOG_LEVEL: 'CRITICAL',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        SIGNING_SECRET: 'bench-signing-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
      });
      await createLocalTables(dynamo.endpoint, tableName);

      // Modules that read config at load come after the env is set.
      const { seedOnce } = await import('../shared/db/seed');
      const db = await import('../shared/db/products');
      const { listLinear } = await import('../shared/catalog/listing');
      const { productSummaryView } = await import('../shared/catalog/view');
      const { handler } = await import('../functions/catalog/list-products');

      const { sellers, products } = catalog(count, 200);
      await seedOnce('bench', sellers, [], new Date());
      const bySeller = new Map<string, Product[]>();
      for (const p of products) bySeller.set(p.sellerId, [...(bySeller.get(p.sellerId) ?? []), p]);
      const writeMs = await timed(async () => {
        const groups = [...bySeller.values()];
        for (let i = 0; i < groups.length; i += 8)
          await Promise.all(groups.slice(i, i + 8).map((g) => db.insertMany(g, 'approved')));
      });
      console.log(
        `loaded ${count} products of ${sellers.length} sellers in ${(writeMs / 1000).toFixed(1)} s (insertMany, transactions of 99 + seller check)`,
      );

      const call = async (query: Record<string, string>) => {
        const event = {
          version: '2.0',
          routeKey: 'GET /api/products',
          rawPath: '/api/products',
          rawQueryString: new URLSearchParams(query).toString(),
          headers: { accept: 'application/json' },
          queryStringParameters: query,
          requestContext: {
            requestId: randomUUID(),
            http: { method: 'GET', path: '/api/products' },
          },
          isBase64Encoded: false,
        } as unknown as APIGatewayProxyEventV2;
        const res = await handler(event, lambdaContext('bench'));
        if (res.statusCode !== 200)
          throw new Error(`list-products answered ${res.statusCode}: ${res.body}`);
        return JSON.parse(res.body ?? '{}') as {
          items: Array<{ id: string }>;
          total: number;
          nextCursor?: string;
        };
      };

      /** The baseline: everything the handler does, minus the cache and the index. */
      const baseline = async (query: ListingQuery) => {
        const listed = await db.readListedProductsUncached();
        const page = listLinear(listed, query);
        const sellerMap = await db.getSellerSnapshots(page.items.map((p) => p.sellerId));
        return page.items.flatMap((p) => {
          const s = sellerMap.get(p.sellerId);
          return s?.status === 'approved' ? [productSummaryView(p, s, new Date())] : [];
        });
      };

      // Cold starts: the first request of a process reads the whole feed and builds the index.
      const colds: number[] = [];
      for (let i = 0; i < 5; i++) {
        db.resetListingCache();
        colds.push(await timed(() => call({})));
      }
      const coldMs = percentile(colds, 50);
      console.log(
        `cold cache load (first request: ${count} products read from 4 feed shards and indexed), median of 5: ${coldMs.toFixed(0)} ms`,
      );
      // Past the refresh overlap window, so steady state reads only what changes.
      await new Promise((r) => setTimeout(r, db.LISTING_CACHE.overlapMs + 200));

      // Page 5's cursor, by walking pages 1-4.
      let cursor: string | undefined;
      for (let i = 0; i < 4; i++) cursor = (await call(cursor ? { cursor } : {})).nextCursor;
      const queries = SCENARIOS.map((s, i) =>
        i === 3 && cursor ? { ...s, query: { ...s.query, cursor } } : s,
      );

      const first = await call(queries[0]?.query ?? {});
      console.log(
        `"tom kho ca mau": ${first.total} matches; page 1 starts with ${first.items[0]?.id}`,
      );

      const rows: Comparison[] = [];
      for (const scenario of queries) {
        const q = scenario.query;
        for (let i = 0; i < 10; i++) await call(q);
        const ours: number[] = [];
        for (let i = 0; i < samples; i++) ours.push(await timed(() => call(q)));
        const listingQuery: ListingQuery = {
          q: q.q,
          category: q.category as ProductCategory | undefined,
          cursor: q.cursor,
          limit: 20,
        };
        await baseline(listingQuery);
        const theirs: number[] = [];
        for (let i = 0; i < baselineSamples; i++)
          theirs.push(await timed(() => baseline(listingQuery)));
        for (const p of [50, 95]) {
          rows.push({
            figure: `${scenario.name} p${p}`,
            unit: 'ms',
            value: percentile(ours, p),
            baselineName: 'Query all + filter',
            baseline: percentile(theirs, p),
            higherIsBetter: false,
            goal: { ratio: 0.1, comparison: 'atMost' },
          });
        }
      }
      // Where a request's time goes (p50 over `samples`).
      const p50 = async (fn: () => Promise<unknown>) => {
        const t: number[] = [];
        for (let i = 0; i < samples; i++) t.push(await timed(fn));
        return percentile(t, 50).toFixed(2);
      };
      const twenty = sellers.slice(0, 20).map((s) => s.id);
      console.log(
        `p50 parts: feed refresh + browse ${await p50(() => db.listListedProducts({ limit: 20 }))} ms; ` +
          `feed refresh + "tom kho ca mau" ${await p50(() => db.listListedProducts({ q: 'tom kho ca mau', limit: 20 }))} ms; ` +
          `BatchGet of 20 sellers ${await p50(() => db.getSellerSnapshots(twenty))} ms`,
      );
      rows.push({
        figure: 'cold load (first request), median of 5',
        unit: 'ms',
        value: coldMs,
        baselineName: 'Query all + filter p50',
        baseline:
          rows.find((r) => r.figure === 'browse newest, page 1 p50')?.baseline ?? Number.NaN,
        higherIsBetter: false,
        goal: { ratio: 2, comparison: 'atMost' },
      });
      return rows;
    } finally {
      await dynamo.stop();
    }
  },
};

export default bench;

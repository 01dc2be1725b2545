import { seedOnce } from '../../shared/db/seed';
import { seedAccounts } from './seed-accounts';
import { demoProducts, demoSellers, SEED_VERSION } from './seed-data';

/** Seeds the demo data once per seed version (idempotent across restarts). */
export async function seed(
  now = new Date(),
): Promise<{ wrote: boolean; sellers: number; products: number }> {
  const wrote = await seedOnce(SEED_VERSION, demoSellers, demoProducts, now);
  return { wrote, sellers: demoSellers.length, products: demoProducts.length };
}

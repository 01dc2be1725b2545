import { seedOnce } from '../../shared/db/seed';
import { seedAccounts } from './seed-accounts';
import { demoProducts, demoSellers, SEED_VERSION } from './seed-data';

/** Seeds the demo data and the demo sign-ins once (idempotent across restarts). */
export async function seed(now = new Date()) {
  const wrote = await seedOnce(SEED_VERSION, demoSellers, demoProducts, now);
  const accounts = await seedAccounts();
  return { wrote, sellers: demoSellers.length, products: demoProducts.length, accounts };
}

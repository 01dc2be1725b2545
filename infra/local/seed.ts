import { seedDemoConnections } from '../../functions/payments/demo-connections';
import { seedOnce } from '../../shared/db/seed';
import { seedAccounts } from './seed-accounts';
import { demoProducts, demoSellers, SEED_VERSION } from './seed-data';

/** Seeds the demo data and the demo sign-ins once (idempotent across restarts). */
export async function seed(now = new Date()) {
  const wrote = await seedOnce(SEED_VERSION, demoSellers, demoProducts, now);
  const accounts = await seedAccounts();
  // The demo cooperative's payOS, SePay and Casso connections (secret: DEMO_WEBHOOK_SECRET).
  const demoSecret = process.env.DEMO_WEBHOOK_SECRET;
  const paymentConnections = demoSecret ? await seedDemoConnections(demoSecret, now) : 0;
  return {
    wrote,
    sellers: demoSellers.length,
    products: demoProducts.length,
    accounts,
    paymentConnections,
  };
}

import { CounterSaleSchema } from '../../../shared/orders/counter-sale';

/** Items xor amount; kind only with an amount. */
export const counterSaleSchemaCheck = () => [
  CounterSaleSchema.safeParse({ amount: 1000, method: 'cash' }).success,
  CounterSaleSchema.safeParse({
    amount: 1000,
    items: [{ productId: 'p', quantity: 1 }],
    method: 'cash',
  }).success,
  CounterSaleSchema.safeParse({
    kind: 'service',
    items: [{ productId: 'p', quantity: 1 }],
    method: 'cash',
  }).success,
  CounterSaleSchema.safeParse({ kind: 'service', amount: 5, method: 'vietqr' }).success,
];

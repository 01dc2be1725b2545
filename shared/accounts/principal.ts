/** Who is calling. The seller id always comes from here, never from the request. */
export type Role = 'seller' | 'officer' | 'admin';
export const ROLES = ['seller', 'officer', 'admin'] as const satisfies readonly Role[];

export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'session'; accountId: string; role: Role; sellerId?: string; sessionId: string }
  | { kind: 'apiKey'; role: 'seller'; sellerId: string; keyId: string };

export const ANONYMOUS: Principal = { kind: 'anonymous' };

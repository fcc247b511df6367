import { z } from 'zod';
import { TOKEN_SCOPES } from './token-scopes.ts';

/** A bearer token as the admin lists it: its prefix, never the secret. */
export const TokenView = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TokenView = z.infer<typeof TokenView>;

/** `POST /tokens`: a token for a service account, limited to `scopes` (each granted by the account's roles). */
export const CreateTokenInput = z.object({
  userId: z.uuid(),
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length),
  expiresInDays: z.number().int().min(1).max(730).optional(),
});
export type CreateTokenInput = z.infer<typeof CreateTokenInput>;

/** A new token: the secret is shown this once. */
export const TokenCreated = TokenView.extend({ token: z.string() });
export type TokenCreated = z.infer<typeof TokenCreated>;

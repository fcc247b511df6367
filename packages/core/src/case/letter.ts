import { z } from 'zod';
import { LETTER_KINDS } from './letter-number.ts';

/**
 * What a letter says, composed by the owning domain in Bahasa Indonesia (official letters
 * are in Indonesian) and stored with the letter, so a reprint years later says the same.
 */
export const LetterContent = z.object({
  title: z.string().min(1).max(200),
  recipient: z.array(z.string().max(200)).max(6).optional(),
  opening: z.string().max(2000).optional(),
  fields: z.array(z.object({ label: z.string().max(100), value: z.string().max(1000) })).max(30),
  paragraphs: z.array(z.string().max(4000)).max(20),
  place: z.string().max(100),
  signer: z.object({ name: z.string().max(200), title: z.string().max(300) }),
});
export type LetterContent = z.infer<typeof LetterContent>;

/** The public answer of the verification page: nothing about the resident. */
export const LetterVerification = z.object({
  number: z.string(),
  kind: z.enum(LETTER_KINDS),
  issuedAt: z.string(),
  issuingOffice: z.string(),
  validUntil: z.string(),
  status: z.enum(['valid', 'expired', 'revoked']),
  revokedAt: z.string().nullable(),
});
export type LetterVerification = z.infer<typeof LetterVerification>;

import { z } from 'zod';
import { COMPLEMENT_HIDDEN, SMALL_COUNT } from './suppression.ts';

/** A count as published: the number, or "<5" (small), or "x" (would reveal a small one). */
export const ShownCountValue = z.union([z.number().int().nonnegative(), z.literal(SMALL_COUNT), z.literal(COMPLEMENT_HIDDEN)]);

import { z } from 'zod';

/**
 * How a resident reaches a Puskesos, shown on the public tracking pages: the institution's public
 * data from its profile (no officer, no resident). A field the profile leaves empty is null.
 */
export const PuskesosContact = z.object({
  villageName: z.string(),
  kecamatanName: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  openingHours: z.string().nullable(),
});
export type PuskesosContact = z.infer<typeof PuskesosContact>;

import type { Catalog } from './catalog.ts';
import { format } from './catalog.ts';
import type { Locale } from './locale.ts';
import { commonMessages } from './messages/common.ts';
import { authMessages } from './messages/auth.ts';
import { registryMessages } from './messages/registry.ts';
import { registryFieldMessages } from './messages/registry-fields.ts';
import { referralMessages } from './messages/referrals.ts';
import { caseMessages } from './messages/cases.ts';
import { proposalMessages } from './messages/proposals.ts';
import { programMessages } from './messages/programs.ts';
import { linkageMessages } from './messages/linkage.ts';
import { puskesosMessages } from './messages/puskesos.ts';

import { privacyMessages } from './messages/privacy.ts';
import { auditMessages } from './messages/audit.ts';
import { statsMessages } from './messages/stats.ts';
/**
 * Every domain catalog, merged. A domain adds its catalog file under `messages/` and one
 * line here.
 */
const catalogs: Catalog[] = [commonMessages, authMessages, registryMessages, registryFieldMessages, referralMessages, caseMessages, proposalMessages, programMessages, privacyMessages, linkageMessages, puskesosMessages, auditMessages, statsMessages];

const merged: Catalog = { id: {}, en: {} };
for (const c of catalogs) {
  Object.assign(merged.id, c.id);
  Object.assign(merged.en, c.en);
}

export const MESSAGES: Readonly<Catalog> = merged;

/** Translates a message key; unknown keys come back as the key so a gap is visible, not blank. */
export function t(locale: Locale, key: string, params?: Record<string, string | number>): string {
  const template = merged[locale][key] ?? merged.id[key] ?? key;
  return format(template, params, locale);
}

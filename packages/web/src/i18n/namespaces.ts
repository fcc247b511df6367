// The namespaces' keys, typed from the Indonesian (source) files so that a missing key is a
// compile error. A feature that adds `locales/{id,en}/<namespace>.json` adds one line here.
import type common from './locales/id/common.json';
import type auth from './locales/id/auth.json';
import type admin from './locales/id/admin.json';
import type cases from './locales/id/cases.json';
import type intake from './locales/id/intake.json';
import type registry from './locales/id/registry.json';
import type proposals from './locales/id/proposals.json';
import type referrals from './locales/id/referrals.json';
import type directory from './locales/id/directory.json';
import type stats from './locales/id/stats.json';
import type programs from './locales/id/programs.json';
import type puskesos from './locales/id/puskesos.json';

import type privacy from './locales/id/privacy.json';
import type audit from './locales/id/audit.json';
interface Namespaces {
  common: typeof common;
  auth: typeof auth;
  admin: typeof admin;
  cases: typeof cases;
  intake: typeof intake;
  registry: typeof registry;
  proposals: typeof proposals;
  referrals: typeof referrals;
  directory: typeof directory;
  stats: typeof stats;
  programs: typeof programs;
  privacy: typeof privacy;
  puskesos: typeof puskesos;
  audit: typeof audit;
}

export type Namespace = keyof Namespaces;

/** The message keys of a namespace (its translator notes excluded). */
export type MessageKey<N extends Namespace> = Exclude<keyof Namespaces[N], '_notes'> & string;

/** A key with its namespace, `admin:nav.users`: how data (route tables) refers to a message. */
export type QualifiedKey = { [N in Namespace]: `${N}:${MessageKey<N>}` }[Namespace];

/** The namespaces bundled whole with the app shell (`catalog.ts`); the others load with their pages. */
type EagerNamespace = 'common' | 'auth';

/**
 * A key the shell can show without waiting for a namespace to load: any key of `common` or
 * `auth`, and the `nav.*` keys of every namespace (the labels of the menu and workspace pages).
 */
export type ShellKey =
  | { [N in EagerNamespace]: `${N}:${MessageKey<N>}` }[EagerNamespace]
  | { [N in Namespace]: `${N}:${Extract<MessageKey<N>, `nav.${string}`>}` }[Namespace];

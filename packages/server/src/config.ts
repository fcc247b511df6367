import { createHash } from 'node:crypto';
import path from 'node:path';
import { normalizeAreaCode, areaLevel } from '@slrt/core';

/**
 * Configuration, read once at start-up from the environment. Each variable says what it is;
 * development defaults only where they are safe. Secrets are never printed.
 */
export interface Config {
  /** Port the HTTP server listens on. */
  port: number;
  host: string;
  /** `postgres://...` to use a PostgreSQL server; unset = embedded PGlite under dataDir. */
  databaseUrl: string | null;
  /** Folder for the embedded database and uploaded documents. */
  dataDir: string;
  /** The deployment's kabupaten/kota, dotted (`32.04`). */
  kabupatenCode: string;
  /** Demo mode seeds demo users and data; never in production. */
  demo: boolean;
  production: boolean;
  /** Signs partner links and other tokens. Required in production (secret). */
  sessionSecret: string;
  /** Set when served behind HTTPS: cookies get the Secure flag. */
  secureCookies: boolean;
  /** Hours of inactivity before a session ends. */
  sessionIdleHours: number;
  logLevel: string;
  /** Sign-in attempts allowed per client address per minute (account lockout comes on top). */
  loginRateLimit: number;
  /** Demo mode also loads a small synthetic registry population (tests turn it off: they build their own). */
  demoPopulation: boolean;
  /** Keys the audit chain's hashes (HMAC) and signs its anchors: AUDIT_KEY, never in the database (secret). */
  auditKey: Buffer;
  /** True when no AUDIT_KEY was given and a development key was derived (demo and development only). */
  auditKeyDerived: boolean;
  /** Minutes between signed anchors of the audit chain head in DATA_DIR/audit-anchors.jsonl. */
  auditAnchorMinutes: number;
  /** Where each anchor is also POSTed as JSON (an external log); null = the file only. */
  auditAnchorUrl: string | null;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, opts: { demo?: boolean } = {}): Config {
  const production = env.NODE_ENV === 'production' && !opts.demo;
  const kab = normalizeAreaCode(env.SLRT_KABUPATEN ?? '32.04');
  if (!kab || areaLevel(kab) !== 'kabupaten') {
    throw new ConfigError(`SLRT_KABUPATEN must be a kabupaten/kota code such as 32.04 (got ${env.SLRT_KABUPATEN})`);
  }
  const secret = env.SESSION_SECRET ?? '';
  if (production && secret.length < 32) {
    throw new ConfigError('SESSION_SECRET (at least 32 characters) is required for a production start');
  }
  const auditKeyText = env.AUDIT_KEY ?? '';
  if (production && auditKeyText.length < 32) {
    throw new ConfigError('AUDIT_KEY (at least 32 characters, kept safe and never changed: it keys the audit trail) is required for a production start');
  }
  return {
    auditKey: auditKeyText
      ? Buffer.from(auditKeyText, 'utf8')
      // demo/development only (refused above in production): derived, and said so at start-up
      : createHash('sha256').update(`slrt-development-audit-key:${secret || 'slrt-development-secret-not-for-production-use'}`).digest(),
    auditKeyDerived: !auditKeyText,
    auditAnchorMinutes: Number(env.AUDIT_ANCHOR_MINUTES ?? 60),
    auditAnchorUrl: env.AUDIT_ANCHOR_URL || null,
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    kabupatenCode: kab,
    demo: Boolean(opts.demo),
    production,
    // The demo secret is only for demo and development starts, refused above in production.
    sessionSecret: secret || 'slrt-development-secret-not-for-production-use',
    secureCookies: env.SECURE_COOKIES === 'true',
    sessionIdleHours: Number(env.SESSION_IDLE_HOURS ?? 12),
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    loginRateLimit: Number(env.LOGIN_RATE_LIMIT ?? 30),
    demoPopulation: (env.SLRT_DEMO_POPULATION ?? (env.NODE_ENV === 'test' ? 'false' : 'true')) !== 'false',
  };
}

/** Names and descriptions, for the README table and `slrt --help`. */
export const CONFIG_DOC: ReadonlyArray<[string, string, string]> = [
  ['PORT', '3000', 'HTTP port'],
  ['HOST', '0.0.0.0', 'address to listen on'],
  ['DATABASE_URL', '(unset)', 'postgres://user:pass@host/db to use a PostgreSQL server instead of the embedded PGlite'],
  ['DATA_DIR', './data', 'embedded database and uploaded documents'],
  ['SLRT_KABUPATEN', '32.04', 'the kabupaten/kota this deployment serves (Kemendagri code)'],
  ['SESSION_SECRET', '(none; required in production)', 'secret for signed links; at least 32 characters'],
  ['SECURE_COOKIES', 'false', 'true when served behind HTTPS'],
  ['SESSION_IDLE_HOURS', '12', 'hours of inactivity before a session ends'],
  ['LOG_LEVEL', 'info', 'fatal, error, warn, info, debug'],
  ['LOGIN_RATE_LIMIT', '30', 'sign-in attempts per client address per minute'],
  ['AUDIT_KEY', '(none; required in production)', 'secret that keys the audit trail (HMAC); at least 32 characters; keep a copy, never change it'],
  ['AUDIT_ANCHOR_MINUTES', '60', 'minutes between signed anchors of the audit chain head in DATA_DIR/audit-anchors.jsonl'],
  ['AUDIT_ANCHOR_URL', '(unset)', 'also POST each anchor as JSON to this external log'],
  ['SLRT_DEMO_POPULATION', 'true', 'demo mode: load a small synthetic registry population (false to skip)'],
];

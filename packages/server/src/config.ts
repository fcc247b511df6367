import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { normalizeAreaCode, areaLevel } from '@slrt/core';
import { APP_ROLE_PATTERN, DEFAULT_APP_ROLE } from './db/app-role.ts';

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
  /**
   * `postgres://...` of the application's own login (a member of databaseAppRole, never the
   * owner): the server's connections use it. Unset: DATABASE_URL with SET ROLE to
   * databaseAppRole. The owner (DATABASE_URL) applies the migrations (secret).
   */
  databaseAppUrl: string | null;
  /** The lesser role the application runs as on PostgreSQL (db/app-role.ts); one per database. */
  databaseAppRole: string;
  /**
   * `postgres://...` of a streaming replica of DATABASE_URL's database: dashboards, reports,
   * exports and kabupaten-wide searches read from it (db/replica.ts); its connections run as
   * databaseAppRole. Unset: every read goes to the primary (secret).
   */
  databaseReplicaUrl: string | null;
  /** Folder for the embedded database and uploaded documents. */
  dataDir: string;
  /** The deployment's (first) kabupaten/kota, dotted (`32.04`): the demo's, the public directory's, the letterhead's. */
  kabupatenCode: string;
  /**
   * Every kabupaten/kota this installation serves (`SLRT_KABUPATEN=32.04,32.73`), the first being
   * `kabupatenCode`. Each user works inside one of them (or a province, aggregates only); the
   * start-up and nightly work runs for each.
   */
  kabupatenCodes: readonly string[];
  /** Demo mode seeds demo users and data; never in production. */
  demo: boolean;
  production: boolean;
  /** Signs partner links and other tokens. Required in production (secret). */
  sessionSecret: string;
  /**
   * The address residents and partners reach the deployment on (`https://slrt.example.go.id`,
   * no trailing slash). Every link and QR code is built from it (`publicLink`), never from
   * request headers. Required in production.
   */
  publicUrl: string;
  /**
   * Proxies whose forwarding headers (X-Forwarded-For/-Host/-Proto) are believed: addresses,
   * CIDR ranges or `loopback`. Empty: none, the client address is the connection's.
   */
  trustedProxies: string[];
  /** Cookies get the Secure flag; defaults to true when PUBLIC_URL is https. */
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
  /** The Dinas on the letterhead of printed reports (kop surat), e.g. "DINAS SOSIAL"; null = the catalog's default. */
  dinasName: string | null;
  /** The Dinas' address line under it on printed reports; null = none. */
  dinasAddress: string | null;
}

export class ConfigError extends Error {}

const DEMO_SECRET = 'slrt-development-secret-not-for-production-use';

/** `https://host[:port][/path]` without a trailing slash, or null when not an http(s) URL. */
function parsePublicUrl(raw: string): string | null {
  try {
    const u = new URL(raw);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    if (u.search || u.hash || u.username || u.password) return null;
    return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/**
 * Reads the configuration. `serve` without `demo` is a production start: it refuses to run
 * without SESSION_SECRET and PUBLIC_URL, naming every missing setting in one message. Only
 * `demo` (what `npm start` runs) falls back to demo settings. Other commands (migrate, user,
 * token, ...) build no links and sign nothing: they need neither.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, opts: { demo?: boolean; serve?: boolean } = {}): Config {
  const demo = Boolean(opts.demo);
  const production = !demo;
  const kabs = (env.SLRT_KABUPATEN ?? '32.04').split(',').map((c) => normalizeAreaCode(c));
  if (kabs.some((k) => !k || areaLevel(k) !== 'kabupaten')) {
    throw new ConfigError(`SLRT_KABUPATEN must be kabupaten/kota codes such as 32.04 or 32.04,32.73 (got ${env.SLRT_KABUPATEN})`);
  }
  const kabupatenCodes = [...new Set(kabs as string[])];
  const kab = kabupatenCodes[0]!;
  const port = Number(env.PORT ?? 3000);
  const secret = env.SESSION_SECRET ?? '';
  const publicUrl = env.PUBLIC_URL ? parsePublicUrl(env.PUBLIC_URL) : null;
  const problems: string[] = [];
  if (secret && secret.length < 32) problems.push('SESSION_SECRET must be at least 32 characters');
  if (env.PUBLIC_URL && !publicUrl) problems.push(`PUBLIC_URL must be an http(s) address such as https://slrt.example.go.id (got ${env.PUBLIC_URL})`);
  if (production && opts.serve) {
    const missing = [...(secret ? [] : ['SESSION_SECRET']), ...(env.PUBLIC_URL ? [] : ['PUBLIC_URL'])];
    if (missing.length) problems.unshift(`missing ${missing.join(', ')}`);
  }
  const databaseAppRole = env.DATABASE_APP_ROLE || DEFAULT_APP_ROLE;
  if (!APP_ROLE_PATTERN.test(databaseAppRole)) {
    throw new ConfigError(`DATABASE_APP_ROLE must be a lower-case role name such as slrt_app (got ${databaseAppRole})`);
  }
  if (env.DATABASE_APP_URL && !env.DATABASE_URL) {
    throw new ConfigError('DATABASE_APP_URL needs DATABASE_URL (the owner, who applies the migrations)');
  }
  if (env.DATABASE_REPLICA_URL && !env.DATABASE_URL) {
    throw new ConfigError('DATABASE_REPLICA_URL needs DATABASE_URL (the primary it replicates; the embedded database has no replica)');
  }
  const auditKeyText = env.AUDIT_KEY ?? '';
  if (auditKeyText && auditKeyText.length < 32) problems.push('AUDIT_KEY must be at least 32 characters');
  // a production start needs the audit key; so does any tool that writes the audit trail of a
  // production deployment (NODE_ENV=production), lest it chain events with a derived key
  if (production && !auditKeyText && (opts.serve || env.NODE_ENV === 'production')) {
    if (problems[0]?.startsWith('missing ')) problems[0] += ', AUDIT_KEY (kept safe and never changed: it keys the audit trail)';
    else problems.unshift('missing AUDIT_KEY (kept safe and never changed: it keys the audit trail)');
  }
  if (problems.length) {
    throw new ConfigError(`A production start needs its settings (or run \`slrt serve --demo\` for the demo): ${problems.join('; ')}.`);
  }
  const secureCookies = env.SECURE_COOKIES ? env.SECURE_COOKIES === 'true' : Boolean(publicUrl?.startsWith('https:'));
  return {
    auditKey: auditKeyText
      ? Buffer.from(auditKeyText, 'utf8')
      // demo/development only (refused above in production): derived, and said so at start-up
      : createHash('sha256').update(`slrt-development-audit-key:${secret || DEMO_SECRET}`).digest(),
    auditKeyDerived: !auditKeyText,
    auditAnchorMinutes: Number(env.AUDIT_ANCHOR_MINUTES ?? 60),
    auditAnchorUrl: env.AUDIT_ANCHOR_URL || null,
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    databaseAppUrl: env.DATABASE_APP_URL || null,
    databaseAppRole,
    databaseReplicaUrl: env.DATABASE_REPLICA_URL || null,
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    kabupatenCode: kab,
    kabupatenCodes,
    demo,
    production,
    // Demo starts share a public secret; a tool run without one gets a throw-away secret (it
    // signs nothing that outlives it); a production start was refused above without one.
    sessionSecret: secret || (demo ? DEMO_SECRET : randomBytes(32).toString('base64url')),
    publicUrl: publicUrl ?? `http://localhost:${port}`,
    trustedProxies: (env.TRUSTED_PROXIES ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    secureCookies,
    sessionIdleHours: Number(env.SESSION_IDLE_HOURS ?? 12),
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    loginRateLimit: Number(env.LOGIN_RATE_LIMIT ?? 30),
    demoPopulation: (env.SLRT_DEMO_POPULATION ?? (env.NODE_ENV === 'test' ? 'false' : 'true')) !== 'false',
    dinasName: env.SLRT_DINAS_NAME?.trim() || null,
    dinasAddress: env.SLRT_DINAS_ADDRESS?.trim() || null,
  };
}

/**
 * The one way to build an absolute address for a link or QR code (letters, receipts,
 * referral links, verification pages): PUBLIC_URL + path. Never from request headers, which
 * anyone can set.
 */
export function publicLink(config: Pick<Config, 'publicUrl'>, pathAndQuery: string): string {
  return `${config.publicUrl}${pathAndQuery.startsWith('/') ? '' : '/'}${pathAndQuery}`;
}

/** Names and descriptions, for the README table and `slrt --help`. */
export const CONFIG_DOC: ReadonlyArray<[string, string, string]> = [
  ['PORT', '3000', 'HTTP port'],
  ['HOST', '0.0.0.0', 'address to listen on'],
  ['DATABASE_URL', '(unset)', 'postgres://owner:pass@host/db to use a PostgreSQL server instead of the embedded PGlite; this user owns the tables and applies the migrations'],
  ['DATABASE_APP_ROLE', 'slrt_app', 'the lesser role the application runs as on PostgreSQL (created by the migrations); one per database'],
  ['DATABASE_APP_URL', '(unset: SET ROLE from DATABASE_URL)', 'postgres://app:pass@host/db: the application\'s own login, a member of DATABASE_APP_ROLE (recommended in production)'],
  ['DATABASE_REPLICA_URL', '(unset: the primary)', 'postgres://app:pass@replica/db: a streaming replica of DATABASE_URL; dashboards, reports, exports and kabupaten-wide searches read from it'],
  ['DATA_DIR', './data', 'embedded database and uploaded documents'],
  ['SLRT_KABUPATEN', '32.04', 'the kabupaten/kota this deployment serves (Kemendagri code); several, comma-separated, for a province-run installation (32.04,32.73): the first is the demo\'s and the public directory\'s'],
  ['SESSION_SECRET', '(none; required in production)', 'secret for signed links; at least 32 characters'],
  ['PUBLIC_URL', '(none; required in production)', 'the https address residents and partners use: every link and QR code is built from it'],
  ['TRUSTED_PROXIES', '(none)', 'comma-separated proxy addresses/CIDRs (or loopback) whose X-Forwarded-* headers are believed'],
  ['SECURE_COOKIES', 'true if PUBLIC_URL is https', 'Secure flag on the session cookie'],
  ['SESSION_IDLE_HOURS', '12', 'hours of inactivity before a session ends'],
  ['LOG_LEVEL', 'info', 'fatal, error, warn, info, debug'],
  ['LOGIN_RATE_LIMIT', '30', 'sign-in attempts per client address per minute'],
  ['AUDIT_KEY', '(none; required in production)', 'secret that keys the audit trail (HMAC); at least 32 characters; keep a copy, never change it'],
  ['AUDIT_ANCHOR_MINUTES', '60', 'minutes between signed anchors of the audit chain head in DATA_DIR/audit-anchors.jsonl'],
  ['AUDIT_ANCHOR_URL', '(unset)', 'also POST each anchor as JSON to this external log'],
  ['SLRT_DEMO_POPULATION', 'true', 'demo mode: load a small synthetic registry population (false to skip)'],
  ['SLRT_DINAS_NAME', '(DINAS SOSIAL)', 'the office on the letterhead of printed reports (monthly report, invitation lists)'],
  ['SLRT_DINAS_ADDRESS', '(none)', 'the address line under it'],
];

import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { canonicalJson, type AuditKey } from './audit-event.ts';
import { chainHeads, type AnchorPoint } from './verify.ts';

/**
 * Anchors of the audit chain outside the database: at intervals (and after each successful
 * verification) the head of each kabupaten's chain, signed with the audit key, is appended to
 * DATA_DIR/audit-anchors.jsonl and, when AUDIT_ANCHOR_URL is set, POSTed to an external log.
 * Someone who deletes the tail of the chain and moves the head back inside the database cannot
 * move the anchor: verification reports the chain as truncated against the last anchor.
 */

export interface AuditAnchor extends AnchorPoint {
  kabCode: string;
  at: string;
  /** HMAC-SHA256 of the other fields (canonical JSON) with the audit key. */
  mac: string;
}

const ANCHOR_FILE = 'audit-anchors.jsonl';
export const anchorFile = (dataDir: string) => path.join(dataDir, ANCHOR_FILE);

function macOf(key: AuditKey, a: Omit<AuditAnchor, 'mac'>): string {
  return createHmac('sha256', key).update(canonicalJson({ kabCode: a.kabCode, seq: a.seq, hash: a.hash, at: a.at })).digest('hex');
}

function isSigned(key: AuditKey, a: AuditAnchor): boolean {
  const expected = Buffer.from(macOf(key, a), 'hex');
  const given = Buffer.from(typeof a.mac === 'string' ? a.mac : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The anchor lines of a kabupaten's chain in the file order, each with whether its signature holds. */
function readAnchors(dataDir: string, key: AuditKey, kabCode: string): Array<AuditAnchor & { signed: boolean }> {
  let text: string;
  try {
    text = fs.readFileSync(anchorFile(dataDir), 'utf8');
  } catch {
    return [];
  }
  const out: Array<AuditAnchor & { signed: boolean }> = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let a: AuditAnchor;
    try {
      a = JSON.parse(line) as AuditAnchor;
    } catch {
      continue;
    }
    if (a.kabCode !== kabCode || typeof a.seq !== 'number' || typeof a.hash !== 'string' || typeof a.at !== 'string') continue;
    out.push({ ...a, signed: isSigned(key, a) });
  }
  return out;
}

/** The newest correctly signed anchor of a kabupaten's chain in the file, or null. Unsigned lines are ignored. */
export function lastAnchor(dataDir: string, key: AuditKey, kabCode: string): AuditAnchor | null {
  let best: AuditAnchor | null = null;
  for (const { signed, ...a } of readAnchors(dataDir, key, kabCode)) {
    if (signed && (!best || a.seq >= best.seq)) best = a;
  }
  return best;
}

/** The newest `limit` anchor lines of a kabupaten's chain, newest first, unsigned (forged) ones included and marked. */
export function recentAnchors(dataDir: string, key: AuditKey, kabCode: string, limit: number): Array<{ seq: number; hash: string; at: string; signed: boolean }> {
  return readAnchors(dataDir, key, kabCode).slice(-limit).reverse().map((a) => ({ seq: a.seq, hash: a.hash, at: a.at, signed: a.signed }));
}

/**
 * Appends a signed anchor for each chain whose head moved since its last anchor; sends each to
 * the external log when configured (a failure there is logged, the file is kept).
 */
export async function anchorChainHeads(
  deps: { db: Db; config: Pick<Config, 'dataDir' | 'auditKey' | 'auditAnchorUrl'> },
  log: (msg: string, err?: unknown) => void = () => {},
): Promise<AuditAnchor[]> {
  const { dataDir, auditKey, auditAnchorUrl } = deps.config;
  const written: AuditAnchor[] = [];
  for (const head of await chainHeads(deps.db)) {
    const last = lastAnchor(dataDir, auditKey, head.kabCode);
    if (last && last.seq === head.seq && last.hash === head.hash) continue;
    const unsigned = { kabCode: head.kabCode, seq: head.seq, hash: head.hash, at: new Date().toISOString() };
    const anchor: AuditAnchor = { ...unsigned, mac: macOf(auditKey, unsigned) };
    fs.mkdirSync(dataDir, { recursive: true });
    fs.appendFileSync(anchorFile(dataDir), `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
    written.push(anchor);
    if (auditAnchorUrl) {
      try {
        const res = await fetch(auditAnchorUrl, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(anchor), signal: AbortSignal.timeout(10_000),
        });
        if (!res.ok) log(`audit anchor: the external log answered ${res.status}`);
      } catch (err) {
        log('audit anchor: the external log could not be reached', err);
      }
    }
  }
  return written;
}

/** Anchors now and then every `minutes`; returns the function that stops it. */
export function startAuditAnchoring(deps: { db: Db; config: Pick<Config, 'dataDir' | 'auditKey' | 'auditAnchorUrl' | 'auditAnchorMinutes'> }, log: (msg: string, err?: unknown) => void): () => void {
  const run = () => anchorChainHeads(deps, log).catch((err: unknown) => log('audit anchor failed', err));
  void run();
  const timer = setInterval(() => void run(), Math.max(1, deps.config.auditAnchorMinutes) * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}

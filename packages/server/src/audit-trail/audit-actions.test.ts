import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditActionMessages, auditPurposeMessages, CASE_ACTIONS, MESSAGES, PROPOSAL_SYSTEM_ACTIONS, PROPOSAL_USER_ACTIONS, REFERRAL_ACTIONS, RETENTION_ACTION, auditActionLabel, auditRolesLabel, ROLES } from '@slrt/core';

/**
 * Every action the server records has a label in both languages (the auditor reads labels,
 * not codes): the literal codes found in the server's source, and the codes built from a
 * workflow's actions.
 */
const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testing' ? [] : sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && e.name !== 'testing.ts' ? [p] : [];
  });
}

/** The quoted dotted codes after `action:` up to the next property of the object. */
function literalActions(): Set<string> {
  const found = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const at = line.search(/\baction: /);
      if (at < 0) continue;
      const rest = line.slice(at + 'action: '.length).split(/,\s*\w+:/)[0]!;
      for (const m of rest.matchAll(/'([a-z_]+(?:\.[a-z_-]+)+)'/g)) found.add(m[1]!);
    }
  }
  return found;
}

/** The quoted dotted codes after `purpose:` (and the constants a purpose is named by) in the server's source. */
function literalPurposes(): Set<string> {
  const found = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bpurpose(?::|\s*=)\s*(?:[\w.]+\s*\?\s*)?'([a-z_]+(?:\.[a-z_]+)+)'(?:\s*:\s*'([a-z_]+(?:\.[a-z_]+)+)')?/g)) {
      found.add(m[1]!);
      if (m[2]) found.add(m[2]);
    }
    for (const m of text.matchAll(/const REVIEW = '([a-z_.]+)'/g)) found.add(m[1]!);
  }
  return found;
}

describe('audit purpose labels', () => {
  it('name every purpose the server records, in Indonesian and English', () => {
    const codes = new Set([
      ...literalPurposes(),
      // documents are read for `<owner type>.document`
      ...['case', 'referral', 'proposal', 'proposal_round', 'puskesos_visit', 'puskesos_funding'].map((o) => `${o}.document`),
    ]);
    expect(codes.size).toBeGreaterThan(30);
    const id: Record<string, string> = auditPurposeMessages.id, en: Record<string, string> = auditPurposeMessages.en;
    expect([...codes].filter((c) => !id[`audit.purpose.${c}`] || !en[`audit.purpose.${c}`])).toEqual([]);
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
  });
});

describe('audit action labels', () => {
  it('name every action the server records, in Indonesian and English', () => {
    const codes = new Set([
      ...literalActions(),
      ...CASE_ACTIONS.map((a) => `case.${a}`),
      ...REFERRAL_ACTIONS.map((a) => `referral.${a}`),
      ...[...PROPOSAL_USER_ACTIONS, ...PROPOSAL_SYSTEM_ACTIONS].map((a) => `proposal.${a}`),
      ...Object.values(RETENTION_ACTION).map((a) => `retention.${a}`),
      ...['confirm', 'approve'].map((a) => `puskesos.funding.${a}`),
      ...['person', 'household', 'family'].map((r) => `${r}.update`),
    ]);
    expect(codes.size).toBeGreaterThan(150);
    const id: Record<string, string> = auditActionMessages.id, en: Record<string, string> = auditActionMessages.en;
    const missing = [...codes].filter((c) => !id[`audit.action.${c}`] || !en[`audit.action.${c}`]);
    expect(missing).toEqual([]);
    // the same keys in both languages, none empty
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
    expect(Object.values({ ...id, ...en }).filter((v) => !v.trim())).toEqual([]);
  });

  it('fall back to the code where there is no label, and name roles', () => {
    expect(auditActionLabel('id', 'person.read')).toBe('Membaca data warga');
    expect(auditActionLabel('en', 'GET /api/v1/x')).toBe('GET /api/v1/x');
    expect(auditRolesLabel('en', 'auditor,dpo')).toBe('Auditor, Data Protection Officer');
    expect(auditRolesLabel('id', 'operator')).toBe('operator');
    for (const r of ROLES) expect([MESSAGES.id[`role.${r}`], MESSAGES.en[`role.${r}`]], r).not.toContain(undefined);
  });
});

import { codeLabel, type CodeListName } from '../registry/code-lists.ts';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import { INDICATOR_FIELDS, type Criterion, type MemberPredicate } from './eligibility-rule.ts';
import type { Finding } from './evaluate-rule.ts';

/**
 * A finding as one sentence naming the rule and the data that decided it
 * ("Desil 2 ≤ 4", "Anak usia SD: Dewi, 9 tahun"), in the officer's language.
 */

const ELDERLY_FROM = 60;

export function componentLabel(p: MemberPredicate, locale: Locale): string {
  switch (p.kind) {
    case 'pregnant': return t(locale, 'screening.component.pregnant');
    case 'severeDisability': return t(locale, 'screening.component.severe_disability');
    case 'schoolAge': return t(locale, `screening.component.school.${p.level}`);
    case 'age':
      if (p.min !== undefined && p.max !== undefined) return t(locale, 'screening.component.age_range', { min: p.min, max: p.max });
      if (p.max !== undefined) return t(locale, 'screening.component.age_under', { limit: p.max + 1 });
      return t(locale, (p.min ?? 0) >= ELDERLY_FROM ? 'screening.component.elderly' : 'screening.component.age_over', { min: p.min ?? 0 });
  }
}

function fieldValue(field: keyof typeof INDICATOR_FIELDS, value: string, locale: Locale): string {
  return `${t(locale, `screening.field.${field}`)} ${codeLabel(INDICATOR_FIELDS[field], value, locale).toLowerCase()}`;
}

function docLabel(code: string, locale: Locale): string {
  return codeLabel('documents_held' satisfies CodeListName, code, locale);
}

export function describeFinding(f: Finding, locale: Locale): string {
  switch (f.kind) {
    case 'maxDesil':
      return f.desil === null
        ? t(locale, 'screening.desil.unknown', { max: f.max })
        : t(locale, `screening.desil.${f.outcome}`, { desil: f.desil, max: f.max });
    case 'members': {
      if (f.outcome === 'pass') {
        return f.matches.map((m) => m.age === null
          ? t(locale, 'screening.member.match_no_age', { component: componentLabel(m.predicate, locale), name: m.name })
          : t(locale, 'screening.member.match', { component: componentLabel(m.predicate, locale), name: m.name, age: m.age })).join('; ');
      }
      const list = f.anyOf.map((p) => componentLabel(p, locale)).join(', ');
      if (f.outcome === 'fail') return t(locale, 'screening.members.fail', { list });
      const missing = f.missing.map((m) => t(locale, `screening.missing.${m.field}`, { name: m.name })).join(', ');
      return t(locale, 'screening.members.unknown', { list, missing });
    }
    case 'indicators': {
      if (f.outcome === 'pass') return t(locale, 'screening.indicators.pass', { list: f.hits.map((h) => fieldValue(h.field, h.value, locale)).join(', ') });
      if (f.outcome === 'fail') return t(locale, 'screening.indicators.fail', { list: f.misses.map((h) => fieldValue(h.field, h.value, locale)).join(', ') });
      return t(locale, 'screening.indicators.unknown', { list: f.missing.map((m) => t(locale, `screening.field.${m}`)).join(', ') });
    }
    case 'registryStatus': {
      if (f.name === null || f.status === null) return t(locale, 'screening.registry.unknown');
      const status = codeLabel('registry_status', f.status, locale);
      const list = f.statuses.map((s) => codeLabel('registry_status', s, locale)).join(', ');
      return t(locale, `screening.registry.${f.outcome === 'pass' ? 'pass' : 'fail'}`, { name: f.name, status, list });
    }
    case 'documents': {
      if (f.outcome === 'pass') return t(locale, 'screening.documents.pass', { list: f.documents.map((d) => docLabel(d, locale)).join(', ') });
      if (f.outcome === 'fail') {
        return t(locale, 'screening.documents.fail', { list: f.lacking.map((l) => `${l.name} (${l.documents.map((d) => docLabel(d, locale)).join(', ')})`).join('; ') });
      }
      const list = f.missing.map((n) => n === 'head' ? t(locale, 'screening.documents.no_head') : n).join(', ');
      return t(locale, 'screening.documents.unknown', { list });
    }
    case 'decidedBy':
      return t(locale, `screening.decided.${f.body}`);
  }
}

/** A criterion of a rule as one phrase, for reading a rule (the kabupaten's program screens). */
export function describeCriterion(c: Criterion, locale: Locale): string {
  switch (c.kind) {
    case 'maxDesil': return t(locale, 'rule.maxDesil', { max: c.max });
    case 'members': return t(locale, 'rule.members', { list: c.anyOf.map((p) => componentLabel(p, locale)).join(', ') });
    case 'indicators': return t(locale, `rule.indicators.${c.match}`, {
      list: c.conditions.map((x) => `${t(locale, `screening.field.${x.field}`)} ${x.values.map((v) => codeLabel(INDICATOR_FIELDS[x.field], v, locale).toLowerCase()).join('/')}`).join('; '),
    });
    case 'registryStatus': return t(locale, 'rule.registryStatus', { list: c.statuses.map((s) => codeLabel('registry_status', s, locale)).join(', ') });
    case 'documents': return t(locale, `rule.documents.${c.who}`, { list: c.documents.map((d) => docLabel(d, locale)).join(', ') });
    case 'decidedBy': return t(locale, `screening.decided.${c.body}`);
  }
}

import { useEffect, useState, type ReactNode } from 'react';
import type { DuplicateCheckRequest, LikelyMatch } from '@slrt/core';
import { api, errorMessage } from '../../api/client.ts';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { formatDate } from './format.ts';

/** The fields of a person about to be created, as the form holds them ('' when not filled in). */
export interface PersonToCheck {
  nik?: string;
  fullName?: string;
  sex?: string;
  birthDate?: string;
  villageCode?: string;
  kk?: string;
}

/** The check's request, or null while the form lacks what it needs (a name, the sex, the village). */
function checkRequestOf(p: PersonToCheck): DuplicateCheckRequest | null {
  const fullName = p.fullName?.trim() ?? '';
  if (fullName.length < 2 || (p.sex !== 'M' && p.sex !== 'F') || !p.villageCode) return null;
  return {
    fullName,
    sex: p.sex,
    villageCode: p.villageCode,
    nik: p.nik && /^\d{16}$/.test(p.nik) ? p.nik : null,
    birthDate: p.birthDate && /^\d{4}-\d{2}-\d{2}$/.test(p.birthDate) ? p.birthDate : null,
    kk: p.kk && /^\d{16}$/.test(p.kk) ? p.kk : null,
  };
}

/** Waits this long after the last keystroke before asking the server. */
const SETTLE_MS = 500;

/**
 * Likely matches of a person about to be created (intake, usulan): as the officer fills in
 * the name, sex, village (and birth date, NIK), the registry is checked
 * (`POST /registry/duplicate-check`) and the persons who may be the same are listed with the
 * score and the comparisons that agreed; `action` renders the officer's choice for each (use
 * this person instead). Nothing is listed while the form lacks what the check needs.
 */
export function LikelyMatches({ person, action, testId }: { person: PersonToCheck; action: (match: LikelyMatch) => ReactNode; testId?: string }) {
  const t = useT('registry');
  const { locale } = useLocale();
  const request = checkRequestOf(person);
  const key = request ? JSON.stringify(request) : null;
  const [answer, setAnswer] = useState<{ key: string; items: LikelyMatch[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!key) return undefined;
    let live = true;
    const timer = setTimeout(() => {
      api.post<{ items: LikelyMatch[] }>('/registry/duplicate-check', JSON.parse(key) as DuplicateCheckRequest)
        .then((r) => {
          if (live) {
            setAnswer({ key, items: r.items });
            setError(null);
          }
        })
        .catch((e: unknown) => {
          if (live) setError(errorMessage(e));
        });
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);

  if (!key) return null;
  if (error) return <p className="alert alert--error" role="alert">{t('likely.failed', { error })}</p>;
  const items = answer?.key === key ? answer.items : null;
  if (!items) return <p className="hint" role="status" data-testid={testId} data-likely-state="checking">{t('likely.checking')}</p>;
  if (items.length === 0) return <p className="hint" role="status" data-testid={testId} data-likely-state="none">{t('likely.none')}</p>;
  return (
    <div className="alert alert--warning" role="status" data-testid={testId} data-likely-state="found">
      <p>{t('likely.title', { count: items.length })}</p>
      <ul className="cards">
        {items.map((m) => (
          <li key={m.person.id} className="card" data-likely-match={m.person.id}>
            <p className="card__title">{m.person.fullName}</p>
            <p className="card__meta">
              {[m.person.nik, m.person.birthDate ? formatDate(m.person.birthDate, locale) : null, m.person.villageCode].filter(Boolean).join(' · ')}
            </p>
            <p className="card__meta">
              {t('duplicates.score', { score: Math.round(m.score * 100) })}
              {' · '}
              {t('likely.agreed', {
                fields: m.explanation.filter((e) => e.weight > 0).map((e) => t(`duplicates.comparison.${e.key}` as 'duplicates.comparison.name')).join(', ') || '—',
              })}
            </p>
            {action(m)}
          </li>
        ))}
      </ul>
      <p className="hint">{t('likely.hint')}</p>
    </div>
  );
}

import { useState } from 'react';
import { LinkHolder } from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';
import { TextField } from '../../ui/Field.tsx';

const storageKey = (token: string) => `slrt.link-holder.${token.slice(-24)}`;

/** The holder this browser typed for this link, if any (kept in the browser, for this link only). */
export function storedHolder(token: string): LinkHolder | null {
  try {
    const parsed = LinkHolder.safeParse(JSON.parse(localStorage.getItem(storageKey(token)) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Before the first action through a signed link: who is acting (name, required; position,
 * optional), asked once and kept in the browser for this link. Each action sends it; the office
 * sees it in the referral's history.
 */
export function LinkHolderForm({ token, onSaved }: { token: string; onSaved: (h: LinkHolder) => void }) {
  const t = useT('referrals');
  const [name, setName] = useState('');
  const [position, setPosition] = useState('');
  const parsed = LinkHolder.safeParse({ name, ...(position.trim() ? { position } : {}) });
  const [tried, setTried] = useState(false);
  const nameProblem = tried && !parsed.success && parsed.error.issues.some((i) => i.path[0] === 'name') ? t('holder.nameInvalid') : undefined;
  const positionProblem = tried && !parsed.success && parsed.error.issues.some((i) => i.path[0] === 'position') ? t('holder.positionInvalid') : undefined;
  return (
    <form
      className="link-holder"
      data-testid="link-holder"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (!parsed.success) return;
        localStorage.setItem(storageKey(token), JSON.stringify(parsed.data));
        onSaved(parsed.data);
      }}
      noValidate
    >
      <h2>{t('holder.title')}</h2>
      <p className="hint">{t('holder.intro')}</p>
      <TextField id="holder-name" label={t('holder.name')} value={name} onChange={(e) => setName(e.target.value)} error={nameProblem} maxLength={120} autoComplete="name" required />
      <TextField id="holder-position" label={t('holder.position')} value={position} onChange={(e) => setPosition(e.target.value)} error={positionProblem} maxLength={120} autoComplete="organization-title" />
      <button type="submit" className="button button--primary">{t('holder.save')}</button>
    </form>
  );
}

import { useState } from 'react';
import { useResource } from '../../api/use-resource.ts';
import { Link, useParams, useSearchParam } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { useLiveEvents } from './live.ts';
import type { ReferralLinkList } from '@slrt/core';
import { letterPdfUrl, referralApi, type ReferralView } from './referral-api.ts';
import { ReferralDetails } from './ReferralDetails.tsx';
import { useDate } from './labels.ts';
import './referrals.css';

/**
 * `/rujukan/:id`: a referral as the referring office follows it, live: the partner's answers
 * appear without reloading. The office prints the letter, passes a signed link to a partner
 * without an account, and may revoke the referral with a reason.
 */
export default function ReferralPage() {
  const t = useT('referrals');
  const { id = '' } = useParams();
  const fresh = useSearchParam('baru') === '1';
  const referral = useResource<ReferralView>(`/referrals/${encodeURIComponent(id)}`);
  const [notice, setNotice] = useState<string | null>(fresh ? t('detail.sentNotice') : null);
  useLiveEvents(['referral'], (e) => {
    if (e.referralId === id) referral.reload();
  });

  if (referral.error && !referral.data) return <p className="alert alert--error" role="alert">{referral.error}</p>;
  const r = referral.data;
  if (!r) return <p role="status">{t('app.loading')}</p>;
  const open = r.status === 'sent' || r.status === 'accepted' || r.status === 'in_service';
  const mayRefer = r.allowedActions.includes('cancel');

  return (
    <section data-referral-id={r.id} data-referral-status={r.status}>
      {notice && <Notice>{notice}</Notice>}
      <ReferralDetails r={r} />
      {r.caseId && (
        <p>
          <Link to={`/kasus/${r.caseId}`} className="button">
            {t('detail.openCase')}
          </Link>
        </p>
      )}
      {mayRefer && <LetterPanel r={r} onChange={referral.reload} />}
      {mayRefer && open && <LinksPanel r={r} />}
      {mayRefer && open && (
        <CancelForm
          r={r}
          onDone={(next, message) => {
            setNotice(message);
            referral.reload();
            void next;
          }}
        />
      )}
    </section>
  );
}

function LetterPanel({ r, onChange }: { r: ReferralView; onChange: () => void }) {
  const t = useT('referrals');
  const [error, setError] = useState<unknown>(null);
  const [issued, setIssued] = useState(false);
  const closed = r.status === 'declined' || r.status === 'cancelled';
  return (
    <div className="panel no-print">
      <h2>{t('letter.title')}</h2>
      <p className="hint">{t('letter.hint')}</p>
      <FormErrors error={error} placed={[]} />
      <div className="actions">
        {!closed && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setError(null);
              referralApi.issueLetter(r.id).then(() => {
                setIssued(true);
                onChange();
              }, setError);
            }}
          >
            {t('letter.issue')}
          </button>
        )}
        {(issued || r.events?.some((e) => e.action === 'letter_issued')) && (
          <a className="button" href={letterPdfUrl(r.id)} target="_blank" rel="noreferrer">
            {t('letter.open')}
          </a>
        )}
      </div>
    </div>
  );
}

function LinksPanel({ r }: { r: ReferralView }) {
  const t = useT('referrals');
  const date = useDate();
  const links = useResource<ReferralLinkList>(`/referrals/${encodeURIComponent(r.id)}/links`);
  const [created, setCreated] = useState<{ url: string } | null>(null);
  const [days, setDays] = useState(7);
  const [error, setError] = useState<unknown>(null);
  const share = created ? `https://wa.me/?text=${encodeURIComponent(t('links.message', { number: r.number, url: created.url }))}` : null;
  return (
    <div className="panel no-print">
      <h2>{t('links.title')}</h2>
      <p className="hint">{t('links.hint')}</p>
      <FormErrors error={error} placed={[]} />
      <div className="inline-form">
        <label htmlFor="link-days">{t('links.days')}</label>
        <select id="link-days" value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {[1, 3, 7, 14, 30].map((d) => (
            <option key={d} value={d}>{t('links.daysOption', { days: d })}</option>
          ))}
        </select>
        <button
          type="button"
          className="button"
          onClick={() => {
            setError(null);
            referralApi.createLink(r.id, days).then((l) => {
              setCreated(l);
              links.reload();
            }, setError);
          }}
        >
          {t('links.create')}
        </button>
      </div>
      {created && (
        <div className="panel">
          <p>{t('links.created')}</p>
          <div className="copy-row">
            <input readOnly value={created.url} aria-label={t('links.url')} onFocus={(e) => e.target.select()} />
          </div>
          {share && (
            <p>
              <a className="button" href={share} target="_blank" rel="noreferrer">
                {t('links.whatsapp')}
              </a>
            </p>
          )}
        </div>
      )}
      {links.data && links.data.items.length > 0 && (
        <ul className="cards">
          {links.data.items.map((l) => (
            <li key={l.id} className={l.revokedAt ? 'card card--muted' : 'card'}>
              <p className="card__meta">
                {t('links.row', { created: date(l.createdAt, true), expires: date(l.expiresAt, true), uses: l.useCount })}
              </p>
              {l.revokedAt ? (
                <p className="card__meta">{t('links.revoked', { at: date(l.revokedAt, true) })}</p>
              ) : (
                <button type="button" className="button button--small" onClick={() => referralApi.revokeLink(r.id, l.id).then(links.reload, setError)}>
                  {t('links.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CancelForm({ r, onDone }: { r: ReferralView; onDone: (next: ReferralView, message: string) => void }) {
  const t = useT('referrals');
  const [openForm, setOpenForm] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (!openForm) {
    return (
      <p className="no-print">
        <button type="button" className="button" onClick={() => setOpenForm(true)}>
          {t('cancel.open')}
        </button>
      </p>
    );
  }
  return (
    <form
      className="panel no-print"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        referralApi.cancel(r.id, reason).then((next) => onDone(next, t('cancel.done')), setError);
      }}
    >
      <FormErrors error={error} placed={['reason']} />
      <TextAreaField rows={3} id="cancel-reason" label={t('cancel.reason')} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(error, 'reason')} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={!reason.trim()}>
          {t('cancel.confirm')}
        </button>
        <button type="button" className="button" onClick={() => setOpenForm(false)}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}

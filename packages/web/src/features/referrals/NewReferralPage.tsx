import { useEffect, useState } from 'react';
import { caseCodeLabel, NEED_DONE_STATUSES, REFERRAL_PRIORITIES, type CaseView, type ReferralPriority, type ServiceView, type ShareableField } from '@slrt/core';
import { useResource } from '../../api/use-resource.ts';
import { navigate, useSearchParam } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { useReferralLabels } from './labels.ts';
import { referralApi } from './referral-api.ts';
import './referrals.css';
import { referralUrl } from '../../app/page-urls.ts';

/**
 * `/rujukan/baru?kasus=<case>&kebutuhan=<need>`: refer one need of a case to a service of
 * the directory. The services offered are those of the need's sector serving the case's
 * village; the officer sees exactly which of the resident's data the service receives and
 * may share less, never more.
 */
export default function NewReferralPage() {
  const t = useT('referrals');
  const { locale } = useLocale();
  const { field, priority: priorityLabel } = useReferralLabels();
  const caseId = useSearchParam('kasus') ?? '';
  const kase = useResource<CaseView>(caseId ? `/cases/${encodeURIComponent(caseId)}` : null);
  const [needId, setNeedId] = useState(useSearchParam('kebutuhan') ?? '');
  const [serviceId, setServiceId] = useState('');
  const [shared, setShared] = useState<ShareableField[]>([]);
  const [reason, setReason] = useState('');
  const [phone, setPhone] = useState('');
  const [priority, setPriority] = useState<ReferralPriority | ''>('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const c = kase.data;
  const openNeeds = c?.needs.filter((n) => n.acceptsReferrals && !NEED_DONE_STATUSES.includes(n.status)) ?? [];
  const need = openNeeds.find((n) => n.id === needId) ?? (openNeeds.length === 1 ? openNeeds[0] : undefined);
  const services = useResource<{ items: ServiceView[] }>(need && c ? '/services' : null, need && c ? { sector: need.sector, area: c.villageCode, status: 'active', limit: 100 } : undefined);
  const service = services.data?.items.find((s) => s.id === serviceId);

  useEffect(() => {
    if (service) setShared(service.sharedFields);
  }, [service]);

  if (!caseId) return <p className="alert alert--error">{t('new.noCase')}</p>;
  if (kase.error) return <p className="alert alert--error" role="alert">{kase.error}</p>;
  if (!c) return <p role="status">{t('app.loading')}</p>;

  const submit = async () => {
    if (!need || !service) return;
    setBusy(true);
    setError(null);
    try {
      const created = await referralApi.create({
        caseId: c.id, needId: need.id, serviceId: service.id, sharedFields: shared,
        ...(reason.trim() ? { reason: reason.trim() } : {}), ...(phone.trim() ? { contactPhone: phone.trim() } : {}), ...(priority ? { priority } : {}),
      });
      navigate(referralUrl(created.id, { baru: 1 }));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <section>
      <h1>{t('new.title')}</h1>
      <p className="lead">{t('new.lead', { code: c.code, name: c.person.fullName })}</p>
      {openNeeds.length === 0 && <p className="alert alert--info">{t('new.notReferable')}</p>}
      <FormErrors error={error} placed={['sharedFields', 'reason', 'contactPhone']} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <SelectField id="need" label={t('new.need')} value={need?.id ?? ''} onChange={(e) => { setNeedId(e.target.value); setServiceId(''); }}>
          <option value="">{t('new.chooseNeed')}</option>
          {openNeeds.map((n) => (
            <option key={n.id} value={n.id}>
              {caseCodeLabel('sector', n.sector, locale)}: {n.request}
            </option>
          ))}
        </SelectField>

        {need && (
          <fieldset className="choices">
            <legend>{t('new.service')}</legend>
            {services.loading && <p role="status">{t('app.loading')}</p>}
            {services.data?.items.length === 0 && <p>{t('new.noService')}</p>}
            {services.data?.items.map((s) => (
              <label key={s.id} className="choice panel" data-service={s.name}>
                <input type="radio" name="service" value={s.id} checked={serviceId === s.id} onChange={() => setServiceId(s.id)} />
                <span>
                  <strong>{s.name}</strong>
                  <br />
                  <span className="card__meta">{s.organizationName} · {t('new.responseDays', { days: s.responseDays })}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}

        {service && (
          <fieldset className="choices" data-testid="shared-fields">
            <legend>{t('new.shared')}</legend>
            <p className="hint">{t('new.sharedHint')}</p>
            {fieldError(error, 'sharedFields') && <p className="field-error">{fieldError(error, 'sharedFields')}</p>}
            {service.sharedFields.map((f) => (
              <label key={f} className="choice">
                <input
                  type="checkbox"
                  checked={shared.includes(f)}
                  onChange={(e) => setShared((old) => (e.target.checked ? [...old, f] : old.filter((x) => x !== f)))}
                />
                {field(f)}
              </label>
            ))}
          </fieldset>
        )}

        {service?.sharedFields.includes('phone') && shared.includes('phone') && (
          <TextField id="contactPhone" label={t('new.phone')} hint={t('new.phoneHint')} inputMode="tel" autoComplete="off" value={phone} onChange={(e) => setPhone(e.target.value)} error={fieldError(error, 'contactPhone')} />
        )}
        <TextAreaField rows={3} id="reason" label={t('new.reason')} hint={t('new.reasonHint')} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(error, 'reason')} />
        <SelectField id="priority" label={t('new.priority')} value={priority} onChange={(e) => setPriority(e.target.value as ReferralPriority | '')}>
          <option value="">{t('new.priorityFromNeed')}</option>
          {REFERRAL_PRIORITIES.map((p) => (
            <option key={p} value={p}>{priorityLabel(p)}</option>
          ))}
        </SelectField>
        <button type="submit" className="button button--primary" disabled={!need || !service || shared.length === 0 || busy}>
          {t('new.send')}
        </button>
      </form>
    </section>
  );
}

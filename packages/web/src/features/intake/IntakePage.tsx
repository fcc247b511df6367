import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CaseDocumentKind, CaseTransferResult, CaseView } from '@slrt/core';
import { api, ApiError } from '../../api/client.ts';
import { useUser } from '../../api/session.tsx';
import { Link, navigate } from '../../app/router.tsx';
import { useLocale, useT, type Translate } from '../../i18n/i18n.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { UploadStatus, useUploader } from '../../ui/Upload.tsx';
import { isCancelled } from '../../ui/use-form-action.ts';
import { caseApi } from '../cases/case-api.ts';
import { stepOfField, toCaseAtResidentVillage, toCreateCase, useIntakeDraft, type IntakeDraft } from './intake-draft.ts';
import { checkIntake, describeIssue, firstFieldOn, firstStepOf, intakeFieldOf, nikWarnings } from './intake-fields.ts';
import { StepBar } from './StepBar.tsx';
import { DocumentsStep } from './DocumentsStep.tsx';
import { ResidentStep } from './ResidentStep.tsx';
import { ConsentStep, NeedsStep, ServiceStep } from './IntakeSteps.tsx';
import { addToOutbox, canKeepOffline } from '../outbox/outbox.ts';
import { failureOf } from '../outbox/outbox-rules.ts';
import '../cases/cases.css';
import { caseReceiptUrl } from '../../app/page-urls.ts';

const STEPS = ['resident', 'service', 'needs', 'consent', 'documents'] as const;

/**
 * `/kantor-depan/penerimaan`: the one door, on a phone. Five short steps (resident; channel,
 * kind and fast track; complaint and needs; legal basis and consent; documents and submit),
 * kept on the device while in progress, then the receipt with the tracking code.
 */
/** Refused fields the form shows at their control (the rest are listed in the summary). */
function placedFields(error: unknown): string[] {
  return error instanceof ApiError ? Object.keys(error.fields).filter((p) => intakeFieldOf(p) !== null) : [];
}

function labelsOf(error: unknown, t: Translate<'intake'>): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(Object.keys(error.fields).flatMap((p) => {
    const field = intakeFieldOf(p);
    return field ? [[p, t(field.label)]] : [];
  }));
}

export default function IntakePage() {
  const t = useT('intake');
  const user = useUser();
  const facilitator = user.roles.some((r) => r.role === 'facilitator');
  const { draft, setDraft, clear } = useIntakeDraft(facilitator ? 'facilitator_visit' : 'walk_in_puskesos', user.id);
  const [files, setFiles] = useState<Array<{ kind: CaseDocumentKind; file: File }>>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const uploader = useUploader();
  const [problem, setProblem] = useState<string | null>(null);
  const [sentElsewhere, setSentElsewhere] = useState<{ code: string; village: string } | null>(null);
  const [queued, setQueued] = useState(false);
  const { locale } = useLocale();
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [focusOn, setFocusOn] = useState<string | null>(null);
  const step = Math.min(draft.step, STEPS.length - 1);
  // the server's own rules (core), run on every change; shown for the fields the officer has left
  const problems = useMemo(() => checkIntake(draft), [draft]);
  const warnings = useMemo(() => nikWarnings(draft, locale), [draft, locale]);
  const touch = useCallback((path: string) => setTouched((s) => (s.has(path) ? s : new Set([...s, path]))), []);
  /** A field's message: the check's while the field is wrong (it follows what is typed), else the server's last answer. */
  const errorOf = useCallback((path: string): string | undefined => {
    const field = intakeFieldOf(path);
    const label = field ? t(field.label) : path;
    const problem = problems[path];
    if (problem && touched.has(path)) return describeIssue(problem, label, locale);
    return fieldError(error, path, label);
  }, [problems, touched, error, locale, t]);
  // after a step change, put the cursor in the field to fix (it is rendered by then)
  useEffect(() => {
    if (!focusOn) return;
    const element = document.getElementById(focusOn);
    if (element) {
      element.focus();
      element.scrollIntoView({ block: 'center' });
    }
    setFocusOn(null);
  }, [focusOn, step]);
  /** Marks the step's fields with a problem as touched (so they show) and sends the cursor to the first. */
  function stopAt(at: number, paths: readonly string[], message: string) {
    setTouched((s) => new Set([...s, ...paths]));
    setProblem(message);
    patch({ step: at });
    const first = firstFieldOn(at, paths);
    if (first) setFocusOn(first.id);
  }
  const problemsOn = (at: number) => Object.keys(problems).filter((p) => stepOfField(p) === at);
  const patch = useCallback((p: Partial<IntakeDraft>) => setDraft((d) => ({ ...d, ...p })), [setDraft]);
  const setResident = useCallback((resident: IntakeDraft['resident']) => setDraft((d) => ({ ...d, resident })), [setDraft]);

  /** What must be there before leaving a step (the server checks everything again). */
  function missing(at: number): string | null {
    if (at === 0) {
      const r = draft.resident;
      if (!r) return t('check.resident');
      if (r.mode === 'new' && (!r.person.fullName.trim() || !r.person.sex || !r.person.villageCode)) return t('check.newResident');
    }
    if (at === 1 && draft.fastTrack && draft.fastTrackReasons.length === 0) return t('check.fastTrack');
    if (at === 2 && (!draft.complaint.trim() || draft.needs.some((n) => !n.sector || !n.request.trim()))) return t('check.needs');
    return null;
  }

  function go(to: number) {
    if (to > step) {
      const gap = missing(step);
      if (gap) {
        setProblem(gap);
        return;
      }
      const wrong = problemsOn(step);
      if (wrong.length) {
        stopAt(step, wrong, t('check.fixFields', { n: wrong.length }));
        return;
      }
    }
    setProblem(null);
    patch({ step: to });
    window.scrollTo(0, 0);
  }

  async function submit() {
    for (let i = 0; i < STEPS.length; i++) {
      const gap = missing(i);
      if (gap) {
        setProblem(gap);
        patch({ step: i });
        return;
      }
      const wrong = problemsOn(i);
      if (wrong.length) {
        stopAt(i, wrong, t('check.fixFields', { n: wrong.length }));
        return;
      }
    }
    setBusy(true);
    setError(null);
    setProblem(null);
    setQueued(false);
    const r = draft.resident;
    /** Without a link (or when it drops on the way) the intake waits in the outbox, with its files and key. */
    const keepOffline = async (): Promise<boolean> => {
      if (r?.mode === 'elsewhere' || !canKeepOffline()) return false;
      await addToOutbox(user.id, { kind: 'intake', draft, fileKinds: files.map((f) => f.kind) }, files.map((f) => f.file));
      clear();
      setFiles([]);
      setQueued(true);
      setBusy(false);
      window.scrollTo(0, 0);
      return true;
    };
    if (!navigator.onLine && (await keepOffline())) return;
    if (r?.mode === 'elsewhere' && r.person.where !== 'here') {
      try {
        const sent = await api.post<CaseTransferResult>('/cases/at-resident-village', toCaseAtResidentVillage(draft, r.person.nik));
        clear();
        setFiles([]);
        setSentElsewhere({ code: sent.code, village: sent.villageName });
      } catch (e) {
        setError(e);
      }
      setBusy(false);
      return;
    }
    let created: CaseView;
    try {
      created = r?.mode === 'elsewhere'
        // held here anyway, for a resident of another village (issue 12)
        ? await api.post<CaseView>('/cases/here-for-resident', toCaseAtResidentVillage(draft, r.person.nik))
        : await api.post<CaseView>('/cases', toCreateCase(draft));
    } catch (e) {
      if (failureOf(e) === 'later' && (await keepOffline())) return;
      setError(e);
      setBusy(false);
      // to the first step with a refused field, the cursor in that field
      const refused = e instanceof ApiError ? Object.keys(e.fields) : [];
      const at = firstStepOf(refused);
      if (at !== null) {
        setTouched(new Set());
        stopAt(at, refused, t('check.serverFields', { n: refused.length }));
      }
      return;
    }
    // the case exists: from here a retry must not make a second one, so the draft goes now
    let failed = 0;
    for (const [i, f] of files.entries()) {
      try {
        await uploader.send(f.file, (file, options) => caseApi.upload(created.id, f.kind, file, options), { n: i + 1, of: files.length });
      } catch (e) {
        if (isCancelled(e)) {
          // the officer stopped the sending: the rest is not sent either, and the receipt says how many are missing
          failed += files.length - i;
          break;
        }
        failed++;
      }
    }
    clear();
    setFiles([]);
    navigate(caseReceiptUrl(created.id, { gagal: failed || undefined }));
  }

  return (
    <section>
      <h1>{t('title')}</h1>
      <StepBar steps={STEPS.map((s) => t(`step.${s}`))} current={step} label={t('steps')} currentText={t('step.of', { n: step + 1, total: STEPS.length, label: t(`step.${STEPS[step] ?? 'resident'}`) })} />
      <FormErrors error={error} placed={placedFields(error)} labels={labelsOf(error, t)} />
      {sentElsewhere && (
        <p className="alert alert--ok" role="status" data-testid="sent-elsewhere">
          {t('resident.sentThere', { code: sentElsewhere.code, village: sentElsewhere.village })}
        </p>
      )}
      {problem && (
        <p className="alert alert--error" role="alert">
          {problem}
        </p>
      )}
      {queued && (
        <p className="alert alert--ok" role="status" data-testid="queued">
          {t('outbox.queued')} <Link to="/kotak-keluar">{t('outbox.title')}</Link>
        </p>
      )}

      {step === 0 && <ResidentStep draft={draft} onChange={setResident} error={error} errorOf={errorOf} touch={touch} warnings={warnings} />}

      {step === 1 && <ServiceStep draft={draft} patch={patch} touch={touch} errorOf={errorOf} />}

      {step === 2 && <NeedsStep draft={draft} patch={patch} touch={touch} errorOf={errorOf} />}

      {step === 3 && <ConsentStep draft={draft} patch={patch} touch={touch} errorOf={errorOf} />}

      {step === 4 && <DocumentsStep files={files} setFiles={setFiles} draft={draft} />}
      <UploadStatus uploader={uploader} />

      <div className="wizard-nav">
        {step > 0 ? (
          <button type="button" className="button" disabled={busy} onClick={() => go(step - 1)}>
            {t('nav.back')}
          </button>
        ) : (
          <button type="button" className="button" onClick={() => { if (window.confirm(t('nav.confirmReset'))) { clear(); setFiles([]); setError(null); } }}>
            {t('nav.reset')}
          </button>
        )}
        {step < STEPS.length - 1 ? (
          <button type="button" className="button button--primary" onClick={() => go(step + 1)}>
            {t('nav.next')}
          </button>
        ) : (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void submit()}>
            {busy ? t('nav.sending') : t('nav.submit')}
          </button>
        )}
      </div>
    </section>
  );
}

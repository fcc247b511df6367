import { useCallback, useEffect, useRef, useState } from 'react';
import { DOCUMENT_MAX_BYTES, DOCUMENT_MIME_TYPES } from '@slrt/core';
import { ApiError, type UploadProgress } from '../api/client.ts';
import { useLeaveGuard } from '../app/router.tsx';
import { useT } from '../i18n/i18n.tsx';
import { SelectField } from './Field.tsx';
import { FormErrors } from './FormErrors.tsx';
import { preparePhoto } from './photo.ts';
import './upload.css';
import { isCancelled } from './use-form-action.ts';

// The one way the app sends a photo or a document (issue 13 item 3): the photo made small on the
// phone first (`preparePhoto`), a progress bar with the percent and a cancel button while it
// travels, a question before leaving the page with an upload in flight, and retries after a
// dropped connection. A retry sends the same bytes again, and the server answers a file it
// already holds for that record (same SHA-256) with the stored document: an upload that arrived
// before the connection broke is never stored twice. Files are small after downscaling, so
// resuming part-way through a file (byte ranges) is not worth a protocol of its own.

/** What sends one file: the domain's API call, given the progress callback and the cancel signal. */
export type Send<T> = (file: File, options: { onProgress: (p: UploadProgress) => void; signal: AbortSignal }) => Promise<T>;

interface InFlight {
  name: string;
  /** 1-based position and count when several files go one after another. */
  n: number;
  of: number;
  loaded: number;
  total: number;
  /** The retry under way after a dropped connection (0: the first try). */
  retry: number;
}

const RETRY_DELAYS_MS = [1_000, 3_000, 8_000];

function retriable(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'network' || error.status === 502 || error.status === 503 || error.status === 504);
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('Upload aborted', 'AbortError'));
    }, { once: true });
  });
}

export interface Uploader {
  /** The upload under way, for `UploadStatus`; null when nothing is sent. */
  inFlight: InFlight | null;
  /**
   * Sends `file` through `send`, retrying after a dropped connection. Rejects with an `AbortError`
   * (`isCancelled`) when the user cancels or leaves the page.
   */
  send<T>(file: File, send: Send<T>, position?: { n: number; of: number }): Promise<T>;
  cancel(): void;
}

/** The upload state of one form; leaving the page while it sends asks first. */
export function useUploader(): Uploader {
  const t = useT('common');
  const [inFlight, setInFlight] = useState<InFlight | null>(null);
  const controller = useRef<AbortController | null>(null);
  const question = useCallback(() => (controller.current ? t('upload.leave') : null), [t]);
  useLeaveGuard(question);
  // leaving anyway (or the form going away) stops the upload
  useEffect(() => () => controller.current?.abort(), []);

  const send = useCallback(async <T,>(file: File, sendOne: Send<T>, position = { n: 1, of: 1 }): Promise<T> => {
    const abort = new AbortController();
    controller.current = abort;
    const base = { name: file.name, n: position.n, of: position.of, loaded: 0, total: file.size };
    setInFlight({ ...base, retry: 0 });
    try {
      for (let retry = 0; ; retry++) {
        try {
          return await sendOne(file, {
            signal: abort.signal,
            onProgress: (p) => setInFlight({ ...base, loaded: p.loaded, total: p.total || file.size, retry }),
          });
        } catch (error) {
          const delay = RETRY_DELAYS_MS[retry];
          if (delay === undefined || !retriable(error)) throw error;
          setInFlight({ ...base, retry: retry + 1 });
          await wait(delay, abort.signal);
        }
      }
    } finally {
      if (controller.current === abort) controller.current = null;
      setInFlight(null);
    }
  }, []);

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { inFlight, send, cancel };
}

/** The progress bar with the percent, and the cancel button, while an upload is under way. */
export function UploadStatus({ uploader }: { uploader: Uploader }) {
  const t = useT('common');
  const f = uploader.inFlight;
  if (!f) return null;
  const percent = f.total > 0 ? Math.min(100, Math.floor((100 * f.loaded) / f.total)) : 0;
  return (
    <div className="upload-status" data-testid="upload-progress">
      <label htmlFor="upload-progress-bar">{f.of > 1 ? t('upload.sendingOf', { name: f.name, n: f.n, of: f.of }) : t('upload.sending', { name: f.name })}</label>
      <div className="upload-status__bar">
        <progress id="upload-progress-bar" max={100} value={percent}>{percent}%</progress>
        <span aria-live="polite">{percent}%</span>
        <button type="button" className="button button--small" onClick={uploader.cancel}>
          {t('upload.cancel')}
        </button>
      </div>
      {f.retry > 0 && <p className="hint" role="status">{t('upload.retrying', { n: f.retry, of: RETRY_DELAYS_MS.length })}</p>}
    </div>
  );
}

/** The labels a feature gives the picker (its own wording of the field). */
export interface PickerLabels {
  kind?: string;
  file: string;
  hint: string;
  tooBig: string;
}

/**
 * A file field (and the document kind, when `kinds` is given): photos are made small as they are
 * picked, and what is still over the server's limit is refused here with `labels.tooBig`.
 */
export function FilePicker(props: {
  id: string;
  kindId?: string;
  labels: PickerLabels;
  onPick: (files: File[]) => void;
  kinds?: { options: readonly string[]; value: string; set: (kind: string) => void; label: (kind: string) => string };
  multiple?: boolean;
  photosOnly?: boolean;
  error?: string;
}) {
  const t = useT('common');
  const [preparing, setPreparing] = useState(false);
  const [tooBig, setTooBig] = useState(false);
  const [shrunk, setShrunk] = useState<{ from: number; to: number } | null>(null);
  const { kinds, labels } = props;
  const invalid = tooBig || Boolean(props.error);
  const accept = (props.photosOnly ? DOCUMENT_MIME_TYPES.filter((m) => m.startsWith('image/')) : DOCUMENT_MIME_TYPES).join(',');
  return (
    <>
      {kinds && (
        <SelectField id={props.kindId ?? `${props.id}-kind`} label={labels.kind ?? ''} value={kinds.value} onChange={(e) => kinds.set(e.target.value)}>
          {kinds.options.map((k) => (
            <option key={k} value={k}>
              {kinds.label(k)}
            </option>
          ))}
        </SelectField>
      )}
      <div className={invalid ? 'field field--error' : 'field'}>
        <label htmlFor={props.id}>{labels.file}</label>
        <p className="hint">{labels.hint}</p>
        {tooBig && <p className="field-error">{labels.tooBig}</p>}
        {props.error && <p className="field-error">{props.error}</p>}
        <input
          id={props.id}
          type="file"
          accept={accept}
          capture="environment"
          multiple={props.multiple}
          disabled={preparing}
          onChange={(e) => {
            const picked = [...(e.target.files ?? [])];
            if (picked.length === 0) return;
            setPreparing(true);
            void Promise.all(picked.map(preparePhoto)).then((files) => {
              setPreparing(false);
              const before = picked.reduce((sum, f) => sum + f.size, 0);
              const after = files.reduce((sum, f) => sum + f.size, 0);
              setShrunk(after < before ? { from: before, to: after } : null);
              const over = files.some((f) => f.size > DOCUMENT_MAX_BYTES);
              setTooBig(over);
              props.onPick(over ? [] : files);
            });
          }}
        />
        {preparing && <p className="hint" role="status">{t('upload.preparing')}</p>}
        {shrunk && <p className="hint" data-testid="photo-shrunk">{t('upload.shrunk', { from: sizeText(shrunk.from), to: sizeText(shrunk.to) })}</p>}
      </div>
    </>
  );
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * A record's upload form: the kind, the file, the button, then the progress and the cancel. The
 * same on a case, a proposal and a proposal round.
 */
export function DocumentUploadForm<T>(props: {
  /** The fields' ids: `<idPrefix>-kind`, `<idPrefix>-file`. */
  idPrefix: string;
  labels: PickerLabels & { kind: string; upload: string; uploading: string };
  kinds: readonly string[];
  initialKind: string;
  kindLabel: (kind: string) => string;
  send: (kind: string) => Send<T>;
  onDone: (result: T) => void;
  className?: string;
}) {
  const t = useT('common');
  const uploader = useUploader();
  const [kind, setKind] = useState(props.initialKind);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [cancelled, setCancelled] = useState(false);
  // a new input after each upload: the browser keeps no stale file in it
  const [round, setRound] = useState(0);
  const busy = uploader.inFlight !== null;
  return (
    <form
      className={props.className}
      onSubmit={(e) => {
        e.preventDefault();
        if (!file || busy) return;
        setError(null);
        setCancelled(false);
        uploader.send(file, props.send(kind)).then(
          (result) => {
            setFile(null);
            setRound((r) => r + 1);
            props.onDone(result);
          },
          (e: unknown) => (isCancelled(e) ? setCancelled(true) : setError(e)),
        );
      }}
    >
      <FormErrors error={error} placed={[]} />
      <FilePicker
        key={round}
        id={`${props.idPrefix}-file`}
        kindId={`${props.idPrefix}-kind`}
        labels={props.labels}
        kinds={{ options: props.kinds, value: kind, set: setKind, label: props.kindLabel }}
        onPick={(files) => {
          setCancelled(false);
          setFile(files[0] ?? null);
        }}
      />
      {cancelled && <p className="hint" role="status">{t('upload.cancelled')}</p>}
      <UploadStatus uploader={uploader} />
      <button type="submit" className="button" disabled={busy || !file}>
        {busy ? props.labels.uploading : props.labels.upload}
      </button>
    </form>
  );
}

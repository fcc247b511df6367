import { useCallback, useState } from 'react';
import { errorMessage } from '../api/client.ts';

/** Whether `error` is the user cancelling (an upload's Cancel, leaving the page): no error to show. */
export function isCancelled(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

interface RunOptions {
  /**
   * The work ends by leaving the page (`navigate`, a sign-in): after a success the form stays
   * busy, so its button cannot send twice before the page goes.
   */
  leaves?: boolean;
}

export interface FormAction {
  /** A run is under way: the form's buttons are disabled. */
  busy: boolean;
  /** What the last run threw (an `ApiError` carries the server's message in the screen's language); null when none. */
  error: unknown;
  /** `error` as one line of text (`errorMessage`), for a screen that shows no field errors; null when none. */
  message: string | null;
  /** Sets the error by hand (a check before sending) or clears it (the form closed). */
  setError: (error: unknown) => void;
  /**
   * Runs `work` as the form's action: busy, the last error cleared, then what it throws kept as
   * `error` (a cancel is not an error). Resolves true when the work succeeded, false when it
   * failed, so the caller can add what a failure undoes (an emptied password field).
   */
  run: (work: () => Promise<unknown>, options?: RunOptions) => Promise<boolean>;
}

/**
 * The state of a form's (or a button's) action against the server: busy while it runs, its
 * error after. One place for the opening every form repeated: set busy, clear the error,
 * try/await/catch, busy off at the end.
 */
export function useFormAction(): FormAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = useCallback(async (work: () => Promise<unknown>, options: RunOptions = {}): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await work();
      if (!options.leaves) setBusy(false);
      return true;
    } catch (e) {
      if (!isCancelled(e)) setError(e);
      setBusy(false);
      return false;
    }
  }, []);

  return { busy, error, message: error === null ? null : errorMessage(error), setError, run };
}

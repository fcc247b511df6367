/**
 * A workflow as data: for each status, the actions allowed and where each leads. Pure, so
 * that core tests can walk every pair exhaustively and the server and web share it.
 */
export type Transitions<S extends string, A extends string> = Record<S, Partial<Record<A, S>>>;

export type TransitionResult<S extends string, A extends string> =
  | { ok: true; to: S }
  | { ok: false; allowed: A[] };

export function allowedActions<S extends string, A extends string>(machine: Transitions<S, A>, from: S): A[] {
  return Object.keys(machine[from]) as A[];
}

export function transition<S extends string, A extends string>(
  machine: Transitions<S, A>,
  from: S,
  action: A,
): TransitionResult<S, A> {
  const to = machine[from][action];
  return to === undefined ? { ok: false, allowed: allowedActions(machine, from) } : { ok: true, to };
}

import { z } from 'zod';
import { codesOf, type CodeListName } from './code-lists.ts';

/** A value that must be a code of `list`. */
export function codeOf(list: CodeListName) {
  const [first, ...rest] = codesOf(list);
  if (first === undefined) throw new Error(`code list ${list} is empty`);
  return z.enum([first, ...rest]);
}

/** A set of codes of `list`, carried as an array without repeats. */
export function codeSetOf(list: CodeListName) {
  return z.array(codeOf(list)).refine((codes) => new Set(codes).size === codes.length, {
    message: 'Codes must not repeat.',
  });
}

import { createHash, randomBytes } from 'node:crypto';

/** A random secret for a cookie or bearer token; only its sha256 is stored. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

import { v7 } from 'uuid';

/** Record ids are UUIDv7: time-ordered, so new rows append to the end of an index. */
export function newId(): string {
  return v7();
}

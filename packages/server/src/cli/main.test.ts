import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './main.ts';

afterEach(() => vi.restoreAllMocks());

describe('the slrt command line', () => {
  it('answers an unknown option with the message and the command usage (exit 2), not a stack trace', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((m: unknown) => void errors.push(String(m)));
    expect(await runCli(['seed', 'synthetic', '--help'])).toBe(2);
    expect(errors.join('\n')).toMatch(/Unknown option '--help'/);
    expect(errors.join('\n')).toMatch(/usage: slrt seed demo \| seed synthetic --persons N/);
  });

  it('lists the commands for an unknown command (exit 2) and for none (exit 0)', async () => {
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((m: unknown) => void out.push(String(m)));
    expect(await runCli(['nonsense'])).toBe(2);
    expect(await runCli([])).toBe(0);
    expect(out.join('\n')).toMatch(/usage: slrt <command>/);
  });
});

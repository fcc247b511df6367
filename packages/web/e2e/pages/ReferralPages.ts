import type { Locator, Page } from 'playwright-core';
import { pageLocale, text } from './text.ts';

type Key = Parameters<typeof text<'referrals'>>[2];

/** The referral screens (`/rujukan/...`, `/mitra/rujukan/...`), by what the user reads. */
export class ReferralPages {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  private async t(key: Key, params?: Record<string, string | number>) {
    return text(await pageLocale(this.page), 'referrals', key, params);
  }

  /** The officer refers the case's (only open) need to the named service; returns the referral's number. */
  async refer(caseId: string, service: string, opts: { phone?: string; reason?: string } = {}): Promise<{ id: string; number: string }> {
    await this.page.goto(`/rujukan/baru?kasus=${caseId}`);
    return this.send(service, opts);
  }

  /**
   * From the case page, as an officer works: the case's referral panel offers "refer" for the
   * need (by its words), which opens the referral form for that need; then as `refer`.
   */
  async referFromCase(caseId: string, needRequest: string, service: string, opts: { phone?: string; reason?: string } = {}): Promise<{ id: string; number: string; needId: string }> {
    await this.page.goto(`/kasus/${caseId}`);
    const panel = this.page.getByTestId('case-referrals');
    await panel.getByRole('link', { name: await this.t('case.refer', { need: needRequest.slice(0, 40) }), exact: true }).click();
    await this.page.waitForURL((url) => url.pathname === '/rujukan/baru' && url.searchParams.get('kasus') === caseId && Boolean(url.searchParams.get('kebutuhan')));
    const needId = new URL(this.page.url()).searchParams.get('kebutuhan')!;
    return { ...(await this.send(service, opts)), needId };
  }

  private async send(service: string, opts: { phone?: string; reason?: string }): Promise<{ id: string; number: string }> {
    await this.page.locator(`[data-service="${service}"] input`).check();
    await this.page.getByTestId('shared-fields').waitFor();
    if (opts.phone) await this.page.getByLabel(await this.t('new.phone'), { exact: true }).fill(opts.phone);
    if (opts.reason) await this.page.getByLabel(await this.t('new.reason'), { exact: true }).fill(opts.reason);
    await this.page.getByRole('button', { name: await this.t('new.send'), exact: true }).click();
    await this.page.waitForURL((url) => /^\/rujukan\/[0-9a-f-]{36}$/.test(url.pathname));
    const number = (await this.page.getByTestId('referral-number').innerText()).trim();
    const id = new URL(this.page.url()).pathname.split('/').at(-1)!;
    return { id, number };
  }

  /** The card of a referral in the partner inbox. */
  inboxCard(number: string): Locator {
    return this.page.locator(`[data-testid="inbox"] [data-number="${number}"]`);
  }

  async status(): Promise<string | null> {
    return this.page.locator('[data-referral-status]').getAttribute('data-referral-status');
  }

  async waitForStatus(status: string): Promise<void> {
    await this.page.locator(`[data-referral-status="${status}"]`).waitFor();
  }

  /** The resident's fields the page shows (their `data-field` names). */
  async subjectFields(): Promise<string[]> {
    await this.page.getByTestId('subject').waitFor();
    return this.page.locator('[data-testid="subject"] [data-field]').evaluateAll((els) => els.map((e) => e.getAttribute('data-field') ?? ''));
  }

  async accept(): Promise<void> {
    await this.page.getByRole('button', { name: await this.t('respond.accept'), exact: true }).click();
    await this.waitForStatus('accepted');
  }

  async complete(outcome: 'fulfilled' | 'partly' | 'not_fulfilled', notes: string): Promise<void> {
    await this.page.getByRole('button', { name: await this.t('respond.complete'), exact: true }).click();
    await this.page.getByLabel(await this.t(`outcome.${outcome}`), { exact: true }).check();
    await this.page.getByLabel(await this.t('respond.notes'), { exact: true }).fill(notes);
    await this.page.getByRole('button', { name: await this.t('respond.completeConfirm'), exact: true }).click();
    await this.waitForStatus('completed');
  }
}

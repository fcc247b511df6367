import type { Locator, Page } from 'playwright-core';
import { pageLocale, text } from './text.ts';

/**
 * The proposal screens: the household profile's proposals section, `/usulan/baru`, the
 * worklists, `/usulan/:id` with its steps, the field visit `/usulan/:id/verifikasi`, and a
 * village round `/usulan/ronde/:id`. Elements are found by the words the user reads.
 */
export class ProposalPages {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** From the household profile: "propose a change", choose a new value for one field, give a reason, submit. */
  async proposeHouseholdChange(householdId: string, field: string, value: string, reason: string): Promise<string> {
    await this.page.goto(`/registri/rumah-tangga/${householdId}`);
    const locale = await pageLocale(this.page);
    await this.page.getByRole('link', { name: text(locale, 'proposals', 'household.proposeChange'), exact: true }).click();
    await this.page.waitForURL((url) => url.pathname === '/usulan/baru');
    await this.page.locator(`#household-${field}`).selectOption(value);
    await this.page.locator('#proposal-reason').fill(reason);
    await this.page.getByRole('button', { name: text(locale, 'proposals', 'new.submit'), exact: true }).click();
    await this.page.waitForURL((url) => /^\/usulan\/[0-9a-f-]{36}$/.test(url.pathname));
    await this.page.locator('[data-proposal-status]').waitFor();
    return new URL(this.page.url()).pathname.split('/').at(-1)!;
  }

  /** `/usulan/baru` for a new member of a household: name, sex and birth date typed, then the registry's likely matches (names). */
  async newMemberLikelyMatches(householdId: string, p: { fullName: string; sex: 'M' | 'F'; birthDate: string }): Promise<string[]> {
    await this.page.goto(`/usulan/baru?jenis=new&rumahTangga=${householdId}`);
    await this.page.locator('#member-fullName').fill(p.fullName);
    await this.page.locator('#member-sex').selectOption(p.sex);
    await this.page.locator('#member-birthDate').fill(p.birthDate);
    await this.page.locator('[data-testid="likely-matches"]:not([data-likely-state="checking"])').waitFor();
    return this.page.getByTestId('likely-matches').locator('.card__title').allInnerTexts();
  }

  async gotoQueue(queue: string): Promise<void> {
    await this.page.goto(`/usulan?daftar=${queue}`);
    await this.page.locator(`[data-queue="${queue}"][aria-current="page"]`).waitFor();
  }

  card(code: string): Locator {
    return this.page.locator(`[data-proposal-code="${code}"]`);
  }

  async open(id: string): Promise<void> {
    await this.page.goto(`/usulan/${id}`);
    await this.page.locator('[data-proposal-status]').waitFor();
  }

  async status(): Promise<string | null> {
    return this.page.locator('[data-proposal-status]').getAttribute('data-proposal-status');
  }

  async code(): Promise<string> {
    return (await this.page.locator('main h1 .p-code').innerText()).trim();
  }

  /** Takes a step with its button and waits until the page shows the proposal in `status`. */
  async step(action: string, status: string): Promise<void> {
    await this.page.locator(`button[data-step="${action}"]`).click();
    await this.page.locator(`[data-proposal-status="${status}"]`).waitFor();
  }

  /** The field visit: whom they met, each item confirmed, the verdict valid. */
  async verifyAllConfirmed(metName: string, fields: readonly string[]): Promise<void> {
    const locale = await pageLocale(this.page);
    await this.page.locator('a[data-step="verify"]').click();
    await this.page.waitForURL((url) => url.pathname.endsWith('/verifikasi'));
    await this.page.locator('#met-name').fill(metName);
    for (const f of fields) await this.page.locator(`[data-item="${f}"] input[value="confirmed"]`).check();
    await this.page.locator('input[name="verdict"][value="valid"]').check();
    await this.page.getByRole('button', { name: text(locale, 'proposals', 'verify.save'), exact: true }).click();
    await this.page.waitForURL((url) => /^\/usulan\/[0-9a-f-]{36}$/.test(url.pathname));
    await this.page.locator('[data-proposal-status="verified"]').waitFor();
  }

  /** From the proposal to its round's page. */
  async openRound(): Promise<void> {
    await this.page.locator('a[href^="/usulan/ronde/"]').first().click();
    await this.page.locator('[data-round-status]').first().waitFor();
  }

  async uploadRoundDocument(kind: string, name: string, bytes: Buffer): Promise<void> {
    const locale = await pageLocale(this.page);
    await this.page.locator('#round-document-kind').selectOption(kind);
    await this.page.locator('#round-document-file').setInputFiles({ name, mimeType: 'image/png', buffer: bytes });
    await this.page.getByRole('button', { name: text(locale, 'proposals', 'documents.upload'), exact: true }).click();
    await this.page.locator(`[data-document-kind="${kind}"]`).waitFor();
  }

  async sendRound(): Promise<void> {
    const locale = await pageLocale(this.page);
    await this.page.getByRole('button', { name: text(locale, 'proposals', 'rounds.submit'), exact: true }).click();
    await this.page.locator('section[data-round-status="submitted"]').waitFor();
  }

  async reviewRound(): Promise<void> {
    const locale = await pageLocale(this.page);
    await this.page.getByRole('button', { name: text(locale, 'proposals', 'rounds.review'), exact: true }).click();
    await this.page.locator('section[data-round-status="reviewed"]').waitFor();
  }

  /** The values of the registry changes this proposal made, as listed on its page. */
  async registryChanges(): Promise<string> {
    return (await this.page.getByTestId('registry-changes').innerText()).trim();
  }
}

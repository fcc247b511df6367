import { CASE_ACTION_LIST, caseCodeLabel, type CaseAction, type CaseCodeListName } from '@slrt/core';
import type { Locator, Page } from 'playwright-core';
import { pageLocale, text } from './text.ts';

/** The intake wizard (`/kantor-depan/penerimaan`), by what the officer reads. */
export class IntakeWizard {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async goto(): Promise<void> {
    await this.page.goto('/kantor-depan/penerimaan');
    await this.page.locator('main h1').waitFor();
  }

  private async t(key: Parameters<typeof text<'intake'>>[2], params?: Record<string, string | number>) {
    return text(await pageLocale(this.page), 'intake', key, params);
  }

  /** Searches the registry by NIK at the resident step (what it shows is the caller's to read). */
  async searchNik(nik: string): Promise<void> {
    await this.page.getByRole('button', { name: await this.t('resident.mode.nik'), exact: true }).click();
    await this.page.getByLabel(await this.t('resident.nik'), { exact: true }).fill(nik);
    await this.page.getByRole('button', { name: await this.t('resident.search'), exact: true }).click();
  }

  async findByNik(nik: string): Promise<void> {
    await this.searchNik(nik);
    await this.page.getByTestId('resident-results').getByRole('button', { name: await this.t('resident.choose'), exact: true }).first().click();
    await this.page.getByTestId('chosen-resident').waitFor();
  }

  async next(): Promise<void> {
    await this.page.getByRole('button', { name: await this.t('nav.next'), exact: true }).click();
  }

  /** Starts capturing a new resident (name, sex, birth date); the village is the officer's own. */
  async newResident(p: { fullName: string; sex: 'M' | 'F'; birthDate: string }): Promise<void> {
    await this.page.getByRole('button', { name: await this.t('resident.mode.new'), exact: true }).click();
    await this.page.getByLabel(await this.t('resident.fullName'), { exact: true }).fill(p.fullName);
    await this.page.getByLabel(await this.t('resident.sex'), { exact: true }).selectOption(p.sex);
    await this.page.getByLabel(await this.t('resident.birthDate'), { exact: true }).fill(p.birthDate);
  }

  /** The names of the likely matches the registry check lists for the resident being captured. */
  async likelyMatches(): Promise<string[]> {
    const list = this.page.getByTestId('likely-matches');
    await this.page.locator('[data-testid="likely-matches"]:not([data-likely-state="checking"])').waitFor();
    return list.locator('.card__title').allInnerTexts();
  }

  /** Uses a likely match instead of creating a new person: the chosen resident shows. */
  async useLikelyMatch(fullName: string): Promise<void> {
    const card = this.page.getByTestId('likely-matches').locator('li.card', { hasText: fullName }).first();
    await card.getByRole('button', { name: text(await pageLocale(this.page), 'registry', 'likely.useThis'), exact: true }).click();
    await this.page.getByTestId('chosen-resident').waitFor();
  }

  async complaint(words: string): Promise<void> {
    await this.page.getByLabel(await this.t('needs.complaint'), { exact: true }).fill(words);
  }

  /** Fills need `i` (adding it first when it is not there yet). */
  async need(i: number, sector: string, urgency: string, request: string): Promise<void> {
    const locale = await pageLocale(this.page);
    let block = this.page.locator(`[data-need-index="${i}"]`);
    if (!(await block.count())) {
      await this.page.getByRole('button', { name: await this.t('needs.add'), exact: true }).click();
      block = this.page.locator(`[data-need-index="${i}"]`);
    }
    await block.getByLabel(await this.t('needs.sector'), { exact: true }).selectOption({ label: caseCodeLabel('sector', sector, locale) });
    await block.getByLabel(await this.t('needs.urgency'), { exact: true }).selectOption({ label: caseCodeLabel('urgency', urgency, locale) });
    await block.getByLabel(await this.t('needs.request'), { exact: true }).fill(request);
  }

  async attach(kind: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    const locale = await pageLocale(this.page);
    await this.page.getByLabel(await this.t('documents.kind'), { exact: true }).selectOption({ label: caseCodeLabel('case_document_kind', kind, locale) });
    await this.page.getByLabel(await this.t('documents.file'), { exact: true }).setInputFiles(file);
    await this.page.getByTestId('intake-files').getByText(file.name).waitFor();
  }

  /** Submits and waits for the receipt; returns the case id. */
  async submit(): Promise<string> {
    await this.page.getByRole('button', { name: await this.t('nav.submit'), exact: true }).click();
    await this.page.waitForURL((url) => /^\/kasus\/[0-9a-f-]{36}\/tanda-terima$/.test(url.pathname));
    await this.page.getByTestId('tracking-code').waitFor();
    return this.page.url().split('/kasus/')[1]!.split('/')[0]!;
  }
}

/** The case page (`/kasus/:id`). */
export class CaseScreen {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async goto(id: string): Promise<void> {
    await this.page.goto(`/kasus/${id}`);
    await this.page.locator('[data-case-status]').waitFor();
  }

  async status(): Promise<string | null> {
    return this.page.locator('[data-case-status]').getAttribute('data-case-status');
  }

  /** Opens the action's form, lets `fill` complete it, submits, and waits for the new status. */
  async act(action: CaseAction, fill: (form: Locator) => Promise<void> = async () => {}): Promise<void> {
    const locale = await pageLocale(this.page);
    const name = CASE_ACTION_LIST.find((a) => a.code === action)![locale];
    await this.page.locator('.actions').getByRole('button', { name, exact: true }).first().click();
    const form = this.page.locator(`form[data-action-form="${action}"]`);
    await fill(form);
    await form.getByRole('button', { name, exact: true }).click();
    await form.waitFor({ state: 'detached' });
  }

  label(list: CaseCodeListName, code: string, locale: 'id' | 'en' = 'id'): string {
    return caseCodeLabel(list, code, locale);
  }
}

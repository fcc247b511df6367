import type { Locator, Page } from 'playwright-core';
import { pageLocale, text } from './text.ts';

/** `/registri` (search), `/registri/rumah-tangga/:id` (household profile), `/registri/impor`. */
export class RegistryPages {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async gotoSearch(): Promise<void> {
    await this.page.goto('/registri');
    await this.page.locator('#registry-nik').waitFor();
  }

  async searchByNik(nik: string): Promise<void> {
    const locale = await pageLocale(this.page);
    await this.page.locator('#registry-nik').fill(nik);
    await this.page.getByRole('button', { name: text(locale, 'registry', 'search.submit'), exact: true }).click();
    await this.results.first().waitFor();
  }

  async searchByName(name: string): Promise<void> {
    const locale = await pageLocale(this.page);
    await this.page.getByRole('button', { name: text(locale, 'registry', 'search.mode.name'), exact: true }).click();
    await this.page.locator('#registry-name').fill(name);
    await this.page.getByRole('button', { name: text(locale, 'registry', 'search.submit'), exact: true }).click();
    await this.results.first().waitFor();
  }

  get results(): Locator {
    return this.page.locator('.registry-results > li');
  }

  async resultNames(): Promise<string[]> {
    return (await this.results.locator('.card__title').allInnerTexts()).map((s) => s.trim());
  }

  /** The NIK as the list shows it. */
  async resultNik(index = 0): Promise<string> {
    return (await this.results.nth(index).locator('.registry-nik').innerText()).trim();
  }

  async openHousehold(index = 0): Promise<void> {
    const locale = await pageLocale(this.page);
    await this.results.nth(index).getByRole('link', { name: text(locale, 'registry', 'result.household'), exact: true }).click();
    await this.page.waitForURL((url) => url.pathname.startsWith('/registri/rumah-tangga/'));
    await this.page.locator('[data-household-id]').waitFor();
  }

  /** The national decile box's text, or null when the household shows a local estimate. */
  async nationalDecile(): Promise<string | null> {
    const box = this.page.getByTestId('national-decile');
    if ((await box.count()) === 0) return null;
    return (await box.innerText()).trim();
  }

  async localEstimate(): Promise<string> {
    return (await this.page.getByTestId('local-estimate').innerText()).trim();
  }

  async memberNames(): Promise<string[]> {
    return (await this.page.locator('.registry-members__name').allInnerTexts()).map((s) => s.trim());
  }

  async gotoImport(): Promise<void> {
    await this.page.goto('/registri/impor');
    await this.page.locator('#import-file').waitFor();
  }

  async startImport(name: string, csv: string): Promise<void> {
    const locale = await pageLocale(this.page);
    await this.page.locator('#import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await this.page.getByRole('button', { name: text(locale, 'registry', 'import.start'), exact: true }).click();
  }

  /** Waits for the import on screen to finish; returns its final status. */
  async importFinished(): Promise<string> {
    const box = this.page.locator('.registry-progress[data-status="done"], .registry-progress[data-status="failed"]');
    await box.waitFor({ timeout: 20_000 });
    return (await box.getAttribute('data-status')) ?? '';
  }

  get errorReportLink(): Locator {
    return this.page.locator('.registry-progress a[download]');
  }
}

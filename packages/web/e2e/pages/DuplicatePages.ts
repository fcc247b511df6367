import type { Locator, Page } from 'playwright-core';
import { text } from './text.ts';

/** The data ganda pages: the list of pairs and the side-by-side review. */
export class DuplicatePages {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  async gotoPair(id: string): Promise<void> {
    await this.page.goto(`/registri/data-ganda/${id}`);
    await this.page.getByRole('heading', { name: text('id', 'registry', 'duplicates.review.title') }).waitFor();
  }

  async gotoList(): Promise<void> {
    await this.page.goto('/registri/data-ganda');
    await this.page.getByRole('heading', { name: text('id', 'registry', 'duplicates.title'), level: 1 }).waitFor();
  }

  pairLink(id: string): Locator {
    return this.page.locator(`[data-pair-id="${id}"] a`);
  }

  /** Field names (data-field) of the rows marked as differing. */
  async differingRows(): Promise<string[]> {
    return this.page.locator('tr.duplicate-field--differs').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-field') ?? ''));
  }

  async keep(side: 'A' | 'B'): Promise<void> {
    await this.page.locator(`input[name="keep"][value="${side}"]`).check();
  }

  async chooseValue(field: string, side: 'A' | 'B'): Promise<void> {
    await this.page.locator(`input[name="field-${field}"][value="${side}"]`).check();
  }

  async merge(): Promise<void> {
    await this.page.getByRole('button', { name: text('id', 'registry', 'duplicates.review.merge') }).click();
    await this.page.locator('[data-pair-status="merged"]').waitFor();
  }

  async undo(): Promise<void> {
    await this.page.getByRole('button', { name: text('id', 'registry', 'duplicates.review.undo') }).click();
    await this.page.locator('[data-pair-status="open"]').waitFor();
  }

  async status(): Promise<string> {
    return this.page.getByTestId('pair-status').innerText();
  }
}

import { Shell } from './Shell.ts';
import type { Download, Locator, Page } from 'playwright-core';
import { pageLocale, text } from './text.ts';

/** The Puskesos pages: the equity view, the monthly report, the profile. */
export class PuskesosPages {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** Opens a page from the navigation by its menu label, as a user would. */
  async openFromNav(key: 'nav.equity' | 'nav.report' | 'nav.profile' | 'nav.training' | 'nav.catalog' | 'nav.funding' | 'nav.grades', path: string): Promise<void> {
    const locale = await pageLocale(this.page);
    await new Shell(this.page).followNav(text(locale, 'puskesos', key));
    await this.page.waitForURL((url) => url.pathname === path);
  }

  async waitForEquity(area: string): Promise<void> {
    await this.page.locator(`section.equity[data-area="${area}"]`).waitFor();
  }

  mapTiles(): Locator {
    return this.page.getByTestId('equity-map').locator('li');
  }

  tile(code: string): Locator {
    return this.page.getByTestId('equity-map').locator(`li[data-code="${code}"] a`);
  }

  async chooseMetric(metric: string): Promise<void> {
    const locale = await pageLocale(this.page);
    await this.page.getByLabel(text(locale, 'puskesos', 'equity.metric')).selectOption(metric);
  }

  /** The table's values of the chosen metric, top to bottom ('' where none). */
  async tableValues(): Promise<string[]> {
    return this.page.getByTestId('equity-table').locator('tbody td.num').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-value') ?? ''));
  }

  async waitForReport(area: string): Promise<void> {
    await this.page.locator(`section.report[data-area="${area}"]`).waitFor();
    await this.page.getByTestId('report-headline').waitFor();
  }

  /** Clicks a download link and waits for the file. */
  async download(testId: 'report-pdf' | 'report-xlsx'): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(testId).click()]);
    return download;
  }
}

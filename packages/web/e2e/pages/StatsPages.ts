import { Shell } from './Shell.ts';
import type { Locator, Page } from 'playwright-core';
import { pageLocale, text } from './text.ts';

/** `/dasbor`: the dashboard of an area, with its charts and the Puskesos load table. */
export class StatsPages {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** Opens the dashboard from the navigation, as a user would. */
  async openFromNav(): Promise<void> {
    const locale = await pageLocale(this.page);
    await new Shell(this.page).followNav(text(locale, 'stats', 'nav.dashboard'));
    await this.page.waitForURL((url) => url.pathname === '/dasbor');
  }

  /** Waits until the dashboard shows `code` (`data-area` of the page) with its figures. */
  async waitForArea(code: string): Promise<void> {
    await this.page.locator(`section.dash[data-area="${code}"]`).waitFor();
    await this.page.getByTestId('stats-headline').waitFor();
  }

  async heading(): Promise<string> {
    return (await this.page.locator('main h1').innerText()).trim();
  }

  chart(testId: 'chart-areas' | 'chart-sectors' | 'chart-partners' | 'chart-desil'): Locator {
    return this.page.getByTestId(testId);
  }

  /** The bar of an area in the cases-per-area chart (a link that drills down). */
  areaBar(code: string): Locator {
    return this.chart('chart-areas').locator(`li[data-key="${code}"] a`);
  }

  /** The widths (px) of the SVG bars of a chart, as drawn. */
  async barWidths(testId: 'chart-areas' | 'chart-sectors' | 'chart-partners' | 'chart-desil'): Promise<number[]> {
    return this.chart(testId).locator('svg.bar-chart__bar').evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().width));
  }

  loadRows(): Locator {
    return this.page.getByTestId('stats-load').locator('tbody tr');
  }

  csvLink(): Locator {
    return this.page.getByTestId('stats-csv');
  }
}

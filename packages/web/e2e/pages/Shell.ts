import type { Locale } from '@slrt/core';
import type { Locator, Page } from 'playwright-core';
import { pageLocale, text } from './text.ts';

/** The signed-in frame: header (user, language, sign out), navigation, page heading. */
export class Shell {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** The page's `<h1>`. */
  get heading(): Locator {
    return this.page.locator('main h1');
  }

  async headingText(): Promise<string> {
    await this.heading.waitFor();
    return (await this.heading.innerText()).trim();
  }

  /** Waits until the app shows `path` with its heading rendered. */
  async waitForPath(path: string): Promise<void> {
    await this.page.waitForURL((url) => url.pathname === path);
    await this.heading.waitFor();
  }

  /** The display name in the header. */
  async userName(): Promise<string> {
    const name = this.page.locator('.app-header__name');
    await name.waitFor();
    return (await name.innerText()).trim();
  }

  /** The workspace page's id (`data-workspace`), or null on another page. */
  async workspaceId(): Promise<string | null> {
    return this.page.locator('[data-workspace]').getAttribute('data-workspace', { timeout: 5_000 });
  }

  /** The labels of the main navigation, in order. */
  async navLabels(): Promise<string[]> {
    const locale = await pageLocale(this.page);
    const nav = this.page.getByRole('navigation', { name: text(locale, 'common', 'nav.label') });
    await nav.waitFor();
    // text content, not inner text: on a phone the links are hidden behind the menu button
    return (await nav.locator('a').allTextContents()).map((s) => s.trim());
  }

  /**
   * Follows a link of the main navigation as a user would: on a phone the links sit behind the
   * "Menu" button, which is opened first.
   */
  async followNav(linkName: string): Promise<void> {
    const locale = await pageLocale(this.page);
    const nav = this.page.getByRole('navigation', { name: text(locale, 'common', 'nav.label') });
    const toggle = nav.getByRole('button');
    if (await toggle.isVisible() && (await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    await nav.getByRole('link', { name: linkName, exact: true }).click();
  }

  /** Flips the UI language with the header switch and waits until the page speaks it. */
  async switchLanguage(): Promise<Locale> {
    const from = await pageLocale(this.page);
    const to: Locale = from === 'id' ? 'en' : 'id';
    await this.page.getByRole('button', { name: text(from, 'common', 'header.switchLanguage'), exact: true }).click();
    await this.page.waitForFunction((lang) => document.documentElement.lang === lang, to);
    return to;
  }

  async signOut(): Promise<void> {
    const locale = await pageLocale(this.page);
    await this.page.getByRole('button', { name: text(locale, 'common', 'header.signOut'), exact: true }).click();
    await this.page.waitForURL((url) => url.pathname === '/masuk');
  }

  /** True when the page is wider than the screen (something overflows sideways). */
  async overflowsHorizontally(): Promise<boolean> {
    return this.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  }
}

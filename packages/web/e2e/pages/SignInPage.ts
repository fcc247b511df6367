import type { Locale } from '@slrt/core';
import type { Locator, Page } from 'playwright-core';
import { pageLocale, text } from './text.ts';

/** `/masuk`. */
export class SignInPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async goto(): Promise<void> {
    await this.page.goto('/masuk');
    await this.waitUntilShown();
  }

  heading(locale: Locale): Locator {
    return this.page.getByRole('heading', { level: 1, name: text(locale, 'auth', 'signIn.title'), exact: true });
  }

  async waitUntilShown(): Promise<void> {
    await this.page.waitForURL((url) => url.pathname === '/masuk');
    await this.page.locator('form #username').waitFor();
  }

  /** Fills and submits the form (does not wait for the outcome). */
  async submit(username: string, password: string): Promise<void> {
    const locale = await pageLocale(this.page);
    await this.page.getByLabel(text(locale, 'auth', 'signIn.username'), { exact: true }).fill(username);
    await this.page.getByLabel(text(locale, 'auth', 'signIn.password'), { exact: true }).fill(password);
    await this.page.getByRole('button', { name: text(locale, 'auth', 'signIn.submit'), exact: true }).click();
  }

  /** Signs in and waits until the app has left the sign-in page. */
  async signIn(username: string, password: string): Promise<void> {
    await this.submit(username, password);
    await this.page.waitForURL((url) => url.pathname !== '/masuk');
  }

  /** The demo-mode warning, when the server runs `slrt serve --demo`. */
  demoNotice(): Locator {
    return this.page.getByTestId('demo-mode');
  }

  /** The error the form shows (the API's message), once it shows. */
  async errorText(): Promise<string> {
    const alert = this.page.getByRole('alert');
    await alert.waitFor();
    return (await alert.innerText()).trim();
  }
}

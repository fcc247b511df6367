import type { Locale } from '@slrt/core';
import type { Locator, Page } from 'playwright-core';
import { pageLocale, text } from './text.ts';

/** `/admin/pengguna` and `/admin/pengguna/baru`. */
export class UsersAdminPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async gotoNew(): Promise<void> {
    await this.page.goto('/admin/pengguna/baru');
    await this.page.locator('#role-0').waitFor();
  }

  async gotoList(search?: string): Promise<void> {
    await this.page.goto('/admin/pengguna');
    await this.page.locator('#user-search').waitFor();
    if (search) await this.search(search);
  }

  async search(query: string): Promise<void> {
    const locale = await pageLocale(this.page);
    await this.page.locator('#user-search').fill(query);
    await this.page.getByRole('button', { name: text(locale, 'admin', 'users.searchSubmit'), exact: true }).click();
    await this.card(query).waitFor();
  }

  /** Fills the create form's text fields (empty strings leave a field empty). */
  async fillAccount(account: { username: string; displayName: string; password: string }): Promise<void> {
    await this.page.locator('#username').fill(account.username);
    await this.page.locator('#displayName').fill(account.displayName);
    await this.page.locator('#password').fill(account.password);
  }

  /** Picks the role of row `row` and drills its area down, one select per level. */
  async chooseRole(row: number, role: string, areaPath: readonly string[] = []): Promise<void> {
    await this.page.locator(`#role-${row}`).selectOption(role);
    for (const code of areaPath) {
      const select = this.page.locator(`[id^="area-${row}-"]:has(option[value="${code}"])`);
      await select.waitFor();
      await select.selectOption(code);
    }
  }

  async chosenArea(): Promise<string> {
    const chosen = this.page.locator('.chosen-area');
    await chosen.waitFor();
    return (await chosen.innerText()).trim();
  }

  async submitNew(): Promise<void> {
    const locale = await pageLocale(this.page);
    await this.page.getByRole('button', { name: text(locale, 'admin', 'create.submit'), exact: true }).click();
  }

  /** The API's message shown next to the field with this id, once shown. */
  async fieldError(id: string): Promise<string> {
    const error = this.page.locator(`[data-field-error="${id}"]`);
    await error.waitFor();
    return (await error.innerText()).trim();
  }

  card(username: string): Locator {
    return this.page.locator(`li.card[data-username="${username}"]`);
  }

  async deactivate(username: string, locale: Locale = 'id'): Promise<void> {
    this.page.once('dialog', (dialog) => void dialog.accept());
    await this.card(username).getByRole('button', { name: text(locale, 'admin', 'users.deactivate'), exact: true }).click();
    await this.card(username).locator('.badge').waitFor();
  }

  async resetPassword(username: string, password: string, locale: Locale = 'id'): Promise<string> {
    const card = this.card(username);
    await card.getByRole('button', { name: text(locale, 'admin', 'users.resetPassword'), exact: true }).click();
    await card.locator('input[type=password]').fill(password);
    await card.getByRole('button', { name: text(locale, 'admin', 'users.resetSubmit'), exact: true }).click();
    const notice = card.getByRole('status');
    await notice.waitFor();
    return (await notice.innerText()).trim();
  }
}

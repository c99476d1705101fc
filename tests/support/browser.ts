import { type Browser, chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath } from "../../lib/chromium.js";
import type { Database } from "../../lib/database.js";
import { realPersonSession } from "./people.js";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/** Chooses an option of the antd Select with this test id. */
export async function pickSelect(page: Page, testId: string, label: string) {
  await page.getByTestId(testId).click();
  await page
    .locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: label })
    .first()
    .click();
}

/** Walks the antd Cascader with this test id down the given labels. */
export async function pickCascader(page: Page, testId: string, labels: string[]) {
  await page.getByTestId(testId).click();
  for (const label of labels) {
    await page
      .locator(".ant-cascader-dropdown:visible .ant-cascader-menu-item", { hasText: label })
      .first()
      .click();
  }
}

/**
 * The cookies a login leaves in the browser for the session `token`: the HttpOnly session cookie and
 * the marker beside it, without which the console does not ask who is signed in (issue 13.7).
 */
export function sessionCookies(url: string, token: string) {
  return [
    { name: "zc_session", value: token, url, httpOnly: true },
    { name: "zc_signed_in", value: "1", url },
  ];
}

/**
 * A console page of its own browser context, signed in as `personId` with a REAL_PERSON session, as
 * after a QR login (the QR login itself is tested end to end in personal-accounts.test.ts).
 */
export async function signedInPage(
  browser: Browser,
  stack: { url: string; database: { db: Database } },
  personId: string,
  options: { acceptDownloads?: boolean; timeoutMs?: number } = {},
): Promise<Page> {
  const session = await realPersonSession(stack.database.db, personId);
  const token = /zc_session=([^;]+)/.exec(session.headers().cookie!)![1]!;
  const context = await browser.newContext({ locale: "zh-CN", acceptDownloads: options.acceptDownloads });
  await context.addCookies(sessionCookies(stack.url, token));
  const page = await context.newPage();
  page.setDefaultTimeout(options.timeoutMs ?? 15_000);
  return page;
}

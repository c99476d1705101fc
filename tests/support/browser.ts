import { type Browser, chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath } from "../../lib/chromium.js";

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

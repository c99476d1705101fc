// Issue 8 item 7: the console shows every time in China time, labelled, whatever the browser's
// time zone — a reviewer in a UTC browser reads the deadline Shanghai reads.
import { randomUUID } from "node:crypto";
import type { Browser, BrowserContextOptions } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser.js";
import { SEED_PASSWORD, type Stack, startStack } from "../support/stack.js";

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A review task due at 20:30 UTC, which is 04:30 the next day in Shanghai. */
async function reviewTask() {
  const title = `时区测试单位${randomUUID().slice(0, 8)}`;
  await stack.database.db.humanTask.create({
    data: {
      workflowId: `wf-${title}`,
      kind: "unitRegistrationReview",
      requestType: "UNIT_REGISTRATION",
      requestId: `req-${title}`,
      queue: "PLATFORM_REVIEW",
      title,
      dueAt: new Date("2030-11-29T20:30:00Z"),
    },
  });
  return title;
}

async function dueAtShownTo(options: BrowserContextOptions, title: string) {
  const context = await browser.newContext(options);
  if (options.locale === "en") {
    await context.addInitScript(() => localStorage.setItem("console.locale", "en"));
  }
  const page = await context.newPage();
  const reviewer = stack.people.find((p) => p.role === "PLATFORM_REVIEWER")!;
  await page.goto(`${stack.url}/login`);
  await page.getByTestId("login-account").fill(reviewer.idNumber);
  await page.getByTestId("login-password").fill(SEED_PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("current-user").waitFor();
  await page.goto(`${stack.url}/workbench/tasks`);
  const row = page.getByTestId("task-row").filter({ hasText: title });
  await row.waitFor();
  const text = await row.textContent();
  await context.close();
  return text;
}

describe("Issue 8 item 7: China time in the console", () => {
  it("shows a review deadline in China time with the 北京时间 label in a UTC browser", async () => {
    const title = await reviewTask();
    const text = await dueAtShownTo({ timezoneId: "UTC" }, title);
    expect(text).toContain("2030-11-30 04:30（北京时间）");
    expect(text).not.toContain("2030-11-29 20:30");
  });

  it("labels it (China time) in English, in a browser west of UTC", async () => {
    const title = await reviewTask();
    const text = await dueAtShownTo({ timezoneId: "America/New_York", locale: "en" }, title);
    expect(text).toContain("2030-11-30 04:30 (China time)");
  });
});

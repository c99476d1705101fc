// Issue 11.5 in Chromium: the console runs under its Content-Security-Policy without a single
// violation, and another site cannot frame it (frame-ancestors 'none').
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
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

describe("issue 11.5: the console under its security headers", () => {
  it("Content-Security-Policy with frame-ancestors 'none': the console works without a violation and another site cannot frame it", async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    const operator = stack.people.find((p) => p.role === "PLATFORM_OPERATOR")!;
    await page.goto(`${stack.url}/register/unit`);
    await page.waitForLoadState("networkidle");
    await page.goto(`${stack.url}/login`);
    await page.getByTestId("login-account").fill(operator.idNumber);
    await page.getByTestId("login-password").fill(SEED_PASSWORD);
    await page.getByTestId("login-submit").click();
    await expect.poll(() => page.getByTestId("current-user").textContent()).toContain(operator.name);
    await page.waitForLoadState("networkidle");
    expect(violations).toEqual([]);

    // Another origin (another port) frames the console: Chromium refuses to show it.
    const otherSite = http
      .createServer((_req, res) => {
        res.setHeader("content-type", "text/html");
        res.end(`<iframe id="framed" src="${stack.url}/login" width="600" height="400"></iframe>`);
      })
      .listen(0, "127.0.0.1");
    await new Promise((resolve) => otherSite.once("listening", resolve));
    try {
      const attacker = await browser.newPage();
      await attacker.goto(`http://127.0.0.1:${(otherSite.address() as AddressInfo).port}/`);
      await attacker.waitForTimeout(1500);
      const framed = attacker.frames().find((frame) => frame !== attacker.mainFrame());
      const shown = framed ? await framed.locator("[data-testid=login-account]").count() : 0;
      expect(shown).toBe(0);
      await attacker.close();
    } finally {
      otherSite.close();
    }
    await page.close();
  });
});

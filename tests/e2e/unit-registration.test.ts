// Unit registration end to end in headless Chromium (issue: unit registration):
// (a) a unit registers with real files (its password hashed ahead, and again when that one expired),
//     its legal representative passes the face check on a second page (the simulated mobile app,
//     opened from the SMS link), and the unit logs in with the code read from the SMS outbox;
// (b) a mismatching unit is approved by a reviewer in the workbench and can then log in.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIdNumber } from "../../prisma/seed/seed.js";
import { confirmDecision, launchBrowser, pickCascader, pickSelect } from "../support/browser.js";
import { MATCHING, PDF_BYTES, PNG_BYTES, postJson, registrationBody } from "../support/registration.js";
import { SEED_PASSWORD, type Stack, startStack } from "../support/stack.js";

const UNIT_PASSWORD = "Unit#Pass2026";
let stack: Stack;
let browser: Browser;
let files: { licence: string; letter: string };

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  const dir = await mkdtemp(path.join(os.tmpdir(), "zc-e2e-"));
  files = { licence: path.join(dir, "营业执照.pdf"), letter: path.join(dir, "授权书.png") };
  await writeFile(files.licence, PDF_BYTES);
  await writeFile(files.letter, PNG_BYTES);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function latestSms(mobile: string, template: string) {
  await expect
    .poll(() => stack.database.db.smsMessage.count({ where: { mobile, template } }), { timeout: 20_000 })
    .toBeGreaterThan(0);
  const message = await stack.database.db.smsMessage.findFirstOrThrow({
    where: { mobile, template },
    orderBy: { createdAt: "desc" },
  });
  return message.body;
}

async function unitLogin(page: Page, account: string, mobile: string) {
  await page.goto(`${stack.url}/login?tab=unit`);
  await page.getByTestId("unit-login-account").fill(account);
  await page.getByTestId("unit-login-password").fill(UNIT_PASSWORD);
  await page.getByTestId("unit-login-send-code").click();
  const code = /验证码为(\d{6})/.exec(await latestSms(mobile, "VERIFICATION_CODE"))![1]!;
  await page.getByTestId("unit-login-code").fill(code);
  await page.getByTestId("unit-login-submit").click();
}

describe("unit registration in the console", () => {
  it("(a) registers a unit whose legal representative passes the face check, then logs in as the unit", async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.url}/register/unit`);
    await page.getByTestId("reg-unitName").fill(MATCHING.unitName);
    await page.getByTestId("reg-uscc").fill(MATCHING.uscc);
    await pickSelect(page, "reg-unitType", "企业");
    await pickCascader(page, "reg-region", ["六盘水市", "钟山区"]);
    await page.getByTestId("uscc-available").waitFor();
    await page.getByTestId("reg-next").click();
    await page.getByTestId("reg-legalRepName").fill(MATCHING.legalRepName);
    await page.getByTestId("reg-legalRepIdNumber").fill(MATCHING.legalRepIdNumber);
    await page.getByTestId("reg-legalRepMobile").fill("13600008001");
    await page.getByTestId("reg-contactName").fill("李联系");
    await page.getByTestId("reg-contactMobile").fill("13600008002");
    await page.getByTestId("reg-next").click();
    await page.getByTestId("reg-password").fill(UNIT_PASSWORD);
    await page.getByTestId("reg-passwordConfirm").fill(UNIT_PASSWORD);
    await page.getByTestId("reg-next").click();
    // Issue 14: the password is hashed as the applicant leaves its step, not when they submit.
    await expect.poll(() => stack.database.db.preparedPassword.count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId("reg-upload-licence").setInputFiles(files.licence);
    await page.getByTestId("reg-upload-letter").setInputFiles(files.letter);
    await expect.poll(() => stack.database.db.upload.count(), { timeout: 10_000 }).toBe(2);
    await page.getByTestId("reg-next").click();
    // The form stayed open past the prepared password's hour: the submit prepares it again (the
    // unit's login below proves the hash), and the registration uses the new one up.
    await stack.database.db.preparedPassword.updateMany({ data: { expiresAt: new Date(Date.now() - 1) } });
    await page.getByTestId("reg-submit").click();
    const requestNumber = (
      await page.getByTestId("reg-request-number").textContent({ timeout: 15_000 })
    )?.trim();
    expect(requestNumber).toMatch(/^DW\d{14}$/);
    expect(await stack.database.db.preparedPassword.count()).toBe(0);

    // The legal representative opens the SMS link on a computer, which shows the QR code; "their
    // phone" (a second page, the simulated mobile app) opens what the QR code carries.
    const smsLink = /(http:\/\/\S+\/face-check\/[\w-]+)/.exec(
      await latestSms("13600008001", "LEGAL_REP_FACE_CHECK"),
    )![1]!;
    const computer = await browser.newPage();
    await computer.goto(smsLink);
    const qrTarget = (await computer.getByTestId("face-check-qr").getAttribute("data-url"))!;
    expect(qrTarget).toContain("/mobile/check/");
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(qrTarget);
    expect(await phone.getByTestId("mobile-check-purpose").getAttribute("data-purpose")).toBe(
      "LEGAL_REP_VERIFICATION",
    );
    await phone.getByTestId("mobile-face-start").click();
    await phone.getByTestId("mobile-face-pass").click();
    await expect.poll(() => phone.getByTestId("mobile-result").getAttribute("data-outcome")).toBe("passed");
    await phone.close();
    await expect
      .poll(() => computer.getByTestId("face-check-status").getAttribute("data-status"), { timeout: 10_000 })
      .toMatch(/PASSED|CONSUMED/);
    await computer.close();

    expect(await latestSms("13600008002", "REGISTRATION_APPROVED")).toContain(MATCHING.uscc);
    await unitLogin(page, MATCHING.uscc, "13600008002");
    await expect
      .poll(() => page.getByTestId("unit-profile-name").textContent(), { timeout: 15_000 })
      .toContain(MATCHING.unitName);
    await page.close();
  });

  it("(b) a reviewer approves a mismatching registration in the workbench, and the unit can then log in", async () => {
    const mismatching = {
      uscc: "91520103MA6YD9X55J",
      unitName: "贵州黔山示例建设工程有限公司",
      legalRepName: "陈国栋",
      legalRepIdNumber: makeIdNumber("520102", "19750606", 31),
      regionCode: "520103",
      contactMobile: "13600009001",
    };
    const submitted = await postJson(
      stack.app,
      "/api/registrations",
      await registrationBody(stack.app, mismatching),
    );
    expect(submitted.status).toBe(201);
    await latestSms("13600009001", "REGISTRATION_IN_REVIEW");

    const reviewer = stack.people.find((p) => p.role === "PLATFORM_REVIEWER")!;
    const page = await browser.newPage();
    await page.goto(`${stack.url}/login`);
    await page.getByTestId("login-account").fill(reviewer.idNumber);
    await page.getByTestId("login-password").fill(SEED_PASSWORD);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("current-user").waitFor();
    await page.goto(`${stack.url}/workbench/tasks`);
    await page
      .getByTestId("task-row")
      .filter({ hasText: mismatching.unitName })
      .getByRole("link")
      .first()
      .click();
    await expect.poll(() => page.getByTestId("task-mismatch").count(), { timeout: 10_000 }).toBe(2);
    await page.getByTestId("task-claim").click();
    // The claim has landed when the button turns into 释放.
    await page.getByTestId("task-release").waitFor();
    await confirmDecision(page, "task-approve");
    await expect
      .poll(
        async () => (await stack.database.db.unit.findUnique({ where: { uscc: mismatching.uscc } }))?.name,
        {
          timeout: 15_000,
        },
      )
      .toBe(mismatching.unitName);
    const task = await stack.database.db.humanTask.findFirstOrThrow({
      where: { title: { contains: mismatching.unitName } },
    });
    expect(task).toMatchObject({ status: "COMPLETED", outcome: "APPROVE" });
    await page.close();

    const unitPage = await browser.newPage();
    await unitLogin(unitPage, mismatching.uscc, "13600009001");
    await expect
      .poll(() => unitPage.getByTestId("unit-profile-name").textContent(), { timeout: 15_000 })
      .toContain(mismatching.unitName);
    await unitPage.close();
  });
});

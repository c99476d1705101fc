// Issue 13 item 4 in headless Chromium: the registration status page refuses a mistyped request number
// on its field as it is typed, answers a number and mobile that do not belong together without locking
// the send button, and starts the 60-second countdown only once a code was sent; the unit registration
// wizard keeps a draft across a reload (never the password) and warns before leaving; 重新注册 after a
// rejection opens it prefilled from the rejected request, materials included, the reason on top.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIdNumber, makeUscc } from "../../prisma/seed/seed.js";
import { launchBrowser, pickCascader, pickSelect } from "../support/browser.js";
import { PDF_BYTES, PNG_BYTES, upload } from "../support/registration.js";
import { type Stack, startStack } from "../support/stack.js";

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const REQUEST_NUMBER = "DW20261127000042";
const MOBILE = "13688880042";

async function storedRegistration() {
  await stack.database.db.unitRegistration.create({
    data: {
      submissionId: crypto.randomUUID(),
      requestNumber: REQUEST_NUMBER,
      uscc: makeUscc("91", "520102", "QF000042"),
      unitName: "贵阳进度查询示例有限公司",
      unitType: "ENTERPRISE",
      regionCode: "520102",
      legalRepName: "杨查询",
      legalRepIdNumber: "520112197103087933",
      contactName: "张联系",
      contactMobile: MOBILE,
      passwordHash: "x",
      businessLicenceUploadId: "a",
      authorizationLetterUploadId: "b",
      workflowId: "UnitRegistration:status-page-test",
      status: "IN_MANUAL_REVIEW",
    },
  });
}

const fieldError = (page: Page, testId: string) =>
  page
    .locator(".ant-form-item", { has: page.getByTestId(testId) })
    .locator(".ant-form-item-explain-error")
    .first();

describe("issue 13.4: the registration status page", () => {
  it("issue 13.4: a mistyped request number is refused on its field at once; a number and mobile that do not belong together leave the send button ready; the countdown starts only when a code was sent", async () => {
    await storedRegistration();
    const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${stack.url}/registration-status`);
    const number = page.getByTestId("status-request-number");
    const send = page.getByTestId("status-send-code");

    // A digit left out: the field says so while typing, before anything is sent.
    await number.fill("DW2026112700042");
    await fieldError(page, "status-request-number").waitFor();
    expect(await fieldError(page, "status-request-number").textContent()).toContain("申请编号格式不正确");
    await number.fill("BD20261127000042");
    await expect.poll(() => fieldError(page, "status-request-number").textContent()).toContain("以 DW 开头");
    await number.fill("DW20261131000042");
    await expect.poll(() => fieldError(page, "status-request-number").textContent()).toContain("日期");

    // Well-formed, but not this registration's mobile: one answer, no code, the button ready at once.
    await number.fill(REQUEST_NUMBER.replace("42", "43"));
    await page.getByTestId("status-contact-mobile").fill(MOBILE);
    await send.click();
    await expect
      .poll(() => fieldError(page, "status-request-number").textContent())
      .toContain("没有申请编号和联系人手机号都与之一致的单位注册申请");
    expect(await send.isEnabled()).toBe(true);
    expect(await send.textContent()).not.toMatch(/\d+\s*秒/);
    expect(await stack.database.db.smsMessage.count({ where: { mobile: MOBILE } })).toBe(0);

    // Both right: the code is sent, and only now does the countdown lock the button.
    await number.fill(REQUEST_NUMBER);
    await send.click();
    await expect.poll(() => send.isDisabled()).toBe(true);
    expect(await send.textContent()).toMatch(/\d+/);
    expect(await stack.database.db.smsMessage.count({ where: { mobile: MOBILE } })).toBe(1);
    const sms = await stack.database.db.smsMessage.findFirstOrThrow({ where: { mobile: MOBILE } });
    await page.getByTestId("status-code").fill(/验证码为(\d{6})/.exec(sms.body)![1]!);
    await page.getByTestId("status-submit").click();
    await page.getByTestId("status-facts").waitFor();
    await context.close();
  });

  it("issue 13.4: the wizard keeps a draft across a reload (never the password), says 已恢复草稿, warns before leaving, and can discard it", async () => {
    const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${stack.url}/register/unit`);
    await page.getByTestId("reg-unitName").fill("贵阳草稿示例有限公司");
    await page.getByTestId("reg-uscc").fill(makeUscc("91", "520102", "QF000043"));
    await pickSelect(page, "reg-unitType", "企业");
    await pickCascader(page, "reg-region", ["贵阳市", "南明区"]);
    await page.getByTestId("reg-next").click();
    await page.getByTestId("reg-legalRepName").fill("杨草稿");
    await page.getByTestId("reg-contactName").fill("张草稿");
    await page.getByTestId("reg-contactMobile").fill("13688880043");
    await page.getByTestId("reg-legalRepIdNumber").fill(makeIdNumber("520102", "19800101", 431));
    await page.getByTestId("reg-next").click();
    await page.getByTestId("reg-password").fill("Draft#Pass2026");
    await page.getByTestId("reg-passwordConfirm").fill("Draft#Pass2026");
    const stored = await page.evaluate(() => window.localStorage.getItem("zc.draft.unit-registration"));
    expect(stored).toContain("贵阳草稿示例有限公司");
    expect(stored).toContain("杨草稿");
    expect(stored).not.toContain("Draft#Pass2026");

    // Leaving with input asks first (accepted here, so the reload goes on).
    const asked: string[] = [];
    page.on("dialog", (dialog) => {
      asked.push(dialog.type());
      void dialog.accept();
    });
    await page.reload();
    expect(asked).toEqual(["beforeunload"]);

    await page.getByTestId("reg-draft-restored").waitFor();
    expect(await page.getByTestId("reg-draft-restored").textContent()).toContain("已恢复草稿");
    expect(await page.getByTestId("reg-draft-restored").textContent()).toContain("密码不会保存");
    // Back on the password step (the furthest a draft opens), its fields empty; the earlier ones kept.
    expect(await page.getByTestId("reg-password").inputValue()).toBe("");
    await page.getByTestId("reg-prev").click();
    expect(await page.getByTestId("reg-legalRepName").inputValue()).toBe("杨草稿");
    await page.getByTestId("reg-prev").click();
    expect(await page.getByTestId("reg-unitName").inputValue()).toBe("贵阳草稿示例有限公司");

    await page.getByTestId("reg-draft-discard").click();
    expect(await page.getByTestId("reg-unitName").inputValue()).toBe("");
    expect(await page.getByTestId("reg-draft-restored").count()).toBe(0);
    expect(await page.evaluate(() => window.localStorage.getItem("zc.draft.unit-registration"))).toBeNull();
    await page.reload();
    await page.getByTestId("reg-unitName").waitFor();
    expect(await page.getByTestId("reg-draft-restored").count()).toBe(0);
    await context.close();
  });

  it("issue 13.4: 重新注册 after a rejection opens the wizard prefilled from the rejected request, materials included, the reason on top; submitting reuses the materials and clears the draft", async () => {
    const licence = (
      await (await upload(stack.app, "BUSINESS_LICENCE", "营业执照（副本）.pdf", PDF_BYTES)).json()
    ).data.id as string;
    const letter = (
      await (await upload(stack.app, "AUTHORIZATION_LETTER", "授权书.png", PNG_BYTES, "image/png")).json()
    ).data.id as string;
    const uscc = makeUscc("91", "520102", "QF000044");
    const mobile = "13688880044";
    const reason = "营业执照照片不清晰，请上传清晰的扫描件。";
    await stack.database.db.unitRegistration.create({
      data: {
        submissionId: crypto.randomUUID(),
        requestNumber: "DW20261127000044",
        uscc,
        unitName: "贵阳重新注册示例有限公司",
        unitType: "ENTERPRISE",
        regionCode: "520102",
        legalRepName: "杨重注",
        legalRepIdNumber: makeIdNumber("520102", "19800101", 441),
        contactName: "张重注",
        contactMobile: mobile,
        passwordHash: "x",
        businessLicenceUploadId: licence,
        authorizationLetterUploadId: letter,
        workflowId: "UnitRegistration:resubmission-test",
        status: "REJECTED",
        decisionReason: reason,
        closedAt: new Date(),
      },
    });
    const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${stack.url}/registration-status?requestNumber=DW20261127000044`);
    await page.getByTestId("status-contact-mobile").fill(mobile);
    await page.getByTestId("status-send-code").click();
    await expect.poll(() => stack.database.db.smsMessage.count({ where: { mobile } })).toBe(1);
    const sms = await stack.database.db.smsMessage.findFirstOrThrow({ where: { mobile } });
    await page.getByTestId("status-code").fill(/验证码为(\d{6})/.exec(sms.body)![1]!);
    await page.getByTestId("status-submit").click();
    await page.getByTestId("status-register-again").click();

    await page.getByTestId("reg-based-on").waitFor();
    expect(await page.getByTestId("reg-based-on").textContent()).toContain("DW20261127000044");
    expect(await page.getByTestId("reg-based-on-reason").textContent()).toBe(`审核意见：${reason}`);
    expect(await page.getByTestId("reg-unitName").inputValue()).toBe("贵阳重新注册示例有限公司");
    expect(await page.getByTestId("reg-uscc").inputValue()).toBe(uscc);
    await page.getByTestId("reg-next").click();
    expect(await page.getByTestId("reg-legalRepName").inputValue()).toBe("杨重注");
    expect(await page.getByTestId("reg-contactMobile").inputValue()).toBe(mobile);
    await page.getByTestId("reg-next").click();
    await page.getByTestId("reg-password").fill("Again#Pass2026");
    await page.getByTestId("reg-passwordConfirm").fill("Again#Pass2026");
    await page.getByTestId("reg-next").click();
    // The rejected request's materials, still stored, are offered again.
    expect(
      await page
        .getByTestId("reg-upload-licence")
        .locator("xpath=ancestor::*[contains(@class,'ant-upload-wrapper')]")
        .textContent(),
    ).toContain("营业执照（副本）.pdf");
    await page.getByTestId("reg-next").click();
    await page.getByTestId("reg-submit").click();
    const requestNumber = await page.getByTestId("reg-request-number").textContent({ timeout: 15_000 });
    const again = await stack.database.db.unitRegistration.findUniqueOrThrow({
      where: { requestNumber: requestNumber!.trim() },
    });
    expect(again).toMatchObject({
      businessLicenceUploadId: licence,
      authorizationLetterUploadId: letter,
      uscc,
    });
    expect(await page.evaluate(() => window.localStorage.getItem("zc.draft.unit-registration"))).toBeNull();
    await context.close();
  });

  it("issue 13.4: the person registration form keeps name, ID number and mobile across a reload, never the code or the password", async () => {
    const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on("dialog", (dialog) => void dialog.accept());
    await page.goto(`${stack.url}/register/person`);
    const idNumber = makeIdNumber("520102", "19900101", 451);
    await page.getByTestId("person-name").fill("热依拉·买买提");
    await page.getByTestId("person-id-number").fill(idNumber);
    await page.getByTestId("person-mobile").fill("13688880045");
    await page.getByTestId("person-code").fill("123456");
    await page.getByTestId("person-password").fill("Person#Pass2026");
    const stored = await page.evaluate(() => window.localStorage.getItem("zc.draft.person-registration"));
    expect(stored).toContain("热依拉·买买提");
    expect(stored).not.toContain("Person#Pass2026");
    expect(stored).not.toContain("123456");
    await page.reload();
    await page.getByTestId("person-draft-restored").waitFor();
    expect(await page.getByTestId("person-name").inputValue()).toBe("热依拉·买买提");
    expect(await page.getByTestId("person-id-number").inputValue()).toBe(idNumber);
    expect(await page.getByTestId("person-mobile").inputValue()).toBe("13688880045");
    expect(await page.getByTestId("person-password").inputValue()).toBe("");
    expect(await page.getByTestId("person-code").inputValue()).toBe("");
    await page.getByTestId("person-draft-discard").click();
    expect(await page.getByTestId("person-name").inputValue()).toBe("");
    expect(await page.evaluate(() => window.localStorage.getItem("zc.draft.person-registration"))).toBeNull();
    await context.close();
  });

  it("issue 13.3: in the wizard a password typed full-width is told 请使用半角字符, a zero-byte file 文件为空, and 营业执照（副本）.pdf is accepted", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "zc-e2e-"));
    const empty = path.join(dir, "营业执照.pdf");
    const named = path.join(dir, "营业执照（副本）.pdf");
    await writeFile(empty, new Uint8Array(0));
    await writeFile(named, PDF_BYTES);
    const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on("dialog", (dialog) => void dialog.accept());
    // Start from a draft of the first two steps (the wizard opens it on the password step).
    await page.goto(`${stack.url}/register/unit`);
    await page.evaluate(
      (values) =>
        window.localStorage.setItem(
          "zc.draft.unit-registration",
          JSON.stringify({ version: 1, savedAt: new Date().toISOString(), step: 2, values }),
        ),
      {
        unitName: "贵阳半角示例有限公司",
        uscc: makeUscc("91", "520102", "QF000046"),
        unitType: "ENTERPRISE",
        regionCode: "520102",
        legalRepName: "杨半角",
        legalRepIdNumber: makeIdNumber("520102", "19800101", 461),
        contactName: "张半角",
        contactMobile: "13688880046",
      },
    );
    await page.reload();
    await page.getByTestId("reg-password").fill("Ｕｎｉｔ＃Ｐａｓｓ２０２６");
    await page.getByTestId("reg-passwordConfirm").fill("Ｕｎｉｔ＃Ｐａｓｓ２０２６");
    await page.getByTestId("reg-next").click();
    const passwordError = fieldError(page, "reg-password");
    await passwordError.waitFor();
    expect(await passwordError.textContent()).toMatch(/^请使用半角字符/);
    expect(await passwordError.textContent()).not.toContain("大写");
    await page.getByTestId("reg-password").fill("Unit#Pass2026");
    await page.getByTestId("reg-passwordConfirm").fill("Unit#Pass2026");
    await page.getByTestId("reg-next").click();

    const licence = page.locator(".ant-form-item", { has: page.getByTestId("reg-upload-licence") });
    await page.getByTestId("reg-upload-licence").setInputFiles(empty);
    await expect.poll(() => fieldError(page, "reg-upload-licence").textContent()).toContain("文件为空");
    await page.getByTestId("reg-upload-licence").setInputFiles(named);
    await expect.poll(() => licence.locator(".ant-upload-list-item-done").count()).toBe(1);
    expect(await licence.textContent()).toContain("营业执照（副本）.pdf");
    await context.close();
  });
});

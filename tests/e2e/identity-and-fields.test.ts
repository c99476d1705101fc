// Issue 13 items 1 and 2 in headless Chromium: the console accepts every accepted identity document and
// refuses misplaced name separators and too-short names with the same sentence the API answers
// (domain/field-messages.ts, domain/person-name.ts), lengths counted in characters.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CONTACT_NAME_LENGTH,
  fieldLabel,
  fieldProblemMessage,
  lengthProblem,
} from "../../domain/field-messages.js";
import { launchBrowser, pickCascader, pickSelect } from "../support/browser.js";
import { MATCHING } from "../support/registration.js";
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

async function newPage(locale: "zh-CN" | "en", viewport = { width: 1440, height: 900 }) {
  const context = await browser.newContext({ locale, viewport });
  // The console keeps its language in localStorage (admin-ui/src/i18n).
  await context.addInitScript((value) => localStorage.setItem("console.locale", value), locale);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** The error shown under the form item that holds the input `testId`. */
function fieldError(page: Page, testId: string) {
  return page
    .getByTestId(testId)
    .locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' ant-form-item ')][1]")
    .locator(".ant-form-item-explain-error");
}

async function errorsOf(page: Page, testId: string): Promise<string[]> {
  return fieldError(page, testId).allTextContents();
}

async function latestCode(mobile: string) {
  const where = { mobile, template: "VERIFICATION_CODE" };
  await expect
    .poll(() => stack.database.db.smsMessage.count({ where }), { timeout: 20_000 })
    .toBeGreaterThan(0);
  const message = await stack.database.db.smsMessage.findFirstOrThrow({
    where,
    orderBy: { createdAt: "desc" },
  });
  return /验证码为(\d{6})/.exec(message.body)![1]!;
}

describe("issue 13.1/13.2: identity documents, names and lengths in the console", () => {
  it("issue 13.1: the personal registration form refuses misplaced separators and accepts residence permits and permanent residence IDs", async () => {
    const page = await newPage("zh-CN");
    await page.goto(`${stack.url}/register/person`);

    const name = page.getByTestId("person-name");
    for (const [typed, expected] of [
      ["·买买提", "姓名的开头或结尾不能是“·”，间隔号只能用在两部分姓名之间。"],
      ["热依拉·", "姓名的开头或结尾不能是“·”，间隔号只能用在两部分姓名之间。"],
      ["··", "姓名的开头或结尾不能是“·”，间隔号只能用在两部分姓名之间。"],
      ["热依拉··买买提", "姓名中的间隔号或分隔符不能连用（“·”），两部分姓名之间只用一个。"],
      ["热依拉•・买买提", "姓名中的间隔号或分隔符不能连用（“·”），两部分姓名之间只用一个。"],
      ["𠮷", "姓名至少需要2个字符（现为1个）。"],
    ] as const) {
      await name.fill(typed);
      await expect.poll(() => errorsOf(page, "person-name"), { message: typed }).toEqual([expected]);
    }
    for (const typed of ["热依拉•买买提", "热依拉・买买提", "𠮷𪚥", "JOHN SMITH"]) {
      await name.fill(typed);
      await expect.poll(() => errorsOf(page, "person-name"), { message: typed }).toEqual([]);
    }

    const idNumber = page.getByTestId("person-id-number");
    for (const accepted of ["830000199001011007", "952840198503121002", "USA520850312001"]) {
      await idNumber.fill(accepted);
      await expect.poll(() => errorsOf(page, "person-id-number"), { message: accepted }).toEqual([]);
    }
    // A permanent residence number whose accepting province (digits 2–3) is no province.
    await idNumber.fill("992840198503121002");
    await expect
      .poll(() => errorsOf(page, "person-id-number"))
      .toEqual(["外国人永久居留身份证号码第2-3位应为受理地的省级代码（如贵州为52），请核对。"]);
    // Something no accepted document looks like: the message names the accepted documents.
    await idNumber.fill("G12345678");
    await expect
      .poll(async () => (await errorsOf(page, "person-id-number")).join(""))
      .toContain("居民身份证（18位）");
    const [refusal] = await errorsOf(page, "person-id-number");
    expect(refusal).toContain("港澳台居民居住证");
    expect(refusal).toContain("外国人永久居留身份证");
    expect(refusal).not.toContain("省级行政区划代码");
  });

  it("issue 13.1: a foreigner registers with a 2023 permanent residence ID and a Latin name, then logs in with that number", async () => {
    const idNumber = "952840198503121002";
    const mobile = "13655507788";
    const password = "Perm#Res2026";
    const computer = await newPage("zh-CN");
    const phone = await newPage("zh-CN", { width: 390, height: 844 });
    await computer.goto(`${stack.url}/register/person`);
    await computer.getByTestId("person-name").fill("john o'neil");
    await computer.getByTestId("person-id-number").fill(idNumber);
    await computer.getByTestId("person-mobile").fill(mobile);
    await computer.getByTestId("person-send-code").click();
    await computer.getByTestId("person-code").fill(await latestCode(mobile));
    await computer.getByTestId("person-password").fill(password);
    await computer.getByTestId("person-password-confirm").fill(password);
    await computer.getByTestId("person-register-submit").click();
    const qr = computer.locator('[data-testid="person-registration-qr"][data-url]');
    await qr.waitFor();
    await phone.goto((await qr.getAttribute("data-url"))!);
    await phone.getByTestId("mobile-face-start").click();
    await phone.getByTestId("mobile-face-pass").click();
    await phone.getByTestId("mobile-result").waitFor();
    await computer.getByTestId("person-registration-done").waitFor();

    // Stored as on the card: upper-case Latin, the number as typed.
    const person = await stack.database.db.person.findUniqueOrThrow({ where: { idNumber } });
    expect(person.name).toBe("JOHN O'NEIL");

    // Login by the document's number (the account), in the password tab.
    await computer.goto(`${stack.url}/login`);
    await computer.getByTestId("login-account").fill(idNumber);
    await computer.getByTestId("login-password").fill(password);
    await computer.getByTestId("login-submit").click();
    await computer.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 15_000 });
  });

  it("issue 13.2: the contact name 𠮷 is refused in the unit registration wizard with the API's sentence", async () => {
    const page = await newPage("zh-CN");
    await page.goto(`${stack.url}/register/unit`);
    await page.getByTestId("reg-unitName").fill(MATCHING.unitName);
    await page.getByTestId("reg-uscc").fill(MATCHING.uscc);
    await pickSelect(page, "reg-unitType", "企业");
    await pickCascader(page, "reg-region", ["六盘水市", "钟山区"]);
    await page.getByTestId("reg-next").click();
    await page.getByTestId("reg-contactName").fill("𠮷");
    // The very sentence the API answers for contactName = "𠮷" (tests/api/field-messages.test.ts).
    const problem = lengthProblem("𠮷", CONTACT_NAME_LENGTH);
    if (!problem) throw new Error("𠮷 passed the length rule");
    const expected = fieldProblemMessage(fieldLabel("contactName"), problem);
    expect(expected["zh-CN"]).toBe("联系人至少需要2个字符（现为1个）。");
    await expect.poll(() => errorsOf(page, "reg-contactName")).toEqual([expected["zh-CN"]]);
    // Two rare characters are two characters: accepted.
    await page.getByTestId("reg-contactName").fill("𠮷𪚥");
    await expect.poll(() => errorsOf(page, "reg-contactName")).toEqual([]);
  });

  it("issue 13.2: in English, a name of one rare character is refused with the English sentence, on a phone too", async () => {
    const page = await newPage("en", { width: 390, height: 844 });
    await page.goto(`${stack.url}/register/person`);
    await page.getByTestId("person-name").fill("𠮷");
    await expect
      .poll(() => errorsOf(page, "person-name"))
      .toEqual(["Name needs at least 2 characters (now 1)."]);
    await page.getByTestId("person-name").fill("张Wei");
    await expect
      .poll(() => errorsOf(page, "person-name"))
      .toEqual([
        "Name cannot mix Chinese characters and Latin letters; write it as on the identity document.",
      ]);
  });
});

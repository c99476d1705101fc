// Issue 11 items 1 and 3 in headless Chromium: a development installation wears its 开发环境 ribbon on
// every page; with a real face-check vendor, the check's page sends the person to the vendor's page
// (a local stand-in of Tencent FaceID's), the vendor sends them back, and the page shows the verdict
// our server fetched from the vendor.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIdNumber } from "../../prisma/seed/seed.js";
import { launchBrowser, signedInPage } from "../support/browser.js";
import { PASSWORD } from "../support/people.js";
import { postJson } from "../support/registration.js";
import { type Stack, startStack } from "../support/stack.js";
import {
  startTencentFaceIdStandIn,
  type TencentFaceIdStandIn,
  tencentFaceIdEnv,
} from "../support/tencent-faceid-stand-in.js";

let browser: Browser;
let faceId: TencentFaceIdStandIn;
/** Development with the stand-ins (the default), and development with Tencent FaceID. */
let stack: Stack;
let vendorStack: Stack;

beforeAll(async () => {
  [browser, faceId] = await Promise.all([launchBrowser(), startTencentFaceIdStandIn()]);
  [stack, vendorStack] = await Promise.all([startStack(), startStack({ env: tencentFaceIdEnv(faceId) })]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([stack?.stop(), vendorStack?.stop(), faceId?.close()]);
});

describe("Issue 11 in the console", () => {
  it("R28: development shows the 开发环境 ribbon on public pages and signed in, in both languages", async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.url}/login`);
    const ribbon = page.getByTestId("environment-ribbon");
    await expect.poll(() => ribbon.textContent()).toBe("开发环境");
    expect(await ribbon.isVisible()).toBe(true);
    // It lets clicks through to what lies beneath.
    expect(await ribbon.evaluate((el) => getComputedStyle(el).pointerEvents)).toBe("none");
    await page.evaluate(() => localStorage.setItem("console.locale", "en"));
    await page.reload();
    await expect.poll(() => page.getByTestId("environment-ribbon").textContent()).toBe("Development");
    await page.close();

    const operator = stack.people.find((p) => p.role === "PLATFORM_OPERATOR")!;
    const person = await stack.database.db.person.findUniqueOrThrow({
      where: { idNumber: operator.idNumber },
    });
    const signedIn = await signedInPage(browser, stack, person.id);
    await signedIn.goto(stack.url);
    await expect.poll(() => signedIn.getByTestId("environment-ribbon").textContent()).toBe("开发环境");
    await signedIn.context().close();
  });

  it("R15, R28: with Tencent FaceID the check's page sends the person to the vendor and shows the verdict the server fetched", async () => {
    // A personal registration waiting for its face check (codes from the outbox of this development stack).
    const mobile = "13577001234";
    const sent = await postJson(vendorStack.app, "/api/persons/registration-codes", { mobile });
    const { codeId } = (await sent.json()).data;
    const message = await vendorStack.database.db.smsMessage.findFirstOrThrow({
      where: { mobile, template: "VERIFICATION_CODE" },
    });
    const idNumber = makeIdNumber("520103", "19940506", 611);
    const registered = await postJson(vendorStack.app, "/api/persons/registrations", {
      name: "林晓",
      idNumber,
      mobile,
      codeId,
      code: /验证码为(\d{6})/.exec(message.body)![1],
      password: PASSWORD,
    });
    const { data: registration } = await registered.json();
    expect(registration.qrUrl).toBe(`${vendorStack.url}/face-check/${registration.qrUrl.split("/").pop()}`);

    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    // The simulated mobile app is not offered here: its link leads to the check's own page.
    const token = registration.qrUrl.split("/").pop();
    await page.goto(`${vendorStack.url}/mobile/check/${token}`);
    await page.waitForURL(registration.qrUrl);
    // The QR code (for a computer) is this very page; no simulated phone is offered.
    await expect
      .poll(() => page.getByTestId("face-check-qr").getAttribute("data-url"))
      .toBe(registration.qrUrl);
    expect(await page.getByTestId("face-check-simulate").count()).toBe(0);
    await page.getByTestId("face-check-start").click();
    // On the vendor's page (the stand-in's), which knows whom to check and where to send them back.
    await page.waitForURL(`${faceId.endpoint}/h5/detect?**`);
    const session = faceId.sessionFor(token)!;
    expect(session).toMatchObject({ idCard: idNumber, name: "林晓", redirectUrl: registration.qrUrl });
    await page.locator("#finish").click();
    // Back on our page: the vendor's redirect carries its token, which the page ignores; the verdict is
    // the one the worker fetched.
    await page.waitForURL(`${registration.qrUrl}?token=${session.bizToken}`);
    await expect
      .poll(() => page.getByTestId("face-check-status").getAttribute("data-status"), { timeout: 15_000 })
      .toMatch(/PASSED|CONSUMED/);
    expect(await page.getByText("人脸识别已通过").count()).toBe(1);
    await expect
      .poll(
        async () =>
          (await (await vendorStack.app.request(`/api/persons/registrations/${registration.id}`)).json()).data
            .status,
        { timeout: 15_000 },
      )
      .toBe("REGISTERED");
    expect(faceId.refusals).toEqual([]);
    await page.close();
  });
});

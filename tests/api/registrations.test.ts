// Bad input to unit registration (R1, R4, R21, R23) and the status page's SMS codes (R25):
// each gets its specific error, and nothing is created.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "../../lib/passwords.js";
import { seedRegions } from "../../prisma/seed/seed.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { MATCHING, PDF_BYTES, postJson, registrationBody, upload } from "../support/registration.js";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>["app"];

beforeEach(async () => {
  database = await createTestDatabase();
  await seedRegions(database.db);
  // No Temporal here: a valid registration must fail cleanly with SERVICE_UNAVAILABLE.
  app = createTestApp(database).app;
});
afterEach(() => database.close());

async function expectError(response: Response, status: number, code: string, field?: string) {
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(status);
  expect(body.error.code).toBe(code);
  if (field) expect(body.error.field).toBe(field);
  expect(body.error.message["zh-CN"]).toBeTruthy();
  expect(body.error.message.en).toBeTruthy();
  return body.error;
}

async function submitWith(overrides: Record<string, unknown>) {
  return postJson(app, "/api/registrations", await registrationBody(app, overrides));
}

describe("registration input", () => {
  it("R1 refuses a legal representative ID number with a wrong check character", async () => {
    const error = await expectError(
      await submitWith({ legalRepIdNumber: "520112197103087934" }),
      400,
      "VALIDATION_FAILED",
      "legalRepIdNumber",
    );
    expect(error.message["zh-CN"]).toContain("校验位");
  });

  it("R1 refuses an ID number with an impossible birth date", async () => {
    const error = await expectError(
      await submitWith({ legalRepIdNumber: "520112199002301234" }),
      400,
      "VALIDATION_FAILED",
      "legalRepIdNumber",
    );
    expect(error.message["zh-CN"]).toContain("出生日期");
  });

  it("R1 refuses a USCC of the wrong format", async () => {
    const error = await expectError(
      await submitWith({ uscc: "91520102MA6DK1B2OW" }),
      400,
      "VALIDATION_FAILED",
      "uscc",
    );
    expect(error.message["zh-CN"]).toContain("不含 I、O、Z、S、V");
  });

  it("R1 warns (but does not refuse) a USCC whose format is right and whose check character fails", async () => {
    const response = await app.request("/api/registrations/uscc-availability?uscc=91520181718852683L");
    expect(response.status).toBe(200);
    expect((await response.json()).data).toEqual({
      uscc: "91520181718852683L",
      state: "AVAILABLE",
      checkCharacterValid: false,
    });
  });

  it("R15 names every missing password requirement", async () => {
    const error = await expectError(
      await submitWith({ password: "weakpass" }),
      400,
      "VALIDATION_FAILED",
      "password",
    );
    expect(error.message["zh-CN"]).toContain("含大写字母");
    expect(error.message["zh-CN"]).toContain("含特殊字符");
  });

  it("issue 13.3: a password typed with full-width characters is told 请使用半角字符, not that a letter is missing", async () => {
    const error = await expectError(
      await submitWith({ password: "Ｓｔｒｏｎｇ＃Ｐａｓｓ１" }),
      400,
      "VALIDATION_FAILED",
      "password",
    );
    expect(error.message["zh-CN"]).toMatch(/^请使用半角字符/);
    expect(error.message["zh-CN"]).not.toContain("大写");
    expect(error.message.en).toMatch(/^Use half-width characters/);
  });

  it("refuses a malformed mobile", async () => {
    await expectError(await submitWith({ contactMobile: "1234" }), 400, "VALIDATION_FAILED", "contactMobile");
  });

  it("R21 refuses a self-registering HR department", async () => {
    await expectError(
      await submitWith({ unitType: "HR_DEPARTMENT" }),
      403,
      "HR_DEPARTMENT_SELF_REGISTRATION",
      "unitType",
    );
  });

  it("R4 refuses a USCC that is already registered and says how to log in or recover", async () => {
    await database.db.unit.create({
      data: {
        name: MATCHING.unitName,
        uscc: MATCHING.uscc,
        accountName: MATCHING.uscc,
        passwordHash: await hashPassword("Unit#Pass2026"),
        type: "ENTERPRISE",
        origin: "SELF_REGISTERED",
        regionCode: MATCHING.regionCode,
        contactName: "张联系",
        contactMobile: "13688889999",
      },
    });
    const error = await expectError(await submitWith({}), 409, "UNIT_ALREADY_REGISTERED", "uscc");
    expect(error.message["zh-CN"]).toContain("单位登录");
    expect(error.message["zh-CN"]).toContain("找回单位账号");
    const availability = await app.request(`/api/registrations/uscc-availability?uscc=${MATCHING.uscc}`);
    expect((await availability.json()).data.state).toBe("REGISTERED");
  });

  it("refuses an unknown region and an upload of the wrong kind", async () => {
    await expectError(await submitWith({ regionCode: "990000" }), 400, "VALIDATION_FAILED", "regionCode");
    const body = await registrationBody(app);
    await expectError(
      await postJson(app, "/api/registrations", {
        ...body,
        authorizationLetterUploadId: body.businessLicenceUploadId,
      }),
      400,
      "UPLOAD_NOT_FOUND",
      "authorizationLetterUploadId",
    );
  });

  it("answers 503 when Temporal cannot start the workflow, and keeps the registration for the retry of the same submission", async () => {
    await expectError(await submitWith({}), 503, "SERVICE_UNAVAILABLE");
    // The start may have reached Temporal with only its answer lost: deleting could orphan a run.
    expect(await database.db.unitRegistration.findMany({ select: { status: true } })).toEqual([
      { status: "SUBMITTED" },
    ]);
  });

  it("creates nothing for any refused registration", async () => {
    await submitWith({ legalRepIdNumber: "520112197103087934" });
    await submitWith({ unitType: "HR_DEPARTMENT" });
    expect(await database.db.unitRegistration.count()).toBe(0);
  });
});

describe("R23 uploads", () => {
  it("stores a real PDF and reports its detected type", async () => {
    const response = await upload(app, "BUSINESS_LICENCE", "营业执照 (副本).pdf", PDF_BYTES);
    expect(response.status).toBe(201);
    const { data } = await response.json();
    expect(data).toMatchObject({
      kind: "BUSINESS_LICENCE",
      mediaType: "application/pdf",
      originalName: "营业执照 (副本).pdf",
    });
    const row = await database.db.upload.findUniqueOrThrow({ where: { id: data.id } });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a fake PDF (wrong magic bytes)", async () => {
    const fake = new TextEncoder().encode("this is not a pdf at all, just text pretending");
    const error = await expectError(
      await upload(app, "BUSINESS_LICENCE", "licence.pdf", fake),
      400,
      "UPLOAD_TYPE_NOT_ALLOWED",
      "file",
    );
    expect(error.message["zh-CN"]).toContain("无法识别文件内容");
    expect(await database.db.upload.count()).toBe(0);
  });

  it("issue 13.3: a wrong type names what the content was found to be", async () => {
    const gif = new TextEncoder().encode("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!");
    const error = await expectError(
      await upload(app, "BUSINESS_LICENCE", "licence.pdf", gif),
      400,
      "UPLOAD_TYPE_NOT_ALLOWED",
      "file",
    );
    expect(error.details).toEqual({ detected: "GIF" });
    expect(error.message["zh-CN"]).toContain("文件内容是 GIF 格式");
    expect(error.message.en).toContain("The file content is GIF");
  });

  it("issue 13.3: a zero-byte upload says 文件为空", async () => {
    const error = await expectError(
      await upload(app, "BUSINESS_LICENCE", "营业执照.pdf", new Uint8Array(0)),
      400,
      "UPLOAD_EMPTY",
      "file",
    );
    expect(error.message["zh-CN"]).toContain("文件为空");
    expect(error.message.en).toContain("empty");
    expect(await database.db.upload.count()).toBe(0);
  });

  it("issue 13.3: a file over the size limit names its size and the limit", async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF_BYTES);
    const error = await expectError(
      await upload(app, "BUSINESS_LICENCE", "licence.pdf", big),
      413,
      "UPLOAD_TOO_LARGE",
      "file",
    );
    expect(error.message["zh-CN"]).toBe("文件大小为 10 MB，超过 10 MB 的上限，请压缩后重新上传");
    expect(error.details).toEqual({ size: 10 * 1024 * 1024 + 1, limit: 10 * 1024 * 1024 });
  });

  it("issue 13.3: a name with full-width punctuation or any printable character is accepted as it is", async () => {
    for (const name of [
      "营业执照（副本）.pdf",
      "授权书，终版【盖章】.pdf",
      "R&D #1 'final' 100%.pdf",
      "Ünïcode·名称😀.pdf",
    ]) {
      const response = await upload(app, "AUTHORIZATION_LETTER", name, PDF_BYTES);
      expect(response.status, name).toBe(201);
      expect((await response.json()).data.originalName).toBe(name);
    }
  });

  it("issue 13.3: the stored name drops path parts and control or format characters, and is cut to 100 characters", async () => {
    const cases: Array<[string, string]> = [
      ["C:\\fakepath\\营业执照.pdf", "营业执照.pdf"],
      ["../../etc/营业执照.pdf", "营业执照.pdf"],
      ["营业\u0000执照\r\n.pdf", "营业执照.pdf"],
      ["营业\u200b执照\u202e.pdf", "营业执照.pdf"],
      [`${"长".repeat(150)}.pdf`, `${"长".repeat(96)}.pdf`],
    ];
    for (const [sent, stored] of cases) {
      const response = await upload(app, "BUSINESS_LICENCE", sent, PDF_BYTES);
      expect(response.status, sent).toBe(201);
      const { data } = await response.json();
      expect(data.originalName).toBe(stored);
      const row = await database.db.upload.findUniqueOrThrow({ where: { id: data.id } });
      expect(row.originalName).toBe(stored);
    }
  });

  it("issue 13.3: a name with nothing visible is refused with what to do", async () => {
    const error = await expectError(
      await upload(app, "BUSINESS_LICENCE", "\u200b\u200b", PDF_BYTES),
      400,
      "UPLOAD_NAME_INVALID",
      "file",
    );
    expect(error.message["zh-CN"]).toContain("没有可显示的字符");
  });

  it("issue 13.3: a PDF renamed to .png is refused naming both types and offering the corrected name", async () => {
    const error = await expectError(
      await upload(app, "AUTHORIZATION_LETTER", "授权书（盖章）.png", PDF_BYTES, "image/png"),
      400,
      "UPLOAD_EXTENSION_MISMATCH",
      "file",
    );
    expect(error.details).toEqual({ extension: "png", detected: "PDF", suggestedName: "授权书（盖章）.pdf" });
    expect(error.message["zh-CN"]).toBe(
      "文件扩展名为 .png，但内容是 PDF 格式，请改名为“授权书（盖章）.pdf”后重新上传",
    );
    const bare = await expectError(
      await upload(app, "AUTHORIZATION_LETTER", "授权书", PDF_BYTES),
      400,
      "UPLOAD_EXTENSION_MISMATCH",
    );
    expect(bare.details).toMatchObject({ extension: "", suggestedName: "授权书.pdf" });
  });
});

describe("R25 status page access by SMS code", () => {
  async function storedRegistration() {
    return database.db.unitRegistration.create({
      data: {
        submissionId: crypto.randomUUID(),
        requestNumber: "DW20261127000001",
        uscc: MATCHING.uscc,
        unitName: MATCHING.unitName,
        unitType: "ENTERPRISE",
        regionCode: MATCHING.regionCode,
        legalRepName: MATCHING.legalRepName,
        legalRepIdNumber: MATCHING.legalRepIdNumber,
        contactName: "张联系",
        contactMobile: "13688889999",
        passwordHash: "x",
        businessLicenceUploadId: "a",
        authorizationLetterUploadId: "b",
        workflowId: `UnitRegistration:${MATCHING.uscc}`,
        status: "IN_MANUAL_REVIEW",
      },
    });
  }

  const codeFromOutbox = async () => {
    const message = await database.db.smsMessage.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    return /验证码为(\d{6})/.exec(message.body)![1]!;
  };

  it("issue 13.4: an unknown request number and a wrong contact mobile get one answer, and nothing is sent", async () => {
    await storedRegistration();
    const unknown = await expectError(
      await postJson(app, "/api/registrations/access-code", {
        requestNumber: "DW20261127000009",
        contactMobile: "13688889999",
      }),
      404,
      "REGISTRATION_ACCESS_NOT_FOUND",
      "requestNumber",
    );
    const wrongMobile = await expectError(
      await postJson(app, "/api/registrations/access-code", {
        requestNumber: "DW20261127000001",
        contactMobile: "13688889998",
      }),
      404,
      "REGISTRATION_ACCESS_NOT_FOUND",
      "requestNumber",
    );
    expect(wrongMobile.message).toEqual(unknown.message);
    expect(unknown.message["zh-CN"]).toContain("申请编号和联系人手机号");
    expect(await database.db.smsMessage.count()).toBe(0);
  });

  it("issue 13.4: a mistyped request number is refused on its field before any lookup, saying what is wrong", async () => {
    const refused = async (requestNumber: string) =>
      expectError(
        await postJson(app, "/api/registrations/access-code", {
          requestNumber,
          contactMobile: "13688889999",
        }),
        400,
        "VALIDATION_FAILED",
        "requestNumber",
      );
    // A digit left out, a letter for a digit, another request type, a date that is no day, a future date.
    expect((await refused("DW2026112700001")).message["zh-CN"]).toContain("格式不正确");
    expect((await refused("DW2026112700000I")).message["zh-CN"]).toContain("格式不正确");
    expect((await refused("BD20261127000001")).message["zh-CN"]).toContain("以 DW 开头");
    expect((await refused("DW20261131000001")).message["zh-CN"]).toContain("日期");
    expect((await refused("DW20991231000001")).message["zh-CN"]).toContain("日期");
    // Typed in lower case or full width, it is read as the number.
    await storedRegistration();
    const response = await postJson(app, "/api/registrations/access-code", {
      requestNumber: "ｄｗ20261127000001",
      contactMobile: "13688889999",
    });
    expect(response.status).toBe(202);
    expect(await database.db.smsMessage.count()).toBe(1);
  });

  it("shows the status with the right code and refuses without it", async () => {
    await storedRegistration();
    expect((await app.request("/api/registrations/DW20261127000001")).status).toBe(401);
    await postJson(app, "/api/registrations/access-code", {
      requestNumber: "DW20261127000001",
      contactMobile: "13688889999",
    });
    const code = await codeFromOutbox();
    const granted = await postJson(app, "/api/registrations/access", {
      requestNumber: "DW20261127000001",
      code,
    });
    expect(granted.status).toBe(200);
    const cookie = granted.headers.get("set-cookie")!.split(";")[0]!;
    expect(cookie).toMatch(/^zc_request=/);
    const view = await app.request("/api/registrations/DW20261127000001", { headers: { cookie } });
    expect(view.status).toBe(200);
    expect((await view.json()).data).toMatchObject({
      status: "IN_MANUAL_REVIEW",
      contactMobileMasked: "136****9999",
    });
    // A code is single-use.
    await expectError(
      await postJson(app, "/api/registrations/access", { requestNumber: "DW20261127000001", code }),
      400,
      "SMS_CODE_EXPIRED",
      "code",
    );
  });

  it("refuses a wrong code, then locks the code after repeated wrong tries", async () => {
    await storedRegistration();
    await postJson(app, "/api/registrations/access-code", {
      requestNumber: "DW20261127000001",
      contactMobile: "13688889999",
    });
    const code = await codeFromOutbox();
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 4; i++) {
      await expectError(
        await postJson(app, "/api/registrations/access", { requestNumber: "DW20261127000001", code: wrong }),
        400,
        "SMS_CODE_INVALID",
        "code",
      );
    }
    await expectError(
      await postJson(app, "/api/registrations/access", { requestNumber: "DW20261127000001", code: wrong }),
      429,
      "SMS_CODE_TOO_MANY_ATTEMPTS",
    );
    await expectError(
      await postJson(app, "/api/registrations/access", { requestNumber: "DW20261127000001", code }),
      429,
      "SMS_CODE_TOO_MANY_ATTEMPTS",
    );
  });

  it("refuses an expired code", async () => {
    await storedRegistration();
    await postJson(app, "/api/registrations/access-code", {
      requestNumber: "DW20261127000001",
      contactMobile: "13688889999",
    });
    const code = await codeFromOutbox();
    await database.db.smsCode.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectError(
      await postJson(app, "/api/registrations/access", { requestNumber: "DW20261127000001", code }),
      400,
      "SMS_CODE_EXPIRED",
    );
  });

  it("issue 13.4: a rejected request's view carries what it was submitted with, materials included, and they can be submitted again for the same USCC only", async () => {
    const body = await registrationBody(app);
    await database.db.unitRegistration.create({
      data: {
        submissionId: crypto.randomUUID(),
        requestNumber: "DW20261127000001",
        uscc: MATCHING.uscc,
        unitName: MATCHING.unitName,
        unitType: "ENTERPRISE",
        regionCode: MATCHING.regionCode,
        legalRepName: MATCHING.legalRepName,
        legalRepIdNumber: MATCHING.legalRepIdNumber,
        contactName: "张联系",
        contactMobile: "13688889999",
        passwordHash: "x",
        businessLicenceUploadId: body.businessLicenceUploadId,
        authorizationLetterUploadId: body.authorizationLetterUploadId,
        workflowId: `UnitRegistration:${MATCHING.uscc}`,
        status: "REJECTED",
        decisionReason: "营业执照不清晰。",
      },
    });
    await postJson(app, "/api/registrations/access-code", {
      requestNumber: "DW20261127000001",
      contactMobile: "13688889999",
    });
    const granted = await postJson(app, "/api/registrations/access", {
      requestNumber: "DW20261127000001",
      code: await codeFromOutbox(),
    });
    expect(granted.status).toBe(200);
    const { data } = await granted.json();
    expect(data.resubmission).toEqual({
      unitName: MATCHING.unitName,
      uscc: MATCHING.uscc,
      unitType: "ENTERPRISE",
      regionCode: MATCHING.regionCode,
      legalRepName: MATCHING.legalRepName,
      legalRepIdNumber: MATCHING.legalRepIdNumber,
      legalRepMobile: null,
      contactName: "张联系",
      contactMobile: "13688889999",
      businessLicence: expect.objectContaining({
        id: body.businessLicenceUploadId,
        originalName: "营业执照.pdf",
      }),
      authorizationLetter: expect.objectContaining({
        id: body.authorizationLetterUploadId,
        kind: "AUTHORIZATION_LETTER",
      }),
    });
    // Another USCC may not take these materials.
    await expectError(
      await postJson(app, "/api/registrations", {
        ...(await registrationBody(app)),
        uscc: "91520102MA6DK1B28W",
        unitName: "贵阳另一示例有限公司",
        businessLicenceUploadId: body.businessLicenceUploadId,
      }),
      400,
      "UPLOAD_NOT_FOUND",
      "businessLicenceUploadId",
    );
    // The same USCC may (this app has no Temporal: the registration is stored, its start answers 503).
    const again = await postJson(app, "/api/registrations", { ...body, submissionId: crypto.randomUUID() });
    expect(again.status).toBe(503);
    expect(
      await database.db.unitRegistration.count({
        where: { businessLicenceUploadId: body.businessLicenceUploadId, status: "SUBMITTED" },
      }),
    ).toBe(1);
  });

  it("issue 13.4: a material an open request uses is refused to another submission, naming the field that holds it", async () => {
    const open = await registrationBody(app);
    await database.db.unitRegistration.create({
      data: {
        submissionId: crypto.randomUUID(),
        requestNumber: "DW20261127000002",
        uscc: MATCHING.uscc,
        unitName: MATCHING.unitName,
        unitType: "ENTERPRISE",
        regionCode: MATCHING.regionCode,
        legalRepName: MATCHING.legalRepName,
        legalRepIdNumber: MATCHING.legalRepIdNumber,
        contactName: "张联系",
        contactMobile: "13688889999",
        passwordHash: "x",
        businessLicenceUploadId: open.businessLicenceUploadId,
        authorizationLetterUploadId: open.authorizationLetterUploadId,
        workflowId: `UnitRegistration:${MATCHING.uscc}`,
        status: "IN_MANUAL_REVIEW",
      },
    });
    const fresh = await registrationBody(app, {
      uscc: "91520102MA6DK1B28W",
      unitName: "贵阳另一示例有限公司",
    });
    await expectError(
      await postJson(app, "/api/registrations", {
        ...fresh,
        authorizationLetterUploadId: open.authorizationLetterUploadId,
      }),
      400,
      "UPLOAD_NOT_FOUND",
      "authorizationLetterUploadId",
    );
    // Both held: the licence is named first, as the form lists it.
    await expectError(
      await postJson(app, "/api/registrations", {
        ...fresh,
        businessLicenceUploadId: open.businessLicenceUploadId,
        authorizationLetterUploadId: open.authorizationLetterUploadId,
      }),
      400,
      "UPLOAD_NOT_FOUND",
      "businessLicenceUploadId",
    );
  });

  it("issue 13.4: an open or approved request's view has no resubmission", async () => {
    await storedRegistration();
    await postJson(app, "/api/registrations/access-code", {
      requestNumber: "DW20261127000001",
      contactMobile: "13688889999",
    });
    const granted = await postJson(app, "/api/registrations/access", {
      requestNumber: "DW20261127000001",
      code: await codeFromOutbox(),
    });
    expect((await granted.json()).data.resubmission).toBeNull();
  });

  it("limits codes per mobile per hour", async () => {
    await storedRegistration();
    for (let i = 0; i < 7; i++) {
      await postJson(app, "/api/registrations/access-code", {
        requestNumber: "DW20261127000001",
        contactMobile: "13688889999",
      });
    }
    expect(await database.db.smsMessage.count()).toBe(5);
    // Whoever knows the number and the mobile is told why no code came (issue 13.4).
    const limited = await postJson(app, "/api/registrations/access-code", {
      requestNumber: "DW20261127000001",
      contactMobile: "13688889999",
    });
    expect(limited.status).toBe(429);
    expect((await limited.json()).error.details.retryAfterSeconds).toBeGreaterThan(0);
  });
});

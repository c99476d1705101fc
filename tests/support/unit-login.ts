// A self-registered unit and its unit login (R5: USCC + password + the SMS code from the outbox),
// through the real routes.
import type { Database } from "../../lib/database.js";
import { hashPassword } from "../../lib/passwords.js";
import { cookieJar } from "./app.js";
import { type AppLike, postJson } from "./registration.js";

export const UNIT_PASSWORD = "Unit#Pass2026";

/** The last SMS code sent to a mobile (dev outbox). */
export async function lastSmsCode(db: Database, mobile: string): Promise<string> {
  const message = await db.smsMessage.findFirstOrThrow({ where: { mobile }, orderBy: { createdAt: "desc" } });
  return /验证码为(\d{6})/.exec(message.body)![1]!;
}

/** Creates the unit and logs in as it; `askContactMobileChange` starts an R27 change by manual review. */
export async function unitWithLogin(
  app: AppLike,
  db: Database,
  unit: { uscc: string; name: string; contactMobile: string },
) {
  const created = await db.unit.create({
    data: {
      ...unit,
      accountName: unit.uscc,
      passwordHash: await hashPassword(UNIT_PASSWORD),
      type: "ENTERPRISE",
      origin: "SELF_REGISTERED",
      regionCode: "520102",
      contactName: "李联系",
    },
  });
  const step1 = await postJson(app, "/api/auth/unit-login/code", {
    account: unit.uscc,
    password: UNIT_PASSWORD,
  });
  const jar = cookieJar();
  const login = await postJson(app, "/api/auth/unit-login", {
    challengeId: (await step1.json()).data.challengeId,
    code: await lastSmsCode(db, unit.contactMobile),
  });
  if (login.status !== 200) throw new Error(`unit login failed: ${login.status} ${await login.text()}`);
  jar.take(login);
  async function askContactMobileChange(newMobile: string) {
    const code = await postJson(
      app,
      `/api/units/${created.id}/contact-mobile-change/code`,
      { newMobile },
      jar.headers(),
    );
    return postJson(
      app,
      `/api/units/${created.id}/contact-mobile-change`,
      {
        challengeId: (await code.json()).data.challengeId,
        code: await lastSmsCode(db, newMobile),
        method: "MANUAL_REVIEW",
        explanation: "法定代表人出国，无法人脸识别",
      },
      jar.headers(),
    );
  }
  return { unit: created, jar, askContactMobileChange };
}

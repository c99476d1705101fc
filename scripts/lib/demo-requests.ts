// With --demo, once the API runs: registrations waiting in the reviewers' queue, submitted through
// the real API (uploads, validation, workflow), so the workbench has work to click through.
import { randomUUID } from "node:crypto";
import { DEMO_APPLICANTS } from "../../prisma/seed/demo.js";
import { demoPdf, demoPng } from "../../prisma/seed/demo-files.js";
import { makeIdNumber } from "../../prisma/seed/seed.js";

const DEMO_REGISTRATIONS = [
  {
    // The registry knows another legal representative: manual review with two mismatched fields.
    unitName: "贵州黔山示例建设工程有限公司",
    uscc: "91520103MA6YD9X55J",
    regionCode: "520103",
    legalRepName: "陈国栋",
    legalRepIdNumber: makeIdNumber("520102", "19750606", 31),
    contactName: "赵联系",
    contactMobile: "13600100001",
  },
  {
    // An older code whose check character fails: never refused, reviewed by hand.
    unitName: "清镇示例铝业有限公司",
    uscc: "91520181718852683L",
    regionCode: "520181",
    legalRepName: "孙长江",
    legalRepIdNumber: "520112196307247850",
    contactName: "钱联系",
    contactMobile: "13600100002",
  },
];

async function upload(baseUrl: string, kind: string, name: string, bytes: Uint8Array, type: string) {
  const form = new FormData();
  form.set("kind", kind);
  form.set("file", new File([bytes.slice()], name, { type }));
  const response = await fetch(`${baseUrl}/api/uploads`, {
    method: "POST",
    body: form,
    headers: { origin: baseUrl },
  });
  if (!response.ok) throw new Error(`demo upload failed: ${await response.text()}`);
  return ((await response.json()) as { data: { id: string } }).data.id;
}

export async function submitDemoRegistrations(baseUrl: string, log: (line: string) => void): Promise<void> {
  for (const registration of DEMO_REGISTRATIONS) {
    const availability = await fetch(
      `${baseUrl}/api/registrations/uscc-availability?uscc=${registration.uscc}`,
    );
    const { data } = (await availability.json()) as { data: { state: string } };
    if (data.state !== "AVAILABLE") continue;
    const body = {
      submissionId: randomUUID(),
      ...registration,
      unitType: "ENTERPRISE",
      password: "Demo#Unit2026",
      businessLicenceUploadId: await upload(
        baseUrl,
        "BUSINESS_LICENCE",
        "business-licence.pdf",
        demoPdf("DEMO BUSINESS LICENCE"),
        "application/pdf",
      ),
      authorizationLetterUploadId: await upload(
        baseUrl,
        "AUTHORIZATION_LETTER",
        "authorization-letter.png",
        demoPng(),
        "image/png",
      ),
    };
    const response = await fetch(`${baseUrl}/api/registrations`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: baseUrl },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`demo registration failed: ${await response.text()}`);
    const { data: submitted } = (await response.json()) as { data: { requestNumber: string } };
    log(`demo registration ${submitted.requestNumber}: ${registration.unitName}`);
  }
}

/** The demo applicants log in and ask to join the unit, so 新进账号管理 has requests to accept. */
export async function submitDemoBindingRequests(
  baseUrl: string,
  unitName: string,
  password: string,
  log: (line: string) => void,
): Promise<void> {
  const json = { "content-type": "application/json", origin: baseUrl };
  for (const applicant of DEMO_APPLICANTS) {
    const login = await fetch(`${baseUrl}/api/auth/login`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ account: applicant.idNumber, password }),
    });
    if (!login.ok) throw new Error(`demo login failed: ${await login.text()}`);
    const cookie = login.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    const response = await fetch(`${baseUrl}/api/binding-requests`, {
      method: "POST",
      headers: { ...json, cookie },
      body: JSON.stringify({ unitName, pledgeAccepted: true, submissionId: randomUUID() }),
    });
    // A restart finds the requests made before (open, or already accepted).
    if (response.status === 409) continue;
    if (!response.ok) throw new Error(`demo binding request failed: ${await response.text()}`);
    log(`demo binding request: ${applicant.name} → ${unitName}`);
  }
}

// A worker process's SMS port for the notice outbox's crash test (tests/api/notice-outbox.test.ts):
// it stores one notice with the Aliyun adapter (`queue`), says "stored" and then waits, its delivery
// hanging on a gateway that never answers, until the test kills it (kill -9).
// Arguments: the database URL, the gateway endpoint, the notice as JSON (an SmsRequest).
import { createDatabase } from "../../lib/database.js";
import { createAliyunSmsGateway } from "../../lib/ports/sms-aliyun.js";
import { SMS_TEMPLATES } from "../../lib/ports/sms-templates.js";
import { ALIYUN_TEST_CREDENTIALS } from "./aliyun-sms-stand-in.js";

const [databaseUrl, endpoint, notice] = process.argv.slice(2) as [string, string, string];
const db = createDatabase(databaseUrl);
const sms = createAliyunSmsGateway(db, {
  ...ALIYUN_TEST_CREDENTIALS,
  signName: "贵州人社",
  endpoint,
  timeoutMs: 1000,
  templates: Object.fromEntries(SMS_TEMPLATES.map((kind, i) => [kind, `SMS_${100200300 + i}`])),
});
await sms.queue(JSON.parse(notice));
process.stdout.write("stored\n");
setInterval(() => undefined, 60_000);

// Structured JSON logs. Personal data never goes in: callers log ids, and the redaction list
// below catches the field names that could carry an ID number, mobile, password or code.
import { type Logger, pino } from "pino";

export type { Logger };

export const REDACTED_FIELDS = [
  "password",
  "passwordHash",
  "idNumber",
  "legalRepIdNumber",
  "subjectIdNumber",
  "mobile",
  "contactMobile",
  "code",
  "token",
  "cookie",
];

export function createLogger(options: { level: string; name: string }): Logger {
  return pino({
    name: options.name,
    level: options.level,
    redact: {
      paths: [...REDACTED_FIELDS, ...REDACTED_FIELDS.map((f) => `*.${f}`)],
      censor: "[redacted]",
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

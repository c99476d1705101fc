// Shapes of the account platform's JSON API (see api/ and DESIGN.md); names follow GLOSSARY.md.

export type RoleCode =
  | "UNIT_ADMIN"
  | "TITLE_HANDLER"
  | "PLATFORM_OPERATOR"
  | "PLATFORM_REVIEWER"
  | "PLATFORM_SUPERVISOR"
  | "PLATFORM_AUDITOR";

export type SubsystemCode = "PLATFORM" | "PORTAL" | "SYSCONFIG" | "TITLE_REVIEW";

export type SessionStrength = "PASSWORD" | "REAL_PERSON";

export type AccountKind = "PERSON" | "UNIT";

export interface RoleBinding {
  role: RoleCode;
  subsystem: SubsystemCode;
  unitId: string;
  unitName: string;
}

/** The signed-in account, as `GET /api/auth/me` reports it. */
export interface Me {
  kind: AccountKind;
  strength: SessionStrength;
  person: { id: string; name: string | null; idNumberMasked: string; mobileMasked: string } | null;
  unit: { id: string; name: string; type: string } | null;
  roles: RoleBinding[];
  session: { createdAt: string; idleExpiresAt: string; absoluteExpiresAt: string };
}

export type LocalizedMessage = Record<"zh-CN" | "en", string>;

/** Body of every 4xx/5xx response. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: LocalizedMessage;
    field?: string;
    requestId?: string;
  };
}

export type SmsStatus = "QUEUED" | "SENT" | "FAILED";

export interface SmsOutboxItem {
  id: string;
  mobileMasked: string;
  template: string;
  body: string;
  status: SmsStatus;
  createdAt: string;
}

/** Where a real-person check (face check on the mobile app) stands; CONSUMED: a passed check was used. */
export type RealPersonCheckStatus = "PENDING" | "SCANNED" | "PASSED" | "FAILED" | "EXPIRED" | "CONSUMED";

export type RealPersonCheckPurpose =
  | "QR_LOGIN"
  | "PERSON_REGISTRATION"
  | "LEGAL_REP_VERIFICATION"
  | "STEP_UP";

/** A step-up of the current session, as `POST /api/auth/step-up` and `GET /api/auth/step-up/{checkId}` report it. */
export interface StepUp {
  checkId: string;
  status: RealPersonCheckStatus;
  /** What the QR code encodes: the mobile app's (or its simulation's) page for this check. */
  qrUrl: string;
  expiresAt: string;
  strength: SessionStrength;
}

/** What the mobile app sees of a check after scanning (`/api/mobile/checks/{token}`). */
export interface MobileCheck {
  purpose: RealPersonCheckPurpose;
  status: RealPersonCheckStatus;
  subjectNameMasked: string | null;
  expiresAt: string;
}

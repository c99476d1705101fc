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
  /** 评委会组建单位: handlers of other units reach the portal menus through 账号管理. */
  unitFormsCommittee: boolean;
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

/** A queue the person can work, as `GET /api/me/work` counts it. */
export interface WorkQueue {
  /** TASKS: 审核工作台; INCOMING_ACCOUNTS: 统一门户子系统 → 新进账号管理. */
  queue: "TASKS" | "INCOMING_ACCOUNTS";
  /** Null when the session may not see the queue (R12: unit work needs a real-person session). */
  pending: number | null;
  overdue: number | null;
  /** TASKS: the ones the person claimed (我已领取). */
  mine: number | null;
  /** TASKS: the ones nobody claimed (待领取). */
  unclaimed: number | null;
  realPersonRequired: boolean;
}

/** 审核工作台's pending tasks of one queue (a platform queue, or one unit's), per kind. */
export interface WorkTaskQueue {
  queue: TaskQueue;
  /** The unit of a UNIT queue. */
  unit: { id: string; name: string } | null;
  /** Null when the session may not see the queue (R12). */
  pending: number | null;
  overdue: number | null;
  kinds: { kind: string; pending: number | null; overdue: number | null }[];
  realPersonRequired: boolean;
}

/** 我的工作: what waits for the signed-in person (`GET /api/me/work`). */
export interface WorkSummary {
  /** Distinct items: a binding request is in both queues but counted once. */
  total: number;
  realPersonRequired: boolean;
  queues: WorkQueue[];
  /** 审核工作台 per queue (platform review, supervisors, each unit) and kind. */
  taskQueues: WorkTaskQueue[];
}

export type LocalizedMessage = Record<"zh-CN" | "en", string>;

/** Body of every 4xx/5xx response. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: LocalizedMessage;
    field?: string;
    requestId?: string;
    /** Facts some errors carry, e.g. close unit names for UNIT_NAME_NOT_FOUND. */
    details?: unknown;
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

/** What a legal representative's or a personal registration's face check confirms. */
export type CheckRequestType = "UNIT_REGISTRATION" | "CONTACT_MOBILE_CHANGE" | "PERSON_REGISTRATION";

/** A face check as the person doing it sees it (`/api/real-person-checks/{token}`). */
export interface MobileCheck {
  purpose: RealPersonCheckPurpose;
  status: RealPersonCheckStatus;
  subjectNameMasked: string | null;
  /** The request the check confirms (none for a login or a step-up); a contact mobile change has no number. */
  requestType: CheckRequestType | null;
  requestNumber: string | null;
  unitName: string | null;
  expiresAt: string;
  /** QR login only: where the login was started, so the app's user sees who is logging in where. */
  origin: MobileCheckOrigin | null;
  /** What the check's QR code carries: the simulated mobile app, or the check's own page. */
  qrUrl: string;
}

/** R28: the mode and the development stand-ins in use (`/api/environment`). */
export interface PlatformEnvironment {
  appEnv: "development" | "production";
  standIns: { smsOutbox: boolean; simulatedMobileApp: boolean; registryFixture: boolean };
}

export interface MobileCheckOrigin {
  ipAddress: string | null;
  userAgent: string | null;
  /** When the QR code was issued. */
  at: string;
}

/** Body of `POST /api/mobile/checks/{token}/scan`: for a QR login, the app's signed-in user. */
export interface MobileCheckScan {
  idNumber?: string;
}

/** R12: a QR login challenge, as `POST /api/auth/qr-challenges` and its status and events report it. */
export interface QrChallenge {
  challengeId: string;
  status: RealPersonCheckStatus;
  /** What the QR code encodes: the mobile app's (or its simulation's) page for this challenge. */
  qrUrl: string;
  expiresAt: string;
  /** Who scanned it (masked), once scanned. */
  scannedByMasked: string | null;
}

/** An SMS code sent to prove a mobile number, e.g. `POST /api/persons/registration-codes`. */
export interface SmsCodeSent {
  codeId: string;
  mobileMasked: string;
  expiresInSeconds: number;
}

/** Body of `POST /api/persons/registrations` (R15). */
export interface PersonRegistrationSubmission {
  name: string;
  idNumber: string;
  mobile: string;
  codeId: string;
  code: string;
  password: string;
}

export type PersonRegistrationStatus =
  | "AWAITING_REAL_PERSON_AUTH"
  | "REGISTERED"
  | "FAILED"
  | "EXPIRED"
  /** Someone registered the same ID number while this registration awaited its face check. */
  | "ALREADY_REGISTERED";

/** A personal registration (R15), `/api/persons/registrations/{id}`: the account exists once the face check passed. */
export interface PersonRegistration {
  id: string;
  status: PersonRegistrationStatus;
  /** Progress of the registrant's face check. */
  checkStatus: RealPersonCheckStatus;
  qrUrl: string;
  expiresAt: string;
}

export type UnitType =
  | "ENTERPRISE"
  | "PUBLIC_INSTITUTION"
  | "GOVERNMENT_AGENCY"
  | "SOCIAL_ORGANIZATION"
  | "HR_DEPARTMENT";

/** R21: HR departments are created by the provincial HR department, never self-registered. */
export type SelfRegisteringUnitType = Exclude<UnitType, "HR_DEPARTMENT">;

export type RegionLevel = "PROVINCE" | "PREFECTURE" | "COUNTY";

/** A GB/T 2260 region, as `GET /api/regions` lists them (parents first). */
export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

export type UploadKind = "BUSINESS_LICENCE" | "AUTHORIZATION_LETTER";

/** A stored registration material (R23), as `POST /api/uploads` answers. */
export interface Upload {
  id: string;
  kind: UploadKind;
  originalName: string;
  mediaType: string;
  size: number;
}

export type UsccState = "AVAILABLE" | "REGISTERED" | "IN_PROGRESS";

export interface UsccAvailability {
  uscc: string;
  state: UsccState;
  /** False: the code may be an older real one; the registration then goes to manual review. */
  checkCharacterValid: boolean;
}

/** Body of `POST /api/registrations` (R1). */
export interface RegistrationSubmission {
  submissionId: string;
  unitName: string;
  uscc: string;
  unitType: SelfRegisteringUnitType;
  regionCode: string;
  legalRepName: string;
  legalRepIdNumber: string;
  legalRepMobile?: string;
  contactName: string;
  contactMobile: string;
  password: string;
  businessLicenceUploadId: string;
  authorizationLetterUploadId: string;
}

export interface SubmittedRegistration {
  requestNumber: string;
  status: RegistrationStatusCode;
  usccCheckWarning: boolean;
}

export type RegistrationStatusCode =
  | "SUBMITTED"
  | "CHECKING"
  | "AWAITING_REAL_PERSON_AUTH"
  | "IN_MANUAL_REVIEW"
  | "APPROVED"
  | "REJECTED"
  | "WITHDRAWN"
  | "EXPIRED";

/** The facts R2 compares with the business registry. */
export type RegistryComparedField = "unitName" | "legalRepName" | "legalRepIdNumber";

export type RegistryOutcome = "MATCH" | "MISMATCH" | "NOT_FOUND" | "DEREGISTERED";

export type ManualReviewReason =
  | "REGISTRY_MISMATCH"
  | "REGISTRY_NOT_FOUND"
  | "REGISTRY_DEREGISTERED"
  | "REGISTRY_UNAVAILABLE"
  | "USCC_CHECK_CHARACTER"
  | "FACE_CHECK_FAILED"
  | "FACE_CHECK_EXPIRED"
  /** The unit could not be registered: its USCC or name was registered meanwhile. */
  | "UNIT_EXISTS"
  /** R27: the unit chose manual review for its contact mobile change. */
  | "REQUESTED";

/** The kinds of request whose history (R25) the console shows. */
export type RequestType =
  | "UNIT_REGISTRATION"
  | "BINDING_REQUEST"
  | "AFFILIATION_REQUEST"
  | "CONTACT_MOBILE_CHANGE"
  | "TITLE_APPLICATION";

/** One step of a request's history (R25): when, what, who, why. */
export interface RequestHistoryEntry {
  at: string;
  kind: string;
  actorLabel: string | null;
  reason: string | null;
  detail: string | null;
}

/** A unit registration as its status page shows it (`/api/registrations/{requestNumber}`). */
export interface RegistrationStatus {
  requestNumber: string;
  unitName: string;
  uscc: string;
  status: RegistrationStatusCode;
  submittedAt: string;
  closedAt: string | null;
  contactMobileMasked: string;
  mismatchedFields: RegistryComparedField[];
  /** The reviewer's note (an approval's too), or the applicant's reason to withdraw. */
  decisionReason: string | null;
  /** R30, an approved request: the facts the unit was registered with; null otherwise. */
  registered: RegisteredFacts | null;
  canWithdraw: boolean;
  history: RequestHistoryEntry[];
}

/** R30: where a registered fact comes from. */
export type FactSource = "REGISTRY" | "APPLICANT";

/** R30: per differing fact, the value an approval registers. */
export type RegisteredFactsChoice = Partial<Record<RegistryComparedField, FactSource>>;

/** R30: what an approved registration registered the unit with, and where each fact comes from. */
export interface RegisteredFacts {
  unitName: string;
  legalRepName: string;
  legalRepIdNumberMasked: string;
  sources: Record<RegistryComparedField, FactSource>;
}

export type TaskQueue = "PLATFORM_REVIEW" | "PLATFORM_SUPERVISOR" | "UNIT";

export type TaskStatus = "OPEN" | "CLAIMED" | "COMPLETED" | "CANCELLED";

/** A human task of the workbench (`/api/tasks`). */
export interface Task {
  id: string;
  kind: string;
  requestType: string;
  requestId: string;
  title: string;
  queue: TaskQueue;
  status: TaskStatus;
  assignee: { id: string; name: string | null } | null;
  dueAt: string | null;
  overdue: boolean;
  remindedAt: string | null;
  escalatedAt: string | null;
  createdAt: string;
  completedAt: string | null;
  outcome: string | null;
}

/** The workbench's tabs: 待领取, 我已领取, 全部 (every task still to decide), 已办结. */
export type TaskView = "unclaimed" | "mine" | "open" | "closed";

/** `GET /api/tasks`: a page of tasks, and how many tasks each view has under the same filters. */
export interface TaskListResponse {
  data: Task[];
  total: number;
  counts: Record<TaskView, number>;
}

export interface ReviewUpload extends Upload {
  /** `/api/uploads/{id}/content`: the file itself, for reviewers only. */
  url: string;
}

export interface RegistryRecord {
  name: string;
  legalRepName: string;
  legalRepIdNumberMasked: string;
  status: string;
  registeredOn: string;
}

/** What a reviewer needs to decide a unit registration. */
export interface RegistrationReview {
  requestNumber: string;
  unitName: string;
  uscc: string;
  unitType: UnitType;
  regionCode: string;
  regionName: string | null;
  legalRepName: string;
  legalRepIdNumberMasked: string;
  legalRepMobileMasked: string | null;
  contactName: string;
  contactMobileMasked: string;
  submittedAt: string;
  usccCheckWarning: boolean;
  reviewReason: ManualReviewReason | null;
  registry: {
    outcome: RegistryOutcome;
    record: RegistryRecord | null;
    mismatchedFields: RegistryComparedField[];
    checkedAt: string;
  } | null;
  /** R30: the facts an approval chooses the registered value of; empty: the applicant's values only. */
  factChoices: RegistryComparedField[];
  uploads: ReviewUpload[];
  history: RequestHistoryEntry[];
}

/** What a reviewer needs to decide a contact mobile change (R27). */
export interface ContactMobileChangeReview {
  unitName: string;
  uscc: string | null;
  legalRepName: string | null;
  previousMobileMasked: string;
  newMobileMasked: string;
  method: ContactMobileChangeMethod;
  /** Why the unit asked for manual review (or anything else it wanted the reviewer to know). */
  explanation: string | null;
  submittedAt: string;
  history: RequestHistoryEntry[];
}

/** A binding request (R16) as the unit's administrator or handler reviews it in the workbench. */
export interface BindingRequestReview {
  requestNumber: string;
  unitName: string;
  person: IncomingBindingRequest["person"];
  submittedAt: string;
  history: RequestHistoryEntry[];
}

/** A task carries the request it decides: a unit registration, a contact mobile change or a binding request. */
export interface TaskDetail extends Task {
  registration: RegistrationReview | null;
  contactMobileChange: ContactMobileChangeReview | null;
  bindingRequest: BindingRequestReview | null;
  /** R13: the affiliation request the superior unit decides. */
  affiliationRequest?: AffiliationRequestReview | null;
  /** R31: the title application a node's handler pushes up or returns. */
  titleApplication?: TitleApplicationReview | null;
}

export type TaskDecision = "APPROVE" | "REJECT";

/** Step 1 of unit login (R5): the code went to the contact mobile. */
export interface UnitLoginChallenge {
  challengeId: string;
  mobileMasked: string;
  expiresInSeconds: number;
}

/** What a unit login maintains (R6), `/api/units/{id}/profile`. */
export interface UnitProfile {
  id: string;
  name: string;
  uscc: string | null;
  accountName: string;
  type: UnitType;
  regionCode: string;
  regionName: string | null;
  legalRepName: string | null;
  contactName: string;
  contactMobileMasked: string;
  formsCommittee: boolean;
  parentUnit: { id: string; name: string } | null;
  /** R14: registered in 2024 or later, so it must be affiliated with a superior unit. */
  affiliationRequired: boolean;
  administrator: { name: string | null; idNumberMasked: string } | null;
  registeredAt: string;
  /**
   * 上级推送节点: the unit first, then each superior up to the top of its hierarchy, then the implicit
   * regional HR department when the top is not one (R31).
   */
  pushChain: PushChainNode[];
  /** R13: the unit's own affiliation request waiting for the superior's decision, if any. */
  openAffiliationRequest: AffiliationRequest | null;
}

/** R20: one rename of a unit. */
export interface UnitNameChange {
  id: string;
  oldName: string;
  newName: string;
  changedAt: string;
  changedBy: { name: string | null } | null;
}

/** R8: who may designate a unit's next administrator (besides its unit login when it has none). */
export type SuccessionAuthorityKind = "CURRENT_ADMIN" | "SUPERIOR_ADMIN" | "REGIONAL_HR_ADMIN" | "NONE";

/** 单位基础信息管理: a unit's page for its (or a superior's) administrator, `GET /api/units/{id}`. */
export interface UnitDetail extends UnitProfile {
  nameHistory: UnitNameChange[];
  succession: { authority: SuccessionAuthorityKind; authorityUnit: { id: string; name: string } | null };
  /** What the signed-in person may do here; the API checks the same. */
  permissions: { editFacts: boolean; rename: boolean; designateAdministrator: boolean };
}

/** A row of `GET /api/units/{id}/subordinates`: the unit itself (isRoot) and those below it. */
export interface SubordinateUnit {
  id: string;
  name: string;
  uscc: string | null;
  type: UnitType;
  regionCode: string;
  regionName: string;
  parentUnit: { id: string; name: string } | null;
  administrator: { name: string | null } | null;
  isRoot: boolean;
}

/** R8: paths a–d of admin succession. */
export type SuccessionPath = "CURRENT_ADMIN" | "SUPERIOR_ADMIN" | "REGIONAL_HR_ADMIN" | "UNIT_LOGIN";

/** `POST /api/units/{id}/admin-succession` (and its `/check`): the designation, done or as it would be. */
export interface AdminSuccession {
  path: SuccessionPath;
  unit: { id: string; name: string };
  administrator: { name: string | null; idNumberMasked: string };
  formerAdministrator: { name: string | null; revokedRoles: string[] } | null;
  boundNow: boolean;
}

/** Body of the admin succession routes: the candidate, by full ID number and name. */
export interface AdminSuccessionCandidate {
  idNumber: string;
  name: string;
}

/** R27: how the change of the contact mobile is confirmed. */
export type ContactMobileChangeMethod = "FACE_CHECK" | "MANUAL_REVIEW";

export type ContactMobileChangeStatus =
  | "SUBMITTED"
  | "AWAITING_REAL_PERSON_AUTH"
  | "IN_MANUAL_REVIEW"
  | "APPROVED"
  | "REJECTED";

/** The unit's latest contact mobile change (R27), `/api/units/{id}/contact-mobile-change`. */
export interface ContactMobileChange {
  id: string;
  status: ContactMobileChangeStatus;
  method: ContactMobileChangeMethod;
  newMobileMasked: string;
  /** The legal representative's face-check page while the change is AWAITING_REAL_PERSON_AUTH. */
  checkUrl: string | null;
  decisionReason: string | null;
  submittedAt: string;
  closedAt: string | null;
  history: RequestHistoryEntry[];
}

/** Body of `POST /api/units/{id}/contact-mobile-change`. */
export interface ContactMobileChangeRequest {
  challengeId: string;
  code: string;
  method: ContactMobileChangeMethod;
  explanation?: string;
}

export type UnitProfileChange = Partial<Pick<UnitProfile, "type" | "regionCode" | "contactName">>;

export type UnitOrigin =
  | "SELF_REGISTERED"
  | "IMPORTED"
  | "CREATED_BY_HR_DEPARTMENT"
  | "CREATED_BY_SUPERIOR"
  | "SEED";

/** A row of 单位管理 (`GET /api/units`). */
export interface UnitListItem {
  id: string;
  name: string;
  uscc: string | null;
  type: UnitType;
  regionCode: string;
  regionName: string | null;
  parentUnit: { id: string; name: string } | null;
  administrator: { name: string | null } | null;
  origin: UnitOrigin;
  registeredAt: string;
}

/** A unit named in a hierarchy view: a request's parties, a node of a path. */
export interface UnitRef {
  id: string;
  name: string;
}

/** One node of a push chain (上级推送节点), `GET /api/units/{id}/push-chain`. */
export interface PushChainNode extends UnitRef {
  type: UnitType;
  regionName?: string | null;
  /**
   * Not a superior: the HR department of the top's region, after a top that is not an HR department.
   * It receives the unit's title applications until the top affiliates (R31). Always the last node.
   */
  implicit?: true;
}

/**
 * A unit's push chain: the unit, then each superior up to the top, then the implicit regional HR
 * department when the top is not one; whether the chain ends at an HR department.
 */
export interface PushChain {
  chain: PushChainNode[];
  reachesHrDepartment: boolean;
}

/** R13: where an affiliation request (归口申请) stands. */
export type AffiliationRequestStatus = "SUBMITTED" | "APPROVED" | "REJECTED" | "WITHDRAWN" | "EXPIRED";

/** An affiliation request (R13): `unit` asks `superiorUnit` to accept it as a subordinate unit. */
export interface AffiliationRequest {
  id: string;
  requestNumber: string;
  unit: UnitRef;
  superiorUnit: UnitRef;
  /** The superior when the request was made: it stays until the new one approves. */
  previousSuperiorUnit: UnitRef | null;
  status: AffiliationRequestStatus;
  submittedAt: string;
  closedAt: string | null;
  expiresAt: string | null;
  decisionReason: string | null;
  /** Who asked (name masked). */
  requestedBy: { name: string | null } | null;
  /** What the signed-in person may do now; the API checks the same. */
  canWithdraw: boolean;
  canDecide: boolean;
}

/** `GET /api/affiliation-requests/{id}`: the request and its history (R25), for both units. */
export interface AffiliationRequestDetail extends AffiliationRequest {
  history: RequestHistoryEntry[];
}

/** A unit offered as the superior (`GET /api/units/{id}/superior-candidates?q=`). */
export interface SuperiorCandidate {
  id: string;
  name: string;
  uscc: string | null;
  type: UnitType;
  regionName: string | null;
}

/** Body of `POST /api/units/{id}/affiliation-requests`; a retried `submissionId` finds its request. */
export interface AffiliationRequestSubmission {
  superiorUnitId: string;
  submissionId: string;
}

/** An affiliation request as the superior's administrator or handler reviews it in the workbench. */
export interface AffiliationRequestReview {
  requestNumber: string;
  unit: UnitRef & { uscc: string | null; type: UnitType; regionName: string | null };
  superiorUnit: UnitRef;
  previousSuperiorUnit: UnitRef | null;
  submittedAt: string;
  history: RequestHistoryEntry[];
}

/** A node of the tree of units under a unit (`GET /api/units/{id}/tree`). */
export interface UnitTreeNode {
  id: string;
  name: string;
  uscc: string | null;
  type: UnitType;
  parentUnitId: string | null;
  hasChildren: boolean;
  /** Active bindings. */
  accountCount: number;
  /** Open or claimed tasks of the unit's queue. */
  openTaskCount: number;
  administrator: { name: string | null } | null;
  /** With a search only: the units from the tree's root down to this one. */
  path?: UnitRef[];
}

/** R11: why 新增下级单位 is not possible from here. */
export type SubordinateCreationRefusal = "UNTRUSTED_NETWORK" | "UNIT_TYPE_NOT_ALLOWED" | "NOT_A_DECIDER";

/** `GET /api/units/{id}/subordinate-creation`: whether the caller may create a subordinate unit from here. */
export interface SubordinateCreationCheck {
  allowed: boolean;
  /** The address the API saw the request come from. */
  clientAddress: string;
  reason: SubordinateCreationRefusal | null;
}

/** Body of `POST /api/units/{id}/subordinates` (R11). */
export interface SubordinateUnitCreation {
  name: string;
  uscc: string;
  type: UnitType;
  regionCode: string;
  contactName: string;
  contactMobile: string;
  administrator: { idNumber: string; name: string; mobile: string };
}

/** Body of `POST /api/units/hr-departments` (R21). */
export interface HrDepartmentCreation {
  name: string;
  uscc: string;
  regionCode: string;
  contactName: string;
  contactMobile: string;
  administrator: { idNumber: string; name: string; mobile: string };
}

/** R16: where a person's request to be bound to a unit stands. */
export type BindingRequestStatus = "SUBMITTED" | "APPROVED" | "REJECTED" | "WITHDRAWN" | "EXPIRED";

/** A binding request (R16), as `POST /api/binding-requests` answers. */
export interface BindingRequest {
  id: string;
  requestNumber: string;
  unit: { id: string; name: string };
  status: BindingRequestStatus;
  submittedAt: string;
  closedAt: string | null;
  decisionReason: string | null;
}

/** Body of `POST /api/binding-requests`; `submissionId` lets a retried submission find its request. */
export interface BindingRequestSubmission {
  unitName: string;
  pledgeAccepted: true;
  submissionId: string;
}

/** One of the signed-in person's binding requests with its history (R25), `GET /api/me/requests`. */
export interface MyBindingRequest extends BindingRequest {
  type: "BINDING_REQUEST";
  canWithdraw: boolean;
  history: RequestHistoryEntry[];
}

/** An affiliation request the person made for a unit (R13), with its history (R25). */
export interface MyAffiliationRequest extends AffiliationRequest {
  type: "AFFILIATION_REQUEST";
  history: RequestHistoryEntry[];
}

/** A title application the person made (R31), with its history (R25); `submittedAt` is its `createdAt`. */
export interface MyTitleApplication extends TitleApplication {
  type: "TITLE_APPLICATION";
  submittedAt: string;
  history: RequestHistoryEntry[];
}

/** One of the signed-in person's requests (R25), `GET /api/me/requests`, newest first. */
export type MyRequest = MyBindingRequest | MyAffiliationRequest | MyTitleApplication;

/** A unit name offered while typing (`GET /api/units/name-suggestions`). */
export interface UnitNameSuggestion {
  id: string;
  name: string;
  /** `name` is a former name of the unit (R20): binding by it reaches the unit under `currentName`. */
  formerName: boolean;
  currentName: string;
}

/** `POST /api/binding-requests` answers the request, and the typed name when it is a former one (R20). */
export interface SubmittedBindingRequest extends BindingRequest {
  formerName: string | null;
}

/** A binding request as the unit sees it in 新进账号管理 (`GET /api/units/{id}/binding-requests`). */
export interface IncomingBindingRequest extends BindingRequest {
  person: {
    id: string;
    name: string | null;
    idNumberMasked: string;
    mobileMasked: string;
    /** The unit the person is bound to now: accepting moves them (R16). */
    currentUnitName: string | null;
  };
  expiresAt: string | null;
  /** The request's task in 审核工作台 and who claimed it (the same claim rule holds in both places). */
  task: { id: string; status: TaskStatus; assignee: { id: string; name: string | null } | null } | null;
}

export type BindingDecision = "APPROVE" | "REJECT";

/** Body of `POST /api/units/{id}/binding-requests/decisions`. */
export interface BindingDecisionSubmission {
  requestIds: string[];
  decision: BindingDecision;
  reason?: string;
}

/** The outcome for one request of a (batch) decision. */
export interface BindingDecisionResult {
  requestId: string;
  ok: boolean;
  state: string | null;
  error: { code: string; message: LocalizedMessage } | null;
}

export type UnitAccountStatus = "ENABLED" | "DISABLED";

/** A person bound to the unit (R24), `GET /api/units/{id}/accounts`. */
export interface UnitAccount {
  personId: string;
  name: string | null;
  idNumberMasked: string;
  mobileMasked: string;
  status: UnitAccountStatus;
  roles: RoleCode[];
  boundAt: string;
  /** The unit the person is bound to (账号角色管理 lists subordinate units' accounts too). */
  unit: { id: string; name: string };
}

/** A role of the catalogue (`GET /api/roles`): data, so a new role needs no console change. */
export interface CatalogueRole {
  subsystem: SubsystemCode;
  role: string;
  labelZh: string;
  labelEn: string;
  /** Holders of these roles grant and revoke it (own and subordinate units); empty: nobody, on the role page. */
  grantableBy: string[];
  requiresRealPerson: boolean;
  /** R10: a holder cannot apply for a title, an applicant cannot be granted it. */
  excludesTitleApplication: boolean;
  sortOrder: number;
}

/** An active role of an account (`GET /api/role-bindings?personId=`), one switch on 角色绑定. */
export interface AccountRoleBinding {
  id: string;
  personId: string;
  unit: { id: string; name: string };
  subsystem: SubsystemCode;
  role: string;
  grantedAt: string;
  grantedBy: { id: string; name: string | null } | null;
}

export type TitleApplicationStatus = "IN_PROGRESS" | "COMPLETED" | "RETURNED" | "WITHDRAWN";
export type TitleApplicationStepStatus = "PENDING" | "ACCEPTED" | "RETURNED" | "SKIPPED" | "WITHDRAWN";

/** A node of a title application's path up the push chain (R31). */
export interface TitleApplicationStep {
  /** 0 = the applicant's unit; steps appended after a chain change come last. */
  position: number;
  unit: { id: string; name: string };
  status: TitleApplicationStepStatus;
  decidedAt: string | null;
  reason: string | null;
}

/** 职称申报 (R31): `GET /api/title-applications`; old applications have no request number or path. */
export interface TitleApplication {
  id: string;
  requestNumber: string | null;
  status: TitleApplicationStatus;
  createdAt: string;
  closedAt: string | null;
  returnReason: string | null;
  unit: { id: string; name: string } | null;
  /** The node whose handlers act now (null once closed). */
  currentUnit: { id: string; name: string } | null;
  steps: TitleApplicationStep[];
  canWithdraw: boolean;
}

/** `GET /api/title-applications/{id}`: the application with its history (R25). */
export interface TitleApplicationDetail extends TitleApplication {
  history: RequestHistoryEntry[];
}

/** A title application as a node's handler sees it in the workbench (R31). */
export interface TitleApplicationReview {
  requestNumber: string | null;
  applicant: { name: string };
  unit: { id: string; name: string } | null;
  steps: TitleApplicationStep[];
  history: RequestHistoryEntry[];
}

/** R26: one audit event as `GET /api/audit-events` lists it (before/after with personal data masked). */
export interface AuditEvent {
  id: string;
  sequence: number | null;
  at: string;
  action: string;
  actor: {
    type: "PERSON" | "UNIT" | "SYSTEM";
    id: string | null;
    name: string | null;
    idNumberMasked: string | null;
  };
  sessionStrength: SessionStrength | null;
  ipAddress: string | null;
  userAgent: string | null;
  requestId: string | null;
  target: { type: string; id: string | null };
  unit: { id: string; name: string | null } | null;
  before: unknown;
  after: unknown;
  hash: string | null;
}

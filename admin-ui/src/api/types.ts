// The console's names for the shapes of the account platform's JSON API. Issue 13.9: every shape is
// the API's own, generated from its OpenAPI document into ./openapi.gen.ts (`npm run api:types`);
// this file only names them. Lists the console shares with the API and the rules (roles,
// subsystems, compared facts) come from domain/.
import type {
  SessionStrength as DomainSessionStrength,
  Role,
  Subsystem,
} from "../../../domain/authorization";
import type { LocalizedMessage as DomainLocalizedMessage } from "../../../domain/errors";
import type {
  FactSource as DomainFactSource,
  RegisteredFactsChoice as DomainFactsChoice,
} from "../../../domain/registered-facts";
import type {
  ComparedField,
  RegistryOutcome as DomainRegistryOutcome,
} from "../../../domain/registry-comparison";
import type zhCN from "../i18n/zh-CN.json";
import type { components, paths } from "./openapi.gen";

type Schemas = components["schemas"];
type HttpMethod = "get" | "post" | "put" | "patch" | "delete";
type JsonOf<T> = T extends { content: { "application/json": infer Body } } ? Body : never;
type SuccessOf<Operation> = Operation extends { responses: infer Responses }
  ? JsonOf<Responses[Extract<keyof Responses, 200 | 201 | 202>]>
  : never;

/** The JSON body of an operation's successful answer (`{ data, … }`), e.g. `ApiResponse<"/tasks", "get">`. */
export type ApiResponse<P extends keyof paths, M extends HttpMethod & keyof paths[P]> = SuccessOf<
  paths[P][M]
>;

/** The JSON request body of an operation, e.g. `ApiBody<"/registrations", "post">`. */
export type ApiBody<P extends keyof paths, M extends HttpMethod & keyof paths[P]> = paths[P][M] extends {
  requestBody?: infer Body;
}
  ? JsonOf<NonNullable<Body>>
  : never;

/** The `data` of an operation's successful answer. */
type Data<P extends keyof paths, M extends HttpMethod & keyof paths[P]> =
  ApiResponse<P, M> extends {
    data: infer D;
  }
    ? D
    : never;
type Item<List> = List extends readonly (infer Element)[] ? Element : never;

// --- Roles, sessions, the signed-in account ---------------------------------------------------------

export type RoleCode = Role;
export type SubsystemCode = Subsystem;
export type SessionStrength = DomainSessionStrength;
export type LocalizedMessage = DomainLocalizedMessage;

/** The signed-in account, as `GET /api/auth/me` reports it. */
export type Me = Schemas["Me"];
export type AccountKind = Me["kind"];
export type RoleBinding = Item<Me["roles"]>;

/** 我的工作: what waits for the signed-in person (`GET /api/me/work`). */
export type WorkSummary = Schemas["WorkSummary"];
export type WorkQueue = Schemas["WorkQueue"];
export type WorkTaskQueue = Schemas["WorkTaskQueue"];

/** Why an action would be refused, asked in advance (`GET /api/explanations`). */
export type RefusalExplanation = Schemas["RefusalExplanation"];

/** Body of every 4xx/5xx response. */
export type ApiErrorBody = JsonOf<paths["/auth/me"]["get"]["responses"][401]>;

/** R28: the mode and the development stand-ins in use (`/api/environment`). */
export type PlatformEnvironment = Schemas["Environment"];

/** The development SMS outbox (`GET /api/dev/sms-outbox`). */
export type SmsOutboxItem = Schemas["SmsMessage"];
export type SmsStatus = SmsOutboxItem["status"];

// --- Face checks, QR login, step-up -------------------------------------------------------------------

export type StepUp = Schemas["StepUp"];
export type RealPersonCheckStatus = StepUp["status"];
/** A face check as the person doing it sees it (`/api/real-person-checks/{token}`). */
export type MobileCheck = Schemas["RealPersonCheck"];
export type RealPersonCheckPurpose = MobileCheck["purpose"];
export type CheckRequestType = NonNullable<MobileCheck["requestType"]>;
export type MobileCheckOrigin = NonNullable<MobileCheck["origin"]>;
/**
 * Body of `POST /api/mobile/checks/{token}/scan`: for a QR login, the app's signed-in user. The API
 * reads this optional body leniently (apps send none for other checks), so the document has no schema
 * for it; its `idNumber` is the one the face verdict carries.
 */
export type MobileCheckScan = Partial<Pick<ApiBody<"/mobile/checks/{token}/face", "post">, "idNumber">>;
export type QrChallenge = Schemas["QrChallenge"];

// --- Personal registration ----------------------------------------------------------------------------

/** An SMS code sent to prove a mobile number, e.g. `POST /api/persons/registration-codes`. */
export type SmsCodeSent = Data<"/persons/registration-codes", "post">;
export type PersonRegistrationSubmission = ApiBody<"/persons/registrations", "post">;
export type PersonRegistration = Schemas["PersonRegistration"];
export type PersonRegistrationStatus = PersonRegistration["status"];

// --- Units, regions, uploads, unit registration --------------------------------------------------------

export type UnitType = SubordinateUnitCreation["type"];
/** R21: HR departments are created by the provincial HR department, never self-registered. */
export type SelfRegisteringUnitType = RegistrationSubmission["unitType"];
export type Region = Schemas["Region"];
export type RegionLevel = Region["level"];
export type Upload = Schemas["Upload"];
export type UploadKind = Upload["kind"];
export type UsccAvailability = Data<"/registrations/uscc-availability", "get">;
export type UsccState = UsccAvailability["state"];
export type RegistrationSubmission = ApiBody<"/registrations", "post">;
export type SubmittedRegistration = Schemas["SubmittedRegistration"];
export type PreparedPassword = Schemas["PreparedPassword"];
/** A unit registration as its status page shows it (`/api/registrations/{requestNumber}`). */
export type RegistrationStatus = Schemas["RegistrationStatus"];
export type RegistrationStatusCode = RegistrationStatus["status"];
/** The facts R2 compares with the business registry. */
export type RegistryComparedField = ComparedField;
export type RegistryOutcome = DomainRegistryOutcome;
/** R30: where a registered fact comes from, and per differing fact the value an approval registers. */
export type FactSource = DomainFactSource;
export type RegisteredFactsChoice = DomainFactsChoice;
export type RegisteredFacts = NonNullable<Schemas["RegisteredFacts"]>;
/** One step of a request's history (R25): when, what, who, why. */
export type RequestHistoryEntry = Item<RegistrationStatus["history"]>;

// --- The workbench ------------------------------------------------------------------------------------

export type Task = Schemas["Task"];
export type TaskQueue = Task["queue"];
export type TaskStatus = Task["status"];
/** The kinds of request whose history (R25) the console shows. */
export type RequestType = Task["requestType"];
/** `GET /api/tasks`: a page of tasks, and how many tasks each view has under the same filters. */
export type TaskListResponse = ApiResponse<"/tasks", "get">;
/** The workbench's tabs: 待领取, 我已领取, 全部 (every task still to decide), 已办结. */
export type TaskView = keyof Schemas["TaskViewCounts"];
export type TaskDetail = Schemas["TaskDetail"];
export type TaskDecision = ApiBody<"/tasks/{id}/decision", "post">["decision"];
export type RegistrationReview = NonNullable<TaskDetail["registration"]>;
export type ReviewUpload = Item<RegistrationReview["uploads"]>;
export type RegistryRecord = NonNullable<NonNullable<RegistrationReview["registry"]>["record"]>;
/**
 * Why a registration went to manual review: the API sends the reason its history recorded (a string);
 * these are the reasons the console has words for (its translations), checked before use.
 */
export type ManualReviewReason = keyof (typeof zhCN)["reviewReasons"];
export type ContactMobileChangeReview = NonNullable<TaskDetail["contactMobileChange"]>;
export type BindingRequestReview = NonNullable<TaskDetail["bindingRequest"]>;
export type AffiliationRequestReview = NonNullable<TaskDetail["affiliationRequest"]>;
export type TitleApplicationReview = NonNullable<TaskDetail["titleApplication"]>;

// --- Unit login, profile, unit management ---------------------------------------------------------------

/** Step 1 of unit login (R5): the code went to the contact mobile. */
export type UnitLoginChallenge = Data<"/auth/unit-login/code", "post">;
export type UnitProfile = Schemas["UnitProfile"];
export type UnitProfileChange = ApiBody<"/units/{id}/profile", "patch">;
export type UnitDetail = Schemas["UnitDetail"];
export type UnitNameChange = Item<UnitDetail["nameHistory"]>;
export type SuccessionAuthorityKind = UnitDetail["succession"]["authority"];
export type SubordinateUnit = Schemas["SubordinateUnit"];
export type AdminSuccession = Schemas["AdminSuccession"];
export type SuccessionPath = AdminSuccession["path"];
export type AdminSuccessionCandidate = ApiBody<"/units/{id}/admin-succession", "post">;
export type ContactMobileChange = Schemas["ContactMobileChange"];
export type ContactMobileChangeStatus = ContactMobileChange["status"];
export type ContactMobileChangeMethod = ContactMobileChange["method"];
export type ContactMobileChangeRequest = ApiBody<"/units/{id}/contact-mobile-change", "post">;
/** A row of 单位管理 (`GET /api/units`). */
export type UnitListItem = Schemas["UnitSummary"];
export type UnitOrigin = UnitListItem["origin"];
export type HrDepartmentCreation = ApiBody<"/units/hr-departments", "post">;

// --- The hierarchy (R11, R13, R14, R31) -------------------------------------------------------------------

export type PushChain = Schemas["PushChain"];
/** A node of a push chain: the profile's (`pushChain`) or `GET /api/units/{id}/push-chain`'s, with its region. */
export type PushChainNode = Item<UnitProfile["pushChain"]> &
  Partial<Pick<Item<PushChain["chain"]>, "regionName">>;
export type AffiliationRequest = Schemas["AffiliationRequest"];
export type AffiliationRequestStatus = AffiliationRequest["status"];
export type AffiliationRequestDetail = Schemas["AffiliationRequestDetail"];
/** A unit named in a hierarchy view: a request's parties, a node of a path. */
export type UnitRef = AffiliationRequest["unit"];
export type SuperiorCandidate = Item<Data<"/units/{unitId}/superior-candidates", "get">>;
export type AffiliationRequestSubmission = ApiBody<"/units/{unitId}/affiliation-requests", "post">;
export type UnitTreeNode = Schemas["UnitTreeNode"];
export type SubordinateCreationCheck = Schemas["SubordinateCreation"];
export type SubordinateCreationRefusal = NonNullable<SubordinateCreationCheck["reason"]>;
export type SubordinateUnitCreation = ApiBody<"/units/{id}/subordinates", "post">;

// --- Binding requests, accounts, roles (R9, R16, R24) ------------------------------------------------------

export type BindingRequest = Schemas["BindingRequest"];
export type BindingRequestStatus = BindingRequest["status"];
export type BindingRequestSubmission = ApiBody<"/binding-requests", "post">;
export type SubmittedBindingRequest = Data<"/binding-requests", "post">;
export type IncomingBindingRequest = Schemas["IncomingBindingRequest"];
export type UnitNameSuggestion = Item<Data<"/units/name-suggestions", "get">>;
export type BindingDecisionSubmission = ApiBody<"/units/{unitId}/binding-requests/decisions", "post">;
export type BindingDecision = BindingDecisionSubmission["decision"];
export type BindingDecisionResult = Item<Data<"/units/{unitId}/binding-requests/decisions", "post">>;
export type UnitAccount = Schemas["UnitAccount"];
export type UnitAccountStatus = UnitAccount["status"];
/** A role of the catalogue (`GET /api/roles`): data, so a new role needs no console change. */
export type CatalogueRole = Schemas["CatalogueRole"];
/** An active role of an account (`GET /api/role-bindings?personId=`), one switch on 角色绑定. */
export type AccountRoleBinding = Schemas["RoleBinding"];

// --- Requests of the signed-in person, title applications, audit --------------------------------------------

export type MyRequest = Schemas["MyRequest"];
export type MyBindingRequest = Schemas["MyBindingRequest"];
export type MyAffiliationRequest = Schemas["MyAffiliationRequest"];
export type MyTitleApplication = Schemas["MyTitleApplication"];
export type TitleApplication = Schemas["TitleApplication"];
export type TitleApplicationStatus = TitleApplication["status"];
export type TitleApplicationStep = Item<TitleApplication["steps"]>;
export type TitleApplicationStepStatus = TitleApplicationStep["status"];
export type TitleApplicationDetail = Schemas["TitleApplicationDetail"];
/** R26: one audit event as `GET /api/audit-events` lists it (before/after with personal data masked). */
export type AuditEvent = Schemas["AuditEvent"];

import { useCustom, useList } from "@refinedev/core";
import { keepPreviousData } from "@tanstack/react-query";
import type { ApiHttpError } from "../../api/http";
import type {
  AffiliationRequest,
  AffiliationRequestDetail,
  Me,
  PushChainNode,
  RoleCode,
  SubordinateCreationCheck,
  SuperiorCandidate,
  UnitType,
} from "../../api/types";
import { isHrDepartmentAdmin, isKnownRole, isPlatformStaff, UNIT_STAFF_ROLES } from "../../providers/roles";

/** The deciders of a unit (R13): its administrator and handlers. */
const DECIDER_ROLES = UNIT_STAFF_ROLES;

/** R11: the unit types whose deciders create subordinate units directly. */
export const CREATES_SUBORDINATES: UnitType[] = ["PUBLIC_INSTITUTION", "HR_DEPARTMENT"];

/** The shortest text the superior search sends: two characters of a name (a USCC has 18). */
export const CANDIDATE_QUERY_MIN = 2;

const unitUrl = (unitId: string) => `units/${encodeURIComponent(unitId)}`;

/** `GET|POST /api/units/{id}/affiliation-requests`. */
export const affiliationRequestsUrl = (unitId: string): string => `${unitUrl(unitId)}/affiliation-requests`;

/** `/api/affiliation-requests/{id}` and its actions (`/withdraw`, `/decision`). */
export const affiliationRequestUrl = (requestId: string, action?: "withdraw" | "decision"): string =>
  `affiliation-requests/${encodeURIComponent(requestId)}${action ? `/${action}` : ""}`;

/**
 * R13 and R12: the signed-in person decides for the unit (asks for its superior, or approves requests
 * naming it as superior): its administrator or a handler, in a real-person session.
 */
export const isDeciderOf = (me: Me | undefined | null, unitId: string): boolean =>
  me?.kind === "PERSON" &&
  me.strength === "REAL_PERSON" &&
  me.roles.some(
    ({ role, unitId: held }) => held === unitId && isKnownRole(role) && DECIDER_ROLES.includes(role),
  );

/**
 * The superiors of a push chain: without its implicit regional HR department (R31), which receives
 * title applications but is no superior, so grants no scope over the units below it (R7).
 */
const superiorsOf = (chain: PushChainNode[]): PushChainNode[] => chain.filter((node) => !node.implicit);

/**
 * The nodes of a push chain whose unit page the person may open: the units where they are
 * administrator or handler and those below them on the chain (R7), every unit for platform staff and
 * HR-department administrators. A unit login opens no unit page (R6).
 */
export const viewableChainUnits = (me: Me | undefined | null, chain: PushChainNode[]): Set<string> => {
  if (me?.kind !== "PERSON") return new Set();
  if (isPlatformStaff(me) || isHrDepartmentAdmin(me)) return new Set(chain.map(({ id }) => id));
  const held = new Set(
    me.roles
      .filter(({ role }) => isKnownRole(role) && DECIDER_ROLES.includes(role))
      .map(({ unitId }) => unitId),
  );
  // The chain runs upwards: a unit is visible when the person holds a role in it or any unit above it.
  const superiors = superiorsOf(chain);
  const topmostHeld = superiors.reduce((top, { id }, index) => (held.has(id) ? index : top), -1);
  return new Set(superiors.slice(0, topmostHeld + 1).map(({ id }) => id));
};

/** R25: one affiliation request with its history, for either unit's deciders; nothing while `requestId` is unset. */
export const useAffiliationRequest = (requestId?: string) =>
  useCustom<AffiliationRequestDetail, ApiHttpError>({
    url: affiliationRequestUrl(requestId ?? "-"),
    method: "get",
    queryOptions: { enabled: requestId !== undefined },
    errorNotification: false,
  }).query;

/** R13: units that could become the unit's superior, by USCC or name; asked once `q` is long enough. */
export const useSuperiorCandidates = (unitId: string, q: string) => {
  const text = q.trim();
  const enabled = text.length >= CANDIDATE_QUERY_MIN;
  const { query } = useCustom<SuperiorCandidate[], ApiHttpError>({
    url: `${unitUrl(unitId)}/superior-candidates`,
    method: "get",
    config: { query: { q: text } },
    queryOptions: { enabled, placeholderData: keepPreviousData, staleTime: 30_000 },
    errorNotification: false,
  });
  return { candidates: enabled ? (query.data?.data ?? []) : [], query, enabled };
};

/** R11: whether 新增下级单位 works for the unit from where the person is (the network the API sees). */
export const useSubordinateCreation = (unitId: string, enabled = true) =>
  useCustom<SubordinateCreationCheck, ApiHttpError>({
    url: `${unitUrl(unitId)}/subordinate-creation`,
    method: "get",
    queryOptions: { enabled },
    errorNotification: false,
  }).query;

/**
 * The person may read the units below the chain's first unit (`GET /units/{id}/tree`): they hold
 * `roles` in that unit or a superior on its chain, or (for reading) they are platform staff.
 */
export const holdsRoleOnChain = (
  me: Me | undefined | null,
  chain: PushChainNode[],
  roles: readonly RoleCode[] = DECIDER_ROLES,
): boolean => {
  if (me?.kind !== "PERSON") return false;
  const onChain = new Set(superiorsOf(chain).map(({ id }) => id));
  return me.roles.some(
    ({ role, unitId }) => isKnownRole(role) && roles.includes(role) && onChain.has(unitId),
  );
};

/** How many affiliation requests wait for the unit's decision (the tab's badge), read again every 30 s. */
export const useOpenIncomingCount = (unitId: string) => {
  const { result, query } = useList<AffiliationRequest, ApiHttpError>({
    resource: "affiliation-requests-incoming",
    meta: { apiPath: affiliationRequestsUrl(unitId) },
    filters: [
      { field: "direction", operator: "eq", value: "incoming" },
      { field: "state", operator: "eq", value: "OPEN" },
    ],
    pagination: { currentPage: 1, pageSize: 1 },
    queryOptions: { refetchInterval: 30_000 },
    errorNotification: false,
  });
  return { count: result.total ?? 0, refetch: query.refetch };
};

// Who acted on a request (R25), as a request event records it: the role the actor acted as, and only
// the masked name beside it (RequestEvent.actorRole / actorLabel), so every reader sees the role in
// their own language (issue 13.7). Events recorded before the role existed carry one Chinese label,
// "平台审核员 张*"; `actorOfEvent` reads those too.
import { ROLES, type Role } from "./authorization.js";

/** What an actor acted as: a role, the request's applicant (submit, withdraw), or the platform itself. */
export const ACTOR_ROLES = [...ROLES, "APPLICANT", "SYSTEM"] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

const isActorRole = (value: string): value is ActorRole => (ACTOR_ROLES as readonly string[]).includes(value);

/** The role words older events wrote in front of the masked name. */
const LEGACY_ROLE_WORDS: Record<string, Role> = {
  平台审核员: "PLATFORM_REVIEWER",
  平台主管: "PLATFORM_SUPERVISOR",
  单位管理员: "UNIT_ADMIN",
  单位经办员: "TITLE_HANDLER",
};

/**
 * The actor of a stored event: its recorded role and masked name, or, for an event recorded before
 * roles were (actorRole null), the role read from the label's leading Chinese role word. A label it
 * cannot read stays whole, with no role, so nothing is lost.
 */
export function actorOfEvent(event: { actorRole: string | null; actorLabel: string | null }): {
  actorRole: ActorRole | null;
  actorLabel: string | null;
} {
  if (event.actorRole !== null) {
    return { actorRole: isActorRole(event.actorRole) ? event.actorRole : null, actorLabel: event.actorLabel };
  }
  const label = event.actorLabel;
  const match = label === null ? null : /^(\S+)\s+(\S.*)$/u.exec(label);
  const role = match ? LEGACY_ROLE_WORDS[match[1]!] : undefined;
  return role && match ? { actorRole: role, actorLabel: match[2]! } : { actorRole: null, actorLabel: label };
}

/**
 * The role a platform reviewer's decision is recorded under: the reviewer role when the decider holds
 * it, else the supervisor's (both may decide a manual review).
 */
export function reviewerActorRole(roles: readonly string[]): Role {
  return roles.includes("PLATFORM_REVIEWER") ? "PLATFORM_REVIEWER" : "PLATFORM_SUPERVISOR";
}

import { describe, expect, it } from "vitest";
import { ROLES } from "../../domain/authorization.js";
import { ACTOR_ROLES, actorOfEvent, reviewerActorRole } from "../../domain/request-actors.js";

describe("issue 13.7: who acted on a request, named in the reader's language (R25)", () => {
  it("issue 13.7: an event's recorded role and masked name are answered as they are", () => {
    expect(actorOfEvent({ actorRole: "PLATFORM_REVIEWER", actorLabel: "张*" })).toEqual({
      actorRole: "PLATFORM_REVIEWER",
      actorLabel: "张*",
    });
    expect(actorOfEvent({ actorRole: "SYSTEM", actorLabel: null })).toEqual({
      actorRole: "SYSTEM",
      actorLabel: null,
    });
    expect(actorOfEvent({ actorRole: "APPLICANT", actorLabel: null }).actorRole).toBe("APPLICANT");
  });

  it.each([
    ["平台审核员 张*", "PLATFORM_REVIEWER", "张*"],
    ["平台主管 李**", "PLATFORM_SUPERVISOR", "李**"],
    ["单位管理员 王*", "UNIT_ADMIN", "王*"],
    ["单位经办员 欧阳**", "TITLE_HANDLER", "欧阳**"],
    ["单位经办员 阿*·*", "TITLE_HANDLER", "阿*·*"],
  ])(
    "issue 13.7: an older event's Chinese label %s is read as its role and the masked name",
    (label, role, name) => {
      expect(actorOfEvent({ actorRole: null, actorLabel: label })).toEqual({
        actorRole: role,
        actorLabel: name,
      });
    },
  );

  it.each([["张*"], ["某某 张*"], ["平台审核员"], ["平台审核员 "], [""]])(
    "issue 13.7: an older label %j that names no known role is kept whole, with no role",
    (label) => {
      expect(actorOfEvent({ actorRole: null, actorLabel: label })).toEqual({
        actorRole: null,
        actorLabel: label,
      });
    },
  );

  it("issue 13.7: an event with neither role nor label stays unknown; a role the catalogue lost is not passed on", () => {
    expect(actorOfEvent({ actorRole: null, actorLabel: null })).toEqual({
      actorRole: null,
      actorLabel: null,
    });
    expect(actorOfEvent({ actorRole: "RETIRED_ROLE", actorLabel: "张*" })).toEqual({
      actorRole: null,
      actorLabel: "张*",
    });
  });

  it("issue 13.7: the actor roles are every role of the platform, the applicant and the system", () => {
    expect([...ACTOR_ROLES]).toEqual([...ROLES, "APPLICANT", "SYSTEM"]);
  });

  it("issue 13.7: a manual review is recorded under the reviewer role, else the supervisor's", () => {
    expect(reviewerActorRole(["PLATFORM_REVIEWER"])).toBe("PLATFORM_REVIEWER");
    expect(reviewerActorRole(["PLATFORM_SUPERVISOR", "PLATFORM_REVIEWER"])).toBe("PLATFORM_REVIEWER");
    expect(reviewerActorRole(["PLATFORM_SUPERVISOR"])).toBe("PLATFORM_SUPERVISOR");
  });
});

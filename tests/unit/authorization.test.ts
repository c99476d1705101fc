import { describe, expect, it } from "vitest";
import { type Actor, checkAccess, unitsWithRole } from "../../domain/authorization.js";

const handler = (strength: "PASSWORD" | "REAL_PERSON"): Actor => ({
  kind: "PERSON",
  personId: "p1",
  strength,
  unitId: "u1",
  roles: [{ role: "TITLE_HANDLER", subsystem: "TITLE_REVIEW", unitId: "u1" }],
});
const unitLogin: Actor = { kind: "UNIT", unitId: "u1", strength: "PASSWORD" };
const handlerWork = {
  actor: "person",
  roles: ["UNIT_ADMIN", "TITLE_HANDLER"],
  strength: "REAL_PERSON",
} as const;

describe("authorization layer", () => {
  it("R12 refuses administrator/handler work in a password session", () => {
    expect(checkAccess(handler("PASSWORD"), handlerWork)).toBe("REAL_PERSON_SESSION_REQUIRED");
    expect(checkAccess(handler("REAL_PERSON"), handlerWork)).toBeNull();
  });

  it("R6 refuses review work to a unit login", () => {
    expect(checkAccess(unitLogin, handlerWork)).toBe("UNIT_SESSION_NOT_ALLOWED");
    expect(checkAccess(unitLogin, { actor: "unit" })).toBeNull();
    expect(checkAccess(unitLogin, { actor: "any" })).toBeNull();
  });

  it("requires a session unless the route is public, and the right role", () => {
    expect(checkAccess(null, { actor: "any" })).toBe("AUTH_REQUIRED");
    expect(checkAccess(null, { actor: "anonymous" })).toBeNull();
    expect(checkAccess(handler("REAL_PERSON"), { actor: "person", roles: ["PLATFORM_REVIEWER"] })).toBe(
      "FORBIDDEN_ROLE",
    );
    expect(checkAccess(handler("REAL_PERSON"), { actor: "unit" })).toBe("FORBIDDEN_ROLE");
  });

  it("narrows a handler's scope to the units where the role is held", () => {
    expect(unitsWithRole(handler("REAL_PERSON"), ["TITLE_HANDLER"])).toEqual(["u1"]);
    expect(unitsWithRole(handler("REAL_PERSON"), ["UNIT_ADMIN"])).toEqual([]);
    expect(unitsWithRole(unitLogin, ["UNIT_ADMIN"])).toEqual([]);
  });
});

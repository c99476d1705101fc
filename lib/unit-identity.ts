// Which existing unit a USCC belongs to, for the registration's checks in the API and its
// activities alike (R4, R5).
import type { Prisma } from "../prisma/generated/client.js";

/**
 * Units that hold a USCC: as their code, or as their account name, which a registered unit takes
 * from its USCC (R5) and a legacy unit may have chosen as its custom account name.
 */
export const unitHoldingUscc = (uscc: string): Prisma.UnitWhereInput => ({
  OR: [{ uscc }, { accountName: uscc }],
});

import type { UnitAccount } from "../../api/types";

/** How messages name an account: the name, else the masked ID number (R19: names may be missing). */
export const accountDisplayName = (account: Pick<UnitAccount, "name" | "idNumberMasked">): string =>
  account.name?.trim() || account.idNumberMasked;

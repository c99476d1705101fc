import type { ApiHttpError } from "../api/http";
import type { LocalizedMessage } from "../api/types";
import { currentLocale } from "../i18n";

/** An API refusal with what would make the action possible (`details.remedy`), in the current locale. */
export interface Refusal {
  message: string;
  remedy?: string;
}

export const refusalOf = (error: ApiHttpError): Refusal => {
  const remedy = (error.details as { remedy?: LocalizedMessage } | undefined)?.remedy;
  return { message: error.message, remedy: remedy?.[currentLocale()] };
};

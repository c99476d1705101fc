import type { FormInstance } from "antd";
import type { ApiHttpError } from "../api/http";

/**
 * Puts the API's message on the form field it names ("administrator.idNumber" for a nested one).
 * Returns false when the error names no field of this form, so the caller shows it elsewhere.
 */
export const showFieldError = <Values>(
  form: FormInstance<Values>,
  error: ApiHttpError,
  fields: readonly string[],
): boolean => {
  if (!error.field || !fields.includes(error.field)) return false;
  form.setFields([{ name: error.field.split(".") as never, errors: [error.message] }]);
  return true;
};

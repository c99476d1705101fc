import { Form, type FormInstance } from "antd";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../api/http";

/** The API's refusals shown on each form's fields, by field path, so a language switch can re-show them. */
const shownApiErrors = new WeakMap<FormInstance, Map<string, { error: ApiHttpError; text: string }>>();

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
  const text = error.message;
  form.setFields([{ name: error.field.split(".") as never, errors: [text] }]);
  const shown = shownApiErrors.get(form) ?? new Map();
  shown.set(error.field, { error, text });
  shownApiErrors.set(form as FormInstance, shown);
  return true;
};

/**
 * Keeps the errors on a form's fields in the language on screen (issue 13.7): after a switch, an API
 * refusal still shown is shown again in the new language (its message reads the current one), and the
 * fields whose own rules failed are checked again, so their rules' messages (translated at render) are
 * the new language's. Fields without an error are left alone.
 */
export const useFieldErrorsInLanguage = <Values>(form: FormInstance<Values>): void => {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  const previous = useRef(language);
  useEffect(() => {
    if (previous.current === language) return;
    previous.current = language;
    const shown = shownApiErrors.get(form as FormInstance);
    const recheck: (string | number)[][] = [];
    for (const { name, errors } of form.getFieldsError()) {
      if (errors.length === 0) continue;
      const key = name.join(".");
      const api = shown?.get(key);
      if (api && errors.includes(api.text)) {
        api.text = api.error.message;
        form.setFields([{ name: name as never, errors: [api.text] }]);
      } else {
        recheck.push(name);
      }
    }
    // A field still wrong gets its rule's message again, now translated; the rejection itself is expected.
    if (recheck.length > 0) form.validateFields(recheck as never).catch(() => undefined);
  }, [form, language]);
};

/** `Form.useForm` for the console's forms: the same instance, with its field errors following the language. */
export const useConsoleForm = <Values>(): [FormInstance<Values>] => {
  const [form] = Form.useForm<Values>();
  useFieldErrorsInLanguage(form);
  return [form];
};

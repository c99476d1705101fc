import type { FormInstance } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";

/**
 * A wizard's draft in the browser (issue 13 item 4): the values typed so far, kept in localStorage so
 * a reload or a closed tab loses nothing. Secrets (passwords, SMS codes) are never written: the
 * caller names them in `omit`. Drafts older than DRAFT_MAX_AGE_MS are dropped.
 */
export interface FormDraft<T> {
  version: 1;
  /** ISO time of the last save. */
  savedAt: string;
  step: number;
  values: Partial<T>;
  /** The closed request the draft was prefilled from (重新注册), shown on top of the wizard. */
  basedOn?: { requestNumber: string; status: string; reason: string | null };
}

const DRAFT_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/** The stored draft under `key`, or undefined when there is none, it is unreadable or too old. */
export function readDraft<T>(key: string): FormDraft<T> | undefined {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return undefined;
    const draft = JSON.parse(raw) as FormDraft<T>;
    if (draft?.version !== 1 || typeof draft.values !== "object") return undefined;
    if (Date.now() - Date.parse(draft.savedAt) > DRAFT_MAX_AGE_MS) {
      window.localStorage.removeItem(key);
      return undefined;
    }
    return draft;
  } catch {
    return undefined;
  }
}

/** Writes a draft (private browsing or a full storage: the draft is simply not kept). */
export function writeDraft<T>(key: string, draft: Omit<FormDraft<T>, "version" | "savedAt">): void {
  try {
    window.localStorage.setItem(
      key,
      JSON.stringify({ ...draft, version: 1, savedAt: new Date().toISOString() } satisfies FormDraft<T>),
    );
  } catch {
    // Nothing to do: the wizard works without a draft.
  }
}

/** Forgets the draft kept under `key` (on submit, or when the user discards it). */
export function clearDraft(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // As above.
  }
}

interface DraftOptions<T> {
  /** Fields never stored (passwords, codes). */
  omit: readonly (keyof T)[];
  /** Turns a field's value into what may be stored (e.g. an upload without its transient state). */
  storable?: (values: Partial<T>) => Partial<T>;
}

/**
 * Keeps `form`'s values (but `omit`) and the wizard's step in localStorage under `key`; restores them
 * on mount. Call `save` from the form's onValuesChange and on each step change, `discard` to throw
 * the draft away (the form is reset), `clear` once submitted. Also warns before leaving the page
 * while the form holds input (beforeunload), until cleared.
 */
export function useFormDraft<T extends object>(key: string, form: FormInstance<T>, options: DraftOptions<T>) {
  const [restored] = useState(() => readDraft<T>(key));
  const [notice, setNotice] = useState(restored !== undefined);
  const done = useRef(false);
  const discarded = useRef(false);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const save = useCallback(
    (step: number) => {
      if (done.current) return;
      const all = form.getFieldsValue(true) as Partial<T>;
      const values: Partial<T> = { ...all };
      for (const field of optionsRef.current.omit) delete values[field];
      const kept = optionsRef.current.storable ? optionsRef.current.storable(values) : values;
      const basedOn = readDraft<T>(key)?.basedOn ?? (discarded.current ? undefined : restored?.basedOn);
      // Nothing typed (a fresh or discarded form): no draft, so the next visit starts clean.
      const typed = Object.values(kept).some(
        (value) => value !== undefined && value !== null && value !== "",
      );
      if (!typed && !basedOn) {
        clearDraft(key);
        return;
      }
      writeDraft<T>(key, { step, values: kept, ...(basedOn ? { basedOn } : {}) });
    },
    [form, key, restored],
  );

  const discard = useCallback(() => {
    discarded.current = true;
    clearDraft(key);
    // resetFields would bring back the restored values (the form's initial values): empty every field.
    const fields = Object.keys(form.getFieldsValue(true) as object);
    form.setFields(
      fields.map((name) => ({ name, value: undefined, errors: [], touched: false })) as unknown as Parameters<
        FormInstance<T>["setFields"]
      >[0],
    );
    setNotice(false);
  }, [form, key]);

  const clear = useCallback(() => {
    done.current = true;
    clearDraft(key);
  }, [key]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (done.current || !form.isFieldsTouched()) return;
      event.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [form]);

  return {
    /** The draft found when the page opened, if any. */
    restored,
    /** Whether the "draft restored" notice is still shown. */
    notice,
    dismissNotice: () => setNotice(false),
    save,
    discard,
    clear,
  };
}

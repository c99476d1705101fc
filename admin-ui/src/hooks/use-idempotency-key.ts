import { useRef } from "react";
import type { ApiHttpError } from "../api/http";

/** Answers after which the same attempt may be sent again: no answer, or the server was busy. */
export const mayRetrySameAttempt = (error: ApiHttpError): boolean =>
  error.statusCode === 0 || error.statusCode >= 500;

function newKey(): string {
  // getRandomValues works outside secure contexts too (a console opened over plain http).
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join(
    "",
  );
}

/**
 * The `Idempotency-Key` of an action such as a decision: the same key while the same attempt is
 * retried (no answer, 503), so the server applies it once and answers a retry with the first
 * outcome; a new key once the server has given a final answer or the attempt changes.
 */
export function useIdempotencyKey() {
  const current = useRef<{ attempt: string; key: string } | undefined>(undefined);
  return {
    /** Headers for this attempt (`attempt` names what is sent, e.g. task, decision and reason). */
    headers(attempt: string): Record<string, string> {
      if (current.current?.attempt !== attempt) current.current = { attempt, key: newKey() };
      return { "Idempotency-Key": current.current.key };
    },
    /** After an answer: keeps the key only when the same attempt may be retried. */
    answered(error?: ApiHttpError) {
      if (!error || !mayRetrySameAttempt(error)) current.current = undefined;
    },
  };
}

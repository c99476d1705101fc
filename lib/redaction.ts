// Secrets that travel in URL paths (face-check links, the simulated app's check links), kept out of
// the logs (issue 11.7). A path is logged with each such token replaced by a placeholder.

/** What a redacted token is logged as. */
export const REDACTED = ":redacted";

/**
 * Path segments after which the next segment is a bearer token: the API's /real-person-checks/{token}
 * and /mobile/checks/{token}, the console's /face-check/{token} and /mobile/check/{token}.
 */
const TOKEN_AFTER = new Set(["real-person-checks", "checks", "face-check", "check"]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a segment looks like a random token wherever it appears: 20 or more URL-safe base64
 * characters with both letter cases (our tokens are randomBytes in base64url). Ids (UUIDs) and request
 * numbers (upper case and digits) are not tokens and stay readable.
 */
function looksLikeToken(segment: string): boolean {
  return (
    segment.length >= 20 &&
    !UUID.test(segment) &&
    /^[A-Za-z0-9_-]+/.test(segment) &&
    /[a-z]/.test(segment) &&
    /[A-Z]/.test(segment)
  );
}

/**
 * The path as it may be logged: "/api/real-person-checks/Ab3…，7天内有效/vendor-session" →
 * "/api/real-person-checks/:redacted/vendor-session". The query string is not part of the input.
 */
export function redactedPath(path: string): string {
  const segments = path.split("/");
  return segments
    .map((segment, index) =>
      segment !== "" && (TOKEN_AFTER.has(segments[index - 1] ?? "") || looksLikeToken(segment))
        ? REDACTED
        : segment,
    )
    .join("/");
}

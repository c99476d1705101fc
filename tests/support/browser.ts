import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
  type Request,
  type Response,
} from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath } from "../../lib/chromium.js";
import type { Database } from "../../lib/database.js";
import { realPersonSession } from "./people.js";

/**
 * Headless Chromium for the console tests. Every context it makes (browser.newPage's too) reports
 * the API's 5xx answers on stderr — a 503 ACTION_NOT_CONFIRMED, a SERVICE_UNAVAILABLE — so a test
 * that then waits in vain for an effect shows why in CI's output, and keeps a short log of its API
 * requests and answers for {@link consoleDiagnostics}.
 *
 * Its contexts ask for reduced motion, which the console honours: a drawer or dialog still closing
 * would take the next click, Playwright would then retry it with the page scrolled, and a pop-up
 * realigning after that scroll moved between the click's mousedown and mouseup (a withdrawal's
 * 撤回 confirm lost under CI's load).
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext({ reducedMotion: "reduce", ...options });
    const log: string[] = [];
    apiLogs.set(context, log);
    // Kept until the test ends (forgetClosedContexts): a page closed before the failing step, such as a
    // reviewer's after the decision, still shows what it sent.
    context.on("close", () => closedContexts.add(context));
    const note = (line: string) => {
      log.push(`${new Date().toISOString().slice(11, 23)} ${line}`.trim());
      log.splice(0, log.length - API_LOG_KEPT);
    };
    const apiPath = (url: string) => {
      const { pathname } = new URL(url);
      return pathname.startsWith("/api/") ? pathname : undefined;
    };
    // A write is noted when sent too: one that never gets an answer shows as sent only.
    context.on("request", (request) => {
      const path = apiPath(request.url());
      if (path && request.method() !== "GET") note(`${request.method()} ${path} sent${sentFields(request)}`);
    });
    context.on("requestfailed", (request) => {
      const path = apiPath(request.url());
      if (path) note(`${request.method()} ${path} failed: ${request.failure()?.errorText ?? ""}`);
    });
    context.on("response", (response) => {
      const path = apiPath(response.url());
      if (!path) return;
      const method = response.request().method();
      const refusal = response.ok()
        ? Promise.resolve({ code: undefined, message: undefined })
        : refusalOf(response);
      void refusal.then(({ code, message }) => {
        note(`${method} ${path} ${response.status()} ${code ?? ""} ${message ?? ""}`);
        if (response.status() >= 500) console.error(`[console → API] ${log.at(-1)}`);
      });
    });
    return context;
  };
  return browser;
}

/** The names of a JSON write's top-level fields, e.g. " (decision, reason)": what left the browser. */
function sentFields(request: Request): string {
  try {
    const body: unknown = request.postDataJSON();
    return body && typeof body === "object" ? ` (${Object.keys(body).join(", ")})` : "";
  } catch {
    return "";
  }
}

/** How many lines of a browser context's API log {@link consoleDiagnostics} prints. */
const API_LOG_KEPT = 12;
const apiLogs = new Map<BrowserContext, string[]>();
/** The contexts closed during the current test, whose logs are kept until it ends. */
const closedContexts = new Set<BrowserContext>();

/**
 * What every open console page shows when a test fails: its address, the dialogs, alerts, form errors
 * and messages on it, and the context's last API answers (time UTC, method, path, status, refusal),
 * writes sent (with their fields' names) and requests failed; also those of the contexts the test
 * closed before it failed.
 * The e2e layer appends it to a failed test's errors (setup-e2e-diagnostics.ts), so that a wait
 * that timed out in CI says what the console was showing.
 */
export async function consoleDiagnostics(): Promise<string> {
  // Visible ones only: a closed antd dialog stays in the page.
  const shown = [
    ".ant-modal-title",
    ".ant-popconfirm-title",
    ".ant-alert-message",
    ".ant-form-item-explain-error",
    ".ant-message-notice",
    ".ant-notification-notice",
    ".ant-result-title",
  ]
    .map((selector) => `${selector}:visible`)
    .join(", ");
  const parts: string[] = [];
  for (const [context, log] of apiLogs) {
    for (const page of context.pages()) {
      const texts = await page
        .locator(shown)
        .allTextContents()
        .catch((error: Error) => [`(unreadable: ${error.message})`]);
      parts.push(`page ${new URL(page.url()).pathname}`, ...texts.map((text) => `  shows: ${text.trim()}`));
    }
    if (closedContexts.has(context)) parts.push("closed context");
    parts.push(...log.map((line) => `  api: ${line}`));
  }
  return parts.join("\n");
}

/** Drops the logs of the contexts closed during a test (the e2e layer calls it after each test). */
export function forgetClosedContexts(): void {
  for (const context of closedContexts) apiLogs.delete(context);
  closedContexts.clear();
}

/** Chooses an option of the antd Select with this test id. */
export async function pickSelect(page: Page, testId: string, label: string) {
  await page.getByTestId(testId).click();
  await page
    .locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: label })
    .first()
    .click();
}

/** Walks the antd Cascader with this test id down the given labels. */
export async function pickCascader(page: Page, testId: string, labels: string[]) {
  await page.getByTestId(testId).click();
  for (const label of labels) {
    await page
      .locator(".ant-cascader-dropdown:visible .ant-cascader-menu-item", { hasText: label })
      .first()
      .click();
  }
}

/**
 * The cookies a login leaves in the browser for the session `token`: the HttpOnly session cookie and
 * the marker beside it, without which the console does not ask who is signed in (issue 13.7).
 */
export function sessionCookies(url: string, token: string) {
  return [
    { name: "zc_session", value: token, url, httpOnly: true },
    { name: "zc_signed_in", value: "1", url },
  ];
}

/**
 * A console page of its own browser context, signed in as `personId` with a REAL_PERSON session, as
 * after a QR login (the QR login itself is tested end to end in personal-accounts.test.ts).
 */
export async function signedInPage(
  browser: Browser,
  stack: { url: string; database: { db: Database } },
  personId: string,
  options: { acceptDownloads?: boolean; timeoutMs?: number } = {},
): Promise<Page> {
  const session = await realPersonSession(stack.database.db, personId);
  const token = /zc_session=([^;]+)/.exec(session.headers().cookie!)![1]!;
  const context = await browser.newContext({ locale: "zh-CN", acceptDownloads: options.acceptDownloads });
  await context.addCookies(sessionCookies(stack.url, token));
  const page = await context.newPage();
  page.setDefaultTimeout(options.timeoutMs ?? 15_000);
  return page;
}

/** The API's answer to a console action: its status, and its error code and message when refused. */
export type ApiAnswer = { ok: boolean; status: number; code?: string; message?: string };

/**
 * Clicks `target` and waits for the API's answer to the `method` request whose path matches `path`
 * (e.g. /\/decision$/). A test then fails on the API's refusal (code, message) rather than on a later
 * wait for an effect that never comes.
 */
export async function clickForAnswer(
  page: Page,
  target: Locator,
  request: { method: string; path: RegExp },
  options: { clickTimeoutMs?: number } = {},
): Promise<ApiAnswer> {
  const answer = page.waitForResponse(
    (r) =>
      r.request().method() === request.method &&
      new URL(r.url()).pathname.startsWith("/api/") &&
      request.path.test(new URL(r.url()).pathname),
    { timeout: 60_000 },
  );
  try {
    await target.click({ timeout: options.clickTimeoutMs });
  } catch (error) {
    answer.catch(() => undefined);
    throw error;
  }
  const response = await answer;
  if (response.ok()) return { ok: true, status: response.status() };
  return { ok: false, status: response.status(), ...(await refusalOf(response)) };
}

/** The API's error code and English message in a refusal's body (`{ error: { code, message: { zh-CN, en } } }`), when there. */
async function refusalOf(response: Response): Promise<{ code?: string; message?: string }> {
  const body = (await response.json().catch(() => ({}))) as {
    error?: { code?: string; message?: { en?: string } };
  };
  return { code: body.error?.code, message: body.error?.message?.en };
}

/** Throws when the API refused: the test's failure then names the code and the message. */
export function expectAccepted(answer: ApiAnswer, what: string): void {
  if (!answer.ok)
    throw new Error(`${what} was refused: HTTP ${answer.status} ${answer.code} ${answer.message ?? ""}`);
}

/**
 * Decides the open task page's task as a reviewer does: clicks the decision `button` (task-approve,
 * task-reject), confirms its Popconfirm and waits for the API's answer to the decision.
 * - A re-render right after a claim may close the Popconfirm before the confirm lands: it is opened again.
 * - 503 ACTION_NOT_CONFIRMED (no worker took the decision within the API's wait, seen on a loaded CI
 *   machine) is confirmed again, as the console invites; the same idempotency key applies it at most once.
 * - 503 ACTION_ACCEPTED_PENDING is taken: the caller waits for its effects.
 * `alreadyOpen`: the caller clicked `button` already (to read the Popconfirm).
 * Throws on any other refusal, with the API's code and message.
 */
export async function confirmDecision(
  page: Page,
  button: string,
  options: { alreadyOpen?: boolean } = {},
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1 || !options.alreadyOpen) await page.getByTestId(button).click();
    let answer: ApiAnswer;
    try {
      answer = await clickForAnswer(
        page,
        page.getByTestId("task-decision-confirm"),
        { method: "POST", path: /^\/api\/tasks\/[^/]+\/decision$/ },
        { clickTimeoutMs: 3000 },
      );
    } catch (error) {
      if (attempt === 5) throw error;
      continue;
    }
    if (answer.ok || answer.code === "ACTION_ACCEPTED_PENDING") return;
    if (answer.code === "ACTION_NOT_CONFIRMED" && attempt < 5) continue;
    expectAccepted(answer, "the decision");
  }
}

// A real-person authentication (face check) from the moment its QR code or link is issued until
// its verdict or its expiry. Owning processes (registration, QR login) start it and await its result.
// The verdict arrives one of two ways, depending on the adapter:
// - the simulated mobile app (development) reports it as an Update (scan, then complete);
// - with a real vendor, the person's visit to our page opens a vendor session (openVendorFaceCheck)
//   and the workflow fetches the verdict from the vendor until one arrives or the check expires.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
} from "@temporalio/workflow";
import type { createActivities } from "../activities/index.js";
import type { VendorSession } from "../lib/ports/real-person-auth.js";
import { databaseActivities, retry } from "./activity-options.js";
import {
  CHECK_NOT_OPEN,
  completeRealPersonCheck,
  type HistoryEntry,
  openVendorFaceCheck,
  type RealPersonCheckInput,
  type RealPersonCheckOutcome,
  type RealPersonCheckState,
  realPersonCheckStatus,
  scanRealPersonCheck,
  VENDOR_UNAVAILABLE,
} from "./contracts.js";

type Activities = ReturnType<typeof createActivities>;

const { markRealPersonCheck } = databaseActivities<Activities>();
// The person waits on the page for this: two quick tries, then the page says "try again later".
const { openVendorFaceCheck: openSession } = proxyActivities<Activities>({
  startToCloseTimeout: "15 seconds",
  retry: { ...retry, maximumAttempts: 2 },
});

/**
 * A session with less time than this left is not handed to a newcomer: a fresh one is opened, and
 * polled once the old one's polling ends (when it expires, at most this long after).
 */
const MIN_SESSION_LEFT_MS = 5 * 60_000;

export async function realPersonCheck(input: RealPersonCheckInput): Promise<RealPersonCheckOutcome> {
  let state: RealPersonCheckState = "PENDING";
  const history: HistoryEntry[] = [{ at: new Date().toISOString(), kind: "ISSUED" }];
  const deadline = Date.now() + input.ttlSeconds * 1000;
  /** The vendor session people are sent to, and one being opened. */
  let session: VendorSession | undefined;
  let opening: Promise<VendorSession> | undefined;
  const isOpen = () => state === "PENDING" || state === "SCANNED";
  const refuseUnlessOpen = () => {
    if (!isOpen()) {
      throw ApplicationFailure.create({
        type: CHECK_NOT_OPEN,
        message: `The check is ${state}`,
        nonRetryable: true,
      });
    }
  };
  const scanned = async () => {
    if (state === "PENDING") {
      state = "SCANNED";
      history.push({ at: new Date().toISOString(), kind: "SCANNED" });
      await markRealPersonCheck({ checkId: input.checkId, status: "SCANNED" });
    }
  };

  setHandler(realPersonCheckStatus, () => ({ state, history }));
  setHandler(
    scanRealPersonCheck,
    async () => {
      await scanned();
      return state;
    },
    { validator: refuseUnlessOpen },
  );
  setHandler(
    completeRealPersonCheck,
    async ({ passed }) => {
      state = passed ? "PASSED" : "FAILED";
      history.push({ at: new Date().toISOString(), kind: state });
      await markRealPersonCheck({ checkId: input.checkId, status: state });
      return state;
    },
    { validator: (_input) => refuseUnlessOpen() },
  );
  setHandler(
    openVendorFaceCheck,
    async () => {
      if (session && Date.parse(session.expiresAt) - Date.now() > MIN_SESSION_LEFT_MS) return session.url;
      // Two visits at once share one new session.
      opening ??= openSession({ checkId: input.checkId }).finally(() => {
        opening = undefined;
      });
      let opened: VendorSession;
      try {
        opened = await opening;
      } catch (error) {
        throw ApplicationFailure.create({
          type: VENDOR_UNAVAILABLE,
          message: "The face-check vendor did not open a session",
          nonRetryable: true,
          cause: error as Error,
        });
      }
      session = opened;
      await scanned();
      return opened.url;
    },
    { validator: refuseUnlessOpen },
  );

  // The first wait is the check's whole validity, as it always was; later ones what is left of it.
  let timeout = input.ttlSeconds * 1000;
  let expired = false;
  for (;;) {
    const woke = await condition(() => !isOpen() || session !== undefined, timeout);
    if (!woke) {
      expired = true;
      break;
    }
    if (!isOpen()) break;
    const polled = session as VendorSession;
    const outcome = await fetchVerdict(input.checkId, polled, deadline);
    if (outcome !== "NONE") {
      // The activity stored the verdict with the vendor's reference; the workflow records it here.
      state = outcome;
      history.push({ at: new Date().toISOString(), kind: state });
      break;
    }
    // The session ended without a verdict (the person left): the next visit opens a new one.
    if (session === polled) session = undefined;
    const left = deadline - Date.now();
    if (left <= 0) {
      expired = true;
      break;
    }
    timeout = left;
  }
  if (expired) {
    state = "EXPIRED";
    history.push({ at: new Date().toISOString(), kind: "EXPIRED" });
    await markRealPersonCheck({ checkId: input.checkId, status: "EXPIRED" });
  }
  // An update sets the state before its activity finishes: let it finish, so its caller gets the answer.
  await condition(allHandlersFinished);
  return state as RealPersonCheckOutcome;
}

/** Polls the vendor (one heartbeating activity) until a verdict, the session's end or the check's. */
function fetchVerdict(checkId: string, session: VendorSession, deadline: number) {
  const until = Math.min(deadline, Date.parse(session.expiresAt));
  const { awaitVendorVerdict } = proxyActivities<Activities>({
    startToCloseTimeout: Math.max(until - Date.now(), 0) + 60_000,
    heartbeatTimeout: "30 seconds",
    retry,
  });
  return awaitVendorVerdict({ checkId, reference: session.reference, until: new Date(until).toISOString() });
}

// A real-person authentication (face check) from the moment its QR code or link is issued until
// the mobile app reports the outcome or the check expires. Owning processes (registration, QR
// login) start it and await its result.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
} from "@temporalio/workflow";
import type { createActivities } from "../activities/index.js";
import { databaseSteps } from "./activity-options.js";
import {
  CHECK_NOT_OPEN,
  completeRealPersonCheck,
  type HistoryEntry,
  type RealPersonCheckInput,
  type RealPersonCheckOutcome,
  type RealPersonCheckState,
  realPersonCheckStatus,
  scanRealPersonCheck,
} from "./contracts.js";

const { markRealPersonCheck } = proxyActivities<ReturnType<typeof createActivities>>(databaseSteps);

export async function realPersonCheck(input: RealPersonCheckInput): Promise<RealPersonCheckOutcome> {
  let state: RealPersonCheckState = "PENDING";
  const history: HistoryEntry[] = [{ at: new Date().toISOString(), kind: "ISSUED" }];
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

  setHandler(realPersonCheckStatus, () => ({ state, history }));
  setHandler(
    scanRealPersonCheck,
    async () => {
      if (state === "PENDING") {
        state = "SCANNED";
        history.push({ at: new Date().toISOString(), kind: "SCANNED" });
        await markRealPersonCheck({ checkId: input.checkId, status: "SCANNED" });
      }
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

  const completed = await condition(() => !isOpen(), `${input.ttlSeconds} seconds`);
  if (!completed) {
    state = "EXPIRED";
    history.push({ at: new Date().toISOString(), kind: "EXPIRED" });
    await markRealPersonCheck({ checkId: input.checkId, status: "EXPIRED" });
  }
  // An update sets the state before its activity finishes: let it finish, so its caller gets the answer.
  await condition(allHandlersFinished);
  return state as RealPersonCheckOutcome;
}

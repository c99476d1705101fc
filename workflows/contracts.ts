// Names and shapes shared by workflows, activities and the API: written once, here.
// Workflow ids and histories are visible in the Temporal Web UI, so they carry internal ids
// only, never ID numbers, mobiles or names.
import { defineQuery, defineUpdate } from "@temporalio/workflow";

export const realPersonCheckWorkflowId = (checkId: string) => `RealPersonCheck:${checkId}`;

export type RealPersonCheckInput = {
  checkId: string;
  /** How long the mobile app has to complete the check. */
  ttlSeconds: number;
};

export type RealPersonCheckState = "PENDING" | "SCANNED" | "PASSED" | "FAILED" | "EXPIRED";
export type RealPersonCheckOutcome = "PASSED" | "FAILED" | "EXPIRED";

export type HistoryEntry = { at: string; kind: string; detail?: string };
export type RealPersonCheckStatus = { state: RealPersonCheckState; history: HistoryEntry[] };

export const scanRealPersonCheck = defineUpdate<RealPersonCheckState>("scanRealPersonCheck");
export const completeRealPersonCheck = defineUpdate<RealPersonCheckState, [{ passed: boolean }]>(
  "completeRealPersonCheck",
);
export const realPersonCheckStatus = defineQuery<RealPersonCheckStatus>("realPersonCheckStatus");

/** ApplicationFailure types that the API maps to 4xx errors. */
export const CHECK_NOT_OPEN = "CHECK_NOT_OPEN";

import { useCallback, useState } from "react";
import { useSecondsLeft } from "./use-seconds-left";

export interface Cooldown {
  /** Whole seconds until the action may be repeated; 0 when it may. */
  secondsLeft: number;
  start: (seconds?: number) => void;
}

/** A wait before an action may be repeated, e.g. sending another SMS code. */
export const useCooldown = (defaultSeconds: number): Cooldown => {
  const [until, setUntil] = useState<string>();
  const secondsLeft = useSecondsLeft(until) ?? 0;
  const start = useCallback(
    (seconds = defaultSeconds) => setUntil(new Date(Date.now() + seconds * 1000).toISOString()),
    [defaultSeconds],
  );
  return { secondsLeft, start };
};

import { useEffect, useState } from "react";

const TICK_MS = 1000;

const secondsUntil = (deadline: string, now: number): number =>
  Math.max(0, Math.ceil((Date.parse(deadline) - now) / 1000));

/** Whole seconds until `deadline` (an ISO time), re-rendering every second; undefined without a deadline. */
export const useSecondsLeft = (deadline: string | undefined): number | undefined => {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (deadline === undefined) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [deadline]);
  return deadline === undefined ? undefined : secondsUntil(deadline, now);
};

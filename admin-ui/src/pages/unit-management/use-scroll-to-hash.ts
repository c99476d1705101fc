import { useEffect } from "react";
import { useLocation } from "react-router";

const TRY_EVERY_MS = 200;
const GIVE_UP_AFTER_MS = 5000;

/**
 * Scrolls to the element the URL's hash names (e.g. `#admin-succession` from the unit tree), once it
 * appears: the page's cards render after their data loads. `ready`: the page started rendering them.
 */
export const useScrollToHash = (ready: boolean): void => {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || hash.length < 2) return;
    const id = decodeURIComponent(hash.slice(1));
    const started = Date.now();
    const timer = setInterval(() => {
      const element = document.getElementById(id);
      if (element) element.scrollIntoView({ behavior: "smooth", block: "start" });
      if (element || Date.now() - started > GIVE_UP_AFTER_MS) clearInterval(timer);
    }, TRY_EVERY_MS);
    return () => clearInterval(timer);
  }, [hash, ready]);
};

import { useEffect, useRef } from "react";

/** How long after a frame's load its first focus grab is taken for the viewer's, not the user's (ms). */
const GRAB_WINDOW_MS = 10_000;
/**
 * A focus move's Tab keydown, focusout and the window's blur come in one dispatch; apart by more,
 * they belong to different moves (ms).
 */
const SAME_MOVE_MS = 100;

/**
 * Chromium's PDF viewer takes the page's focus once it has loaded a document (measured here ~0.6 s
 * after the frame's load event, later on a busy machine), so a reviewer typing the decision's reason
 * while a material loaded lost the keystrokes to the preview. The first time the focus moves into
 * the frame after a load (within {@link GRAB_WINDOW_MS}, and not by Tab), it goes back to the element
 * that had it; a later click into the frame keeps it there.
 * Usage: `const keep = useFocusKeptFromFrame(); <iframe ref={keep.ref} onLoad={keep.onLoad} />`.
 */
export function useFocusKeptFromFrame() {
  const ref = useRef<HTMLIFrameElement>(null);
  const loadedAt = useRef<number | undefined>(undefined);
  useEffect(() => {
    let left: { element: HTMLElement; at: number } | undefined;
    let tabbedAt = Number.NEGATIVE_INFINITY;
    const onFocusOut = (event: FocusEvent) => {
      if (event.target instanceof HTMLElement) left = { element: event.target, at: performance.now() };
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Tab") tabbedAt = performance.now();
    };
    const onBlur = () => {
      const armedAt = loadedAt.current;
      if (armedAt === undefined || document.activeElement !== ref.current) return;
      loadedAt.current = undefined;
      const now = performance.now();
      const byTab = now - tabbedAt < SAME_MOVE_MS;
      if (byTab || now - armedAt > GRAB_WINDOW_MS || !left || now - left.at > SAME_MOVE_MS) return;
      // After the move has settled: focused within the blur, the element reports the focus while the
      // keys still go to the viewer's frame (measured in Chromium 156).
      const { element } = left;
      setTimeout(() => {
        if (element.isConnected && document.activeElement === ref.current)
          element.focus({ preventScroll: true });
      }, 0);
    };
    document.addEventListener("focusout", onFocusOut, true);
    document.addEventListener("keydown", onKeyDown, true);
    window.addEventListener("blur", onBlur);
    return () => {
      document.removeEventListener("focusout", onFocusOut, true);
      document.removeEventListener("keydown", onKeyDown, true);
      window.removeEventListener("blur", onBlur);
    };
  }, []);
  return {
    ref,
    onLoad: () => {
      loadedAt.current = performance.now();
    },
  };
}

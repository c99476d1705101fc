import { AutoComplete, type AutoCompleteProps } from "antd";
import type { KeyboardEvent } from "react";

/**
 * Esc closes the suggestions and keeps what was typed. AutoComplete renders an `<input type="search">`,
 * which browsers empty on Esc: that default is cancelled here, once for every text field with
 * suggestions (issue 13.6).
 */
export const keepTextOnEscape = (event: KeyboardEvent<HTMLElement>): void => {
  if (event.key === "Escape") event.preventDefault();
};

/** antd's AutoComplete for typed text with suggestions (unit names): Esc never erases the text. */
export const TextAutoComplete = ({ onKeyDown, ...props }: AutoCompleteProps) => (
  <AutoComplete
    {...props}
    onKeyDown={(event) => {
      keepTextOnEscape(event);
      onKeyDown?.(event);
    }}
  />
);

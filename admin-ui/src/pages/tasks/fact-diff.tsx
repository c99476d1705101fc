import { theme } from "antd";
import { diffChars } from "diff";

interface FactDiffProps {
  /** The value shown. */
  value: string;
  /** The value it is compared with; the characters of `value` not in it are marked. */
  other: string;
}

/**
 * A fact with the characters that differ from the other side's marked (茶**叶** beside 茶**业**), so a
 * reviewer sees at a glance where an applicant's value and the registry's part (R2, R30).
 */
export const FactDiff = ({ value, other }: FactDiffProps) => {
  const { token } = theme.useToken();
  // Parts "added" going from the other value to this one are this value's own characters.
  const parts = diffChars(other, value).filter((part) => !part.removed);
  return (
    <span data-testid="fact-diff">
      {parts.map((part, index) =>
        part.added ? (
          <mark
            // The parts never move: the index is a stable key.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={index}
            data-testid="fact-diff-mark"
            style={{
              background: token.colorWarningBg,
              color: token.colorErrorText,
              fontWeight: token.fontWeightStrong,
              padding: "0 1px",
              borderRadius: token.borderRadiusXS,
            }}
          >
            {part.value}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <span key={index}>{part.value}</span>
        ),
      )}
    </span>
  );
};

import { ClearOutlined } from "@ant-design/icons";
import { Button, Empty } from "antd";
import { useTranslation } from "react-i18next";

interface FilteredEmptyProps {
  /** What the list says when nothing is there at all (no search, no filter). */
  description: string;
  /** A search or a filter narrows the list: the empty list then says nothing matches, and offers to clear. */
  filtered: boolean;
  /** What the list says when nothing matches (e.g. naming the search text); a common text by default. */
  noMatch?: string;
  onClear: () => void;
  testId: string;
}

/**
 * An empty list that tells "there is nothing" from "nothing matches what you searched", and in the
 * second case offers to clear the search and the filters (an inbox must never look empty because of
 * a forgotten filter).
 */
export const FilteredEmpty = ({ description, filtered, noMatch, onClear, testId }: FilteredEmptyProps) => {
  const { t } = useTranslation();
  if (!filtered) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={description}
        data-testid={testId}
        data-empty="none"
      />
    );
  }
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={noMatch ?? t("common.noMatch")}
      data-testid={testId}
      data-empty="no-match"
    >
      <Button icon={<ClearOutlined />} onClick={onClear} data-testid={`${testId}-clear`}>
        {t("common.clearFilters")}
      </Button>
    </Empty>
  );
};

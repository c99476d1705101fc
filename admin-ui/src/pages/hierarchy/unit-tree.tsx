import { ReloadOutlined, SearchOutlined, UserAddOutlined } from "@ant-design/icons";
import { useLink } from "@refinedev/core";
import { useQuery } from "@tanstack/react-query";
import {
  Breadcrumb,
  Button,
  Empty,
  Flex,
  Input,
  Result,
  Skeleton,
  Table,
  Tag,
  Tooltip,
  Tree,
  type TreeDataNode,
  Typography,
} from "antd";
import { type Key, type ReactNode, useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { API_URL, type ApiHttpError, apiRequest } from "../../api/http";
import type { UnitRef, UnitTreeNode } from "../../api/types";
import { WhyNotInline } from "../../components/why-not";
import { unitPagePath } from "../../config/paths";
import { characterLimit } from "../../utils/validators";

const QUERY_MAX = 50;

/** `GET /api/units/{root}/tree`: the direct subordinates of `parentId`, or with `q` the matches below `root`. */
const fetchTree = async (rootId: string, params: { parentId?: string; q?: string }) => {
  const query = new URLSearchParams();
  if (params.parentId) query.set("parentId", params.parentId);
  if (params.q) query.set("q", params.q);
  const body = await apiRequest<{ data: UnitTreeNode[] }>(
    "GET",
    `${API_URL}/units/${encodeURIComponent(rootId)}/tree`,
    { query },
  );
  return body.data;
};

/** The page where a unit's administrator is designated (R8 path b: by the superior's administrator). */
export const successionPath = (unitId: string): string => `${unitPagePath(unitId)}#admin-succession`;

/** What a node says of its unit: type, accounts, open tasks, administrator (or the way to designate one). */
const UnitFacts = ({ unit, canDesignate }: { unit: UnitTreeNode; canDesignate: boolean }) => {
  const { t } = useTranslation();
  const Link = useLink();
  return (
    <Flex gap={4} wrap align="center">
      <Tag bordered={false}>{t(`unitTypes.${unit.type}`)}</Tag>
      <Tooltip title={t("hierarchy.tree.accountsHint")}>
        <Tag data-testid={`unit-tree-accounts-${unit.id}`} data-count={unit.accountCount}>
          {t("hierarchy.tree.accounts", { count: unit.accountCount })}
        </Tag>
      </Tooltip>
      <Tooltip title={t("hierarchy.tree.tasksHint")}>
        <Tag
          color={unit.openTaskCount > 0 ? "orange" : undefined}
          data-testid={`unit-tree-tasks-${unit.id}`}
          data-count={unit.openTaskCount}
        >
          {t("hierarchy.tree.tasks", { count: unit.openTaskCount })}
        </Tag>
      </Tooltip>
      {unit.administrator ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("hierarchy.tree.administrator", { name: unit.administrator.name ?? t("me.nameMissing") })}
        </Typography.Text>
      ) : (
        <>
          <Tag color="warning">{t("unitProfile.noAdministrator")}</Tag>
          {canDesignate && (
            <Link to={successionPath(unit.id)} data-testid={`unit-tree-designate-${unit.id}`}>
              <Button size="small" type="link" icon={<UserAddOutlined />} style={{ padding: 0 }}>
                {t("hierarchy.tree.designate")}
              </Button>
            </Link>
          )}
        </>
      )}
    </Flex>
  );
};

const NodeTitle = ({ unit, canDesignate }: { unit: UnitTreeNode; canDesignate: boolean }) => {
  const Link = useLink();
  return (
    <Flex gap="small" wrap align="center" data-testid={`unit-tree-node-${unit.id}`}>
      <Link to={unitPagePath(unit.id)}>{unit.name}</Link>
      <UnitFacts unit={unit} canDesignate={canDesignate} />
    </Flex>
  );
};

interface UnitTreeProps {
  root: UnitRef;
  /** The viewer may designate administrators of units below (R8 path b: the superior's administrator). */
  canDesignate: boolean;
  /** Beside the search: e.g. 新增下级单位. */
  extra?: ReactNode;
}

/** The search results: each match with its path from the root, its counts and administrator. */
const SearchResults = ({ root, q, canDesignate }: { root: UnitRef; q: string; canDesignate: boolean }) => {
  const { t } = useTranslation();
  const Link = useLink();
  const query = useQuery<UnitTreeNode[], ApiHttpError>({
    queryKey: ["unit-tree", root.id, "search", q],
    queryFn: () => fetchTree(root.id, { q }),
  });
  if (query.error) {
    return (
      <Result
        status="error"
        title={t("hierarchy.tree.loadFailed")}
        subTitle={<WhyNotInline error={query.error} />}
        extra={<Button onClick={() => void query.refetch()}>{t("unitManagement.retry")}</Button>}
      />
    );
  }
  return (
    <Table<UnitTreeNode>
      rowKey="id"
      size="small"
      loading={query.isLoading}
      dataSource={query.data ?? []}
      pagination={false}
      scroll={{ x: "max-content" }}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("hierarchy.tree.noMatch")} />,
      }}
      data-testid="unit-tree-results"
      columns={[
        {
          key: "name",
          title: t("unitManagement.fields.name.label"),
          render: (_, unit) => (
            <Flex vertical>
              <Link to={unitPagePath(unit.id)}>{unit.name}</Link>
              {unit.uscc && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {unit.uscc}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
        {
          key: "path",
          title: t("hierarchy.tree.path"),
          render: (_, unit) => (
            <Breadcrumb
              data-testid={`unit-tree-path-${unit.id}`}
              items={(unit.path ?? []).map((node) => ({ key: node.id, title: node.name }))}
            />
          ),
        },
        {
          key: "facts",
          title: t("hierarchy.tree.facts"),
          render: (_, unit) => <UnitFacts unit={unit} canDesignate={canDesignate} />,
        },
      ]}
    />
  );
};

/**
 * 下级单位: the tree of units under `root`, loaded a level at a time, searchable by name or USCC
 * (showing where each match sits), with each unit's accounts and open tasks; a unit without an
 * administrator links to its page, where the superior's administrator designates one (R8).
 */
export const UnitTree = ({ root, canDesignate, extra }: UnitTreeProps) => {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  // Children by parent id, filled as nodes are opened; the root's level comes from the query below.
  const [children, setChildren] = useState<Record<string, UnitTreeNode[]>>({});
  const [loadError, setLoadError] = useState<ApiHttpError>();
  // A reload starts a new Tree: it forgets which nodes it loaded.
  const [generation, setGeneration] = useState(0);
  const top = useQuery<UnitTreeNode[], ApiHttpError>({
    queryKey: ["unit-tree", root.id, "children", root.id],
    queryFn: () => fetchTree(root.id, {}),
  });

  const toNode = useCallback(
    (unit: UnitTreeNode): TreeDataNode => ({
      key: unit.id,
      title: <NodeTitle unit={unit} canDesignate={canDesignate} />,
      isLeaf: !unit.hasChildren,
      children: children[unit.id]?.map(toNode),
    }),
    [children, canDesignate],
  );

  const loadData = async ({ key }: { key: Key }) => {
    const parentId = String(key);
    if (children[parentId]) return;
    try {
      const loaded = await fetchTree(root.id, { parentId });
      setChildren((current) => ({ ...current, [parentId]: loaded }));
    } catch (error) {
      setLoadError(error as ApiHttpError);
    }
  };

  const reload = () => {
    setChildren({});
    setLoadError(undefined);
    setGeneration((value) => value + 1);
    void top.refetch();
  };

  const body = (() => {
    if (q) return <SearchResults root={root} q={q} canDesignate={canDesignate} />;
    if (top.isLoading) return <Skeleton active paragraph={{ rows: 4 }} />;
    if (top.error) {
      return (
        <Result
          status="error"
          title={t("hierarchy.tree.loadFailed")}
          subTitle={<WhyNotInline error={top.error} />}
          extra={<Button onClick={reload}>{t("unitManagement.retry")}</Button>}
        />
      );
    }
    const units = top.data ?? [];
    if (units.length === 0) {
      return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("hierarchy.tree.empty")} />;
    }
    return (
      <Tree
        key={generation}
        blockNode
        showLine
        selectable={false}
        loadData={loadData}
        treeData={units.map(toNode)}
        data-testid="unit-tree"
      />
    );
  })();

  return (
    <Flex vertical gap="middle" data-testid="unit-tree-panel">
      <Flex justify="space-between" align="flex-start" wrap gap="small">
        <Input.Search
          allowClear
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            if (!event.target.value) setQ("");
          }}
          onSearch={(value) => setQ(value.trim())}
          prefix={<SearchOutlined />}
          placeholder={t("hierarchy.tree.search")}
          enterButton={t("unitManagement.filters.search")}
          count={characterLimit(QUERY_MAX)}
          style={{ maxWidth: 420 }}
          data-testid="unit-tree-q"
        />
        <Flex gap="small" wrap>
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {t("hierarchy.tree.refresh")}
          </Button>
          {extra}
        </Flex>
      </Flex>
      <Typography.Text type="secondary">{t("hierarchy.tree.rootNote", { unit: root.name })}</Typography.Text>
      {loadError && (
        <Typography.Text type="danger">
          <WhyNotInline error={loadError} />
        </Typography.Text>
      )}
      {body}
    </Flex>
  );
};

// Lazily loaded region tree rooted at the user's own region; selecting a node opens its page.
import { Alert, Spin, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { type Key, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, api, type RegionSummary } from '../api';
import { errorText, useI18n } from '../i18n';
import { onRegionChanged } from './regionEvents';

interface Props {
  rootCode: string;
  selectedCode: string | undefined;
}

export function RegionTree({ rootCode, selectedCode }: Props) {
  const { lang } = useI18n();
  const navigate = useNavigate();
  const [root, setRoot] = useState<RegionSummary | null>(null);
  const [childrenOf, setChildrenOf] = useState<Record<string, RegionSummary[]>>({});
  const [expanded, setExpanded] = useState<string[]>([rootCode]);
  const [error, setError] = useState<string | null>(null);
  const loaded = useRef<Record<string, RegionSummary[]>>({});

  const remember = useCallback((code: string, children: RegionSummary[]) => {
    loaded.current = { ...loaded.current, [code]: children };
    setChildrenOf(loaded.current);
  }, []);

  useEffect(() => {
    let cancelled = false;
    loaded.current = {};
    setChildrenOf({});
    setRoot(null);
    setExpanded([rootCode]);
    api
      .region(rootCode)
      .then((d) => {
        if (cancelled) return;
        setRoot(d.region);
        remember(rootCode, d.children);
      })
      .catch((err: unknown) => {
        if (!cancelled) setError(err instanceof ApiError ? errorText(lang, err.code, err.message) : String(err));
      });
    return () => {
      cancelled = true;
    };
  }, [rootCode, remember, lang]);

  // Reveal the selected region: load and expand its ancestors.
  useEffect(() => {
    if (!root || !selectedCode || selectedCode === root.code) return;
    let cancelled = false;
    (async () => {
      const detail = await api.region(selectedCode);
      const path = detail.ancestors.map((a) => a.code);
      for (const code of path) {
        if (cancelled) return;
        if (!loaded.current[code]) {
          const d = await api.region(code);
          remember(code, d.children);
        }
      }
      if (!cancelled) setExpanded((prev) => Array.from(new Set([...prev, ...path])));
    })().catch(() => {
      // the page itself reports errors; the tree just stays as it is
    });
    return () => {
      cancelled = true;
    };
  }, [root, selectedCode, remember]);

  // A renamed region: re-read the branch that lists it (or the root itself).
  useEffect(
    () =>
      onRegionChanged((code) => {
        const refresh = async () => {
          const d = await api.region(code);
          if (code === rootCode) setRoot(d.region);
          const parent = d.region.parentCode;
          if (parent && loaded.current[parent]) {
            remember(
              parent,
              loaded.current[parent].map((r) => (r.code === code ? d.region : r)),
            );
          }
        };
        refresh().catch(() => {});
      }),
    [rootCode, remember],
  );

  const treeData = useMemo(() => {
    const build = (r: RegionSummary): DataNode => {
      const kids = childrenOf[r.code];
      return {
        key: r.code,
        title: r.name,
        isLeaf: r.childCount === 0,
        children: kids ? kids.map(build) : undefined,
      };
    };
    return root ? [build(root)] : [];
  }, [root, childrenOf]);

  const loadData = useCallback(
    async (node: { key: Key }) => {
      const code = String(node.key);
      if (loaded.current[code]) return;
      const d = await api.region(code);
      remember(code, d.children);
    },
    [remember],
  );

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!root) return <Spin size="small" style={{ margin: 16 }} />;

  return (
    <div data-testid="region-tree">
      <Tree
        blockNode
        treeData={treeData}
        loadData={loadData}
        expandedKeys={expanded}
        onExpand={(keys) => setExpanded(keys.map(String))}
        selectedKeys={selectedCode ? [selectedCode] : []}
        onSelect={(_keys, info) => navigate(`/regions/${String(info.node.key)}`)}
      />
    </div>
  );
}

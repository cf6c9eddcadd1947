// Region picker: a TreeSelect lazily loaded from the regions API, rooted at the user's region.
import { TreeSelect } from 'antd';
import { type CSSProperties, useCallback, useEffect, useRef, useState } from 'react';
import { api, type RegionSummary } from '../api';
import { useMe } from '../auth';

interface SimpleNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  /** root of the tree; defaults to the signed-in user's region */
  rootCode?: string;
  'data-testid'?: string;
}

const toNode = (r: RegionSummary): SimpleNode => ({
  id: r.code,
  pId: r.parentCode,
  value: r.code,
  title: r.name,
  isLeaf: r.childCount === 0,
});

export function RegionTreeSelect({ value, onChange, placeholder, allowClear, style, rootCode, ...rest }: Props) {
  const me = useMe();
  const root = rootCode ?? me.regionCode;
  const [nodes, setNodes] = useState<SimpleNode[]>([]);
  const loaded = useRef(new Set<string>());

  const add = useCallback((items: SimpleNode[]) => {
    setNodes((prev) => {
      const seen = new Set(prev.map((n) => n.id));
      return [...prev, ...items.filter((n) => !seen.has(n.id))];
    });
  }, []);

  useEffect(() => {
    let cancelled = false;
    loaded.current = new Set([root]);
    setNodes([]);
    api
      .region(root)
      .then((d) => {
        if (cancelled) return;
        add([{ ...toNode(d.region), pId: null }, ...d.children.map(toNode)]);
      })
      .catch(() => {
        loaded.current.delete(root);
      });
    return () => {
      cancelled = true;
    };
  }, [root, add]);

  const loadData = useCallback(
    async (node: { value?: string | number | null }) => {
      const code = String(node.value ?? '');
      if (!code || loaded.current.has(code)) return;
      loaded.current.add(code);
      try {
        const d = await api.region(code);
        add(d.children.map(toNode));
      } catch {
        loaded.current.delete(code);
      }
    },
    [add],
  );

  return (
    <TreeSelect
      {...rest}
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      placeholder={placeholder}
      allowClear={allowClear}
      style={style}
      showSearch
      treeNodeFilterProp="title"
      popupMatchSelectWidth={false}
      treeDefaultExpandedKeys={[root]}
    />
  );
}

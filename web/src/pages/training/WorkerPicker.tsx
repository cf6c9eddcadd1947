// Picks serving workers of the user's area by name (the roster search).
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useTrainingText } from './text';

export function WorkerPicker(props: {
  value?: number[] | number;
  onChange?: (v: number[] | number) => void;
  multiple?: boolean;
  'data-testid'?: string;
}) {
  const { tt } = useTrainingText();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api
        .workers({ q: q || undefined, status: 'active', page: 1, pageSize: 20 })
        .then((r) => {
          if (live)
            setOptions(r.items.map((w) => ({ value: w.id, label: `${w.name}（${w.regionName}，编号 ${w.id}）` })));
        })
        .catch(() => {});
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);
  return (
    <Select
      mode={props.multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={tt('searchWorker')}
      options={options}
      value={props.value as never}
      onChange={(v) => props.onChange?.(v as never)}
      data-testid={props['data-testid']}
      style={{ width: '100%' }}
    />
  );
}

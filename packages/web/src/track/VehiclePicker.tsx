/** A plate search over the vehicles in scope (GET /api/archives/vehicles?q=…). */
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { ArchiveRecord, Page } from '../api/types.js';

export interface PickedVehicle {
  id: string;
  plate: string;
}

export function VehiclePicker({
  value,
  onChange,
  placeholder,
  width = 200,
  testId,
}: {
  value: PickedVehicle | null;
  onChange: (v: PickedVehicle | null) => void;
  placeholder: string;
  width?: number;
  testId?: string;
}) {
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<PickedVehicle[]>([]);
  useEffect(() => {
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      api<Page<ArchiveRecord>>('/api/archives/vehicles', {
        query: { q: q || undefined, pageSize: 20 },
        signal: ctrl.signal,
      })
        .then((r) => setOptions(r.items.map((v) => ({ id: v.id, plate: String(v.plate ?? v.id) }))))
        .catch(() => undefined);
    }, 250);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [q]);
  const shown = value && !options.some((o) => o.id === value.id) ? [value, ...options] : options;
  return (
    <Select
      showSearch
      allowClear
      style={{ width }}
      placeholder={placeholder}
      filterOption={false}
      onSearch={setQ}
      value={value?.id}
      onChange={(id: string | undefined) => onChange(shown.find((o) => o.id === id) ?? null)}
      options={shown.map((o) => ({ value: o.id, label: o.plate }))}
      data-testid={testId}
    />
  );
}

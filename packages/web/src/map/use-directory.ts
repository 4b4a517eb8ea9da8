/**
 * Plates and companies of the vehicles in scope, for the live map's labels, filters and card:
 * the archive's vehicle list read page by page (500 a page, the API's most) in the background.
 */
import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { ArchiveRecord, Page } from '../api/types.js';
import type { VehicleInfo } from './live-store.js';

const PAGE = 500;
/** 30 pages: 15,000 vehicles, above Panjin's 11,426. */
const MAX_PAGES = 30;

export function useVehicleDirectory(enabled: boolean): ReadonlyMap<string, VehicleInfo> {
  const [info, setInfo] = useState<ReadonlyMap<string, VehicleInfo>>(new Map());
  useEffect(() => {
    if (!enabled) return;
    const ctrl = new AbortController();
    void (async () => {
      const all = new Map<string, VehicleInfo>();
      for (let page = 1; page <= MAX_PAGES; page++) {
        const r = await api<Page<ArchiveRecord>>('/api/archives/vehicles', {
          query: { page, pageSize: PAGE },
          signal: ctrl.signal,
        }).catch(() => null);
        if (!r || ctrl.signal.aborted) return;
        for (const v of r.items)
          all.set(v.id, {
            plate: String(v.plate ?? v.id),
            enterpriseId: typeof v.enterpriseId === 'string' ? v.enterpriseId : null,
          });
        setInfo(new Map(all));
        if (page * PAGE >= r.total) return;
      }
    })();
    return () => ctrl.abort();
  }, [enabled]);
  return info;
}

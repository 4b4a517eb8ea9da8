/** The archive field specs (GET /api/archives/specs) and districts, loaded once per session. */
import { createContext, useContext, type ReactNode } from 'react';
import type { District, EntityView } from '../api/types.js';
import { useApi } from '../api/use-api.js';

interface Archives {
  specs: EntityView[];
  districts: District[];
}

const Ctx = createContext<Archives>({ specs: [], districts: [] });

export function ArchivesProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const specs = useApi<EntityView[]>(enabled ? '/api/archives/specs' : null);
  const districts = useApi<District[]>(enabled ? '/api/archives/districts' : null);
  return (
    <Ctx.Provider value={{ specs: specs.data ?? [], districts: districts.data ?? [] }}>
      {children}
    </Ctx.Provider>
  );
}

export function useArchives(): Archives {
  return useContext(Ctx);
}

export function useSpec(path: string): EntityView | undefined {
  return useArchives().specs.find((s) => s.path === path);
}

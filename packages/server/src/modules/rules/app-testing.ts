/**
 * Test support for the rules module's routes: the app with every module on a test database, its
 * rule worker, and requests made as a new user of a role and scope.
 */
import { afterEach, beforeEach } from 'vitest';
import type { Scope } from '../../platform/auth.js';
import type { Db } from '../../platform/db/db.js';
import type { TestDatabase } from '../../platform/db/testing.js';
import type { App, ModulePlugin } from '../../platform/http/app.js';
import { modules } from '../../modules.js';
import type { UserRole } from '../accounts/repository.js';
import { makeSession, makeUser, migratedApp, testConfig } from '../accounts/testing.js';
import type { RuleWorker } from './worker.js';

type Response = Awaited<ReturnType<App['inject']>>;

export interface Caller {
  get(url: string): Promise<Response>;
  send(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object): Promise<Response>;
}

export interface RulesApp {
  db: Db;
  app: App;
  worker: RuleWorker;
  as(role: UserRole, scope: Scope): Promise<Caller>;
  close(): Promise<void>;
}

/** The app with no reorder window (a fix goes through the rules as it comes). */
export async function openRulesApp(target: TestDatabase): Promise<RulesApp> {
  const { db, cleanup } = await target.open();
  let worker: RuleWorker | undefined;
  const capture: ModulePlugin = (scoped) => {
    worker = scoped.rules;
  };
  const app = await migratedApp(db, [...modules, capture], testConfig({ RULES_REORDER_WINDOW_S: '0' }));
  return {
    db,
    app,
    worker: worker!,
    async as(role, scope) {
      const user = await makeUser(db, role, scope);
      const { token } = await makeSession(db, user.id);
      const headers = { authorization: `Bearer ${token}` };
      return {
        get: (url) => app.inject({ method: 'GET', url, headers }),
        send: (method, url, payload) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) }),
      };
    },
    async close() {
      await app.close();
      await cleanup();
    },
  };
}

/** `openRulesApp` for each test of the calling `describe`, closed after it; read its fields inside the tests. */
export function useRulesApp(target: TestDatabase): RulesApp {
  let env: RulesApp | undefined;
  beforeEach(async () => {
    env = await openRulesApp(target);
  });
  afterEach(async () => {
    await env?.close();
    env = undefined;
  });
  const open = (): RulesApp => {
    if (!env) throw new Error('useRulesApp: read it inside a test');
    return env;
  };
  return {
    get db() {
      return open().db;
    },
    get app() {
      return open().app;
    },
    get worker() {
      return open().worker;
    },
    as: (role, scope) => open().as(role, scope),
    close: () => open().close(),
  };
}

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
  readonly db: Db;
  readonly worker: RuleWorker;
  /** A new user of the role and scope; `lang` 'en' asks for English messages (Accept-Language). */
  as(role: UserRole, scope: Scope, lang?: 'zh' | 'en'): Promise<Caller>;
}

interface Open {
  db: Db;
  app: App;
  worker: RuleWorker;
  cleanup(): Promise<void>;
}

/**
 * For each test of the calling `describe`: the app with every module on a fresh test database and
 * no reorder window (a fix goes through the rules as it comes), closed after it. Read its fields
 * inside the tests.
 */
export function useRulesApp(target: TestDatabase): RulesApp {
  let env: Open | undefined;
  beforeEach(async () => {
    const { db, cleanup } = await target.open();
    let worker: RuleWorker | undefined;
    const capture: ModulePlugin = (scoped) => {
      worker = scoped.rules;
    };
    const app = await migratedApp(db, [...modules, capture], testConfig({ RULES_REORDER_WINDOW_S: '0' }));
    env = { db, app, worker: worker!, cleanup };
  });
  afterEach(async () => {
    await env?.app.close();
    await env?.cleanup();
    env = undefined;
  });
  const open = (): Open => {
    if (!env) throw new Error('useRulesApp: read it inside a test');
    return env;
  };
  return {
    get db() {
      return open().db;
    },
    get worker() {
      return open().worker;
    },
    async as(role, scope, lang = 'zh') {
      const { db, app } = open();
      const user = await makeUser(db, role, scope);
      const { token } = await makeSession(db, user.id);
      const headers = { authorization: `Bearer ${token}`, 'accept-language': lang === 'en' ? 'en' : 'zh-CN' };
      return {
        get: (url) => app.inject({ method: 'GET', url, headers }),
        send: (method, url, payload) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) }),
      };
    },
  };
}

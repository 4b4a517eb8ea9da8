/**
 * Two-way push (seed 002: every warning reaches the company and the regulator): each WebSocket
 * client subscribes with its actor's scope, and a message about an alarm, supervision order or
 * duty check of enterprise E in district D goes to E's monitors, D's county regulators and the
 * city — never to another company or county. In one process; several server processes would
 * relay through the bus (not built yet).
 */
import type { Scope } from '../../platform/auth.js';

export interface Owner {
  enterpriseId: string | null;
  districtCode: string;
}

export interface PushMessage {
  type: 'alarm' | 'supervision_order' | 'duty_check';
  event: string;
  /** Console hints: play a sound and raise a desktop notification (high and critical alarms). */
  hint?: { sound: boolean; desktop: boolean };
  data: unknown;
}

interface Client {
  scope: Scope;
  send(text: string): void;
}

/** True when an actor with this scope may see data of the owner. */
export function reaches(scope: Scope, owner: Owner): boolean {
  switch (scope.kind) {
    case 'city':
      return true;
    case 'district':
      return scope.districtCode === owner.districtCode;
    case 'enterprise':
      return owner.enterpriseId !== null && scope.enterpriseId === owner.enterpriseId;
    default:
      return false;
  }
}

export class AlarmHub {
  private readonly clients = new Set<Client>();

  /** Adds a client; returns the function that removes it. */
  subscribe(scope: Scope, send: (text: string) => void): () => void {
    const client: Client = { scope, send };
    this.clients.add(client);
    return () => this.clients.delete(client);
  }

  get size(): number {
    return this.clients.size;
  }

  /** Sends to every client whose scope reaches the owner; returns how many got it. */
  publish(owner: Owner, message: PushMessage): number {
    const text = JSON.stringify(message);
    let n = 0;
    for (const c of this.clients) {
      if (!reaches(c.scope, owner)) continue;
      try {
        c.send(text);
        n++;
      } catch {
        this.clients.delete(c); // a socket that cannot take a message is gone
      }
    }
    return n;
  }
}

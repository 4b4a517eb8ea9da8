/**
 * The port to the JT/T 808 gateway for text to a vehicle's terminal (0x8300 文本信息下发).
 * `gatewayMessenger` sends through the gateway's command service (wired by the alarms module when
 * the gateway module is registered before it, as in modules.ts); without a gateway the module uses
 * `noTerminalMessenger`, which refuses, so a text is never recorded as sent when it was not.
 */
import { AppError } from '../../errors.js';
import type { CommandService } from '../../gateway/commands.js';

/** Who the command is for and who asked: written on the gateway's command record. */
export interface TextContext {
  enterpriseId: string;
  districtCode: string;
  requestedBy: string;
}

export interface TerminalMessenger {
  /**
   * Resolves once the gateway has sent the command to the terminal (its record then follows the
   * terminal's 0x0001 answer); rejects when it cannot (terminal offline, no gateway).
   */
  sendText(vehicleId: string, text: string, ctx: TextContext): Promise<{ commandId: string }>;
}

export const noTerminalMessenger: TerminalMessenger = {
  sendText() {
    return Promise.reject(new Error('no gateway is connected to send text to terminals'));
  },
};

/**
 * The real messenger: a 0x8300 with the display and TTS flags through the command service. It
 * writes its own records on the gateway's connection, so callers must not hold a transaction
 * open around it (PGlite has one connection: that would deadlock).
 */
export function gatewayMessenger(commands: CommandService): TerminalMessenger {
  return {
    async sendText(vehicleId, text, ctx) {
      const record = await commands.send(
        vehicleId,
        { enterpriseId: ctx.enterpriseId, districtCode: ctx.districtCode },
        { kind: 'text', text },
        ctx.requestedBy,
      );
      if (record.status === 'failed') throw new AppError('GATEWAY_TERMINAL_OFFLINE', { vehicleId });
      return { commandId: record.id };
    },
  };
}

/** An in-memory messenger for tests and the simulator: keeps what was sent. */
export function memoryMessenger(): TerminalMessenger & { sent: { vehicleId: string; text: string }[] } {
  const sent: { vehicleId: string; text: string }[] = [];
  return {
    sent,
    sendText(vehicleId, text) {
      sent.push({ vehicleId, text });
      return Promise.resolve({ commandId: `mem-${sent.length}` });
    },
  };
}

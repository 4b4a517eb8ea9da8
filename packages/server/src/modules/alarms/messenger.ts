/**
 * The port to the JT/T 808 gateway for text to a vehicle's terminal (0x8300 文本信息下发). The
 * gateway implements it; the lead wires the real one in main.ts. Until then the module uses
 * `noTerminalMessenger`, which refuses, so "contacted driver" with a text is never recorded as
 * sent when it was not.
 */
export interface TerminalMessenger {
  /** Resolves once the gateway has queued the command for the terminal; rejects when it cannot. */
  sendText(vehicleId: string, text: string): Promise<{ commandId: string }>;
}

export const noTerminalMessenger: TerminalMessenger = {
  sendText() {
    return Promise.reject(new Error('no gateway is connected to send text to terminals'));
  },
};

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

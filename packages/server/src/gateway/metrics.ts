/**
 * The gateway's Prometheus metrics, kept as plain counters and rendered in the text exposition
 * format (no client library: a handful of counters and one histogram).
 */

const LATENCY_BUCKETS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000];

export class GatewayMetrics {
  connectionsOpen = 0;
  connectionsTotal = 0;
  readonly connectionsRefused = new Map<string, number>();
  readonly framesIn = new Map<string, number>();
  readonly framesOut = new Map<string, number>();
  readonly decodeErrors = new Map<string, number>();
  readonly sessionsClosed = new Map<string, number>();
  positionsIngested = 0;
  readonly ackLatency = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
  ackLatencySumMs = 0;
  ackLatencyCount = 0;

  static inc(map: Map<string, number>, key: string, by = 1): void {
    map.set(key, (map.get(key) ?? 0) + by);
  }

  observeAck(ms: number): void {
    let i = 0;
    while (i < LATENCY_BUCKETS_MS.length && ms > LATENCY_BUCKETS_MS[i]!) i++;
    this.ackLatency[i]!++;
    this.ackLatencySumMs += ms;
    this.ackLatencyCount++;
  }

  /** Prometheus text format. */
  render(): string {
    const out: string[] = [];
    const gauge = (name: string, help: string, type: string, value: number): void => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name} ${value}`);
    };
    const labelled = (name: string, help: string, label: string, map: Map<string, number>): void => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      for (const [k, v] of [...map].sort()) out.push(`${name}{${label}="${k}"} ${v}`);
    };
    gauge('weiyun_gateway_connections', 'Open terminal connections', 'gauge', this.connectionsOpen);
    gauge(
      'weiyun_gateway_connections_total',
      'Terminal connections accepted',
      'counter',
      this.connectionsTotal,
    );
    labelled(
      'weiyun_gateway_connections_refused_total',
      'Connections refused',
      'reason',
      this.connectionsRefused,
    );
    labelled('weiyun_gateway_frames_in_total', 'Frames received by message id', 'id', this.framesIn);
    labelled('weiyun_gateway_frames_out_total', 'Frames sent by message id', 'id', this.framesOut);
    labelled('weiyun_gateway_decode_errors_total', 'Undecodable input by kind', 'kind', this.decodeErrors);
    labelled(
      'weiyun_gateway_sessions_closed_total',
      'Sessions closed by reason',
      'reason',
      this.sessionsClosed,
    );
    gauge('weiyun_gateway_positions_total', 'Positions made durable', 'counter', this.positionsIngested);
    const h = 'weiyun_gateway_ack_latency_ms';
    out.push(`# HELP ${h} Frame received to 0x8001 sent for location messages`, `# TYPE ${h} histogram`);
    let cum = 0;
    LATENCY_BUCKETS_MS.forEach((le, i) => {
      cum += this.ackLatency[i]!;
      out.push(`${h}_bucket{le="${le}"} ${cum}`);
    });
    cum += this.ackLatency[LATENCY_BUCKETS_MS.length]!;
    out.push(`${h}_bucket{le="+Inf"} ${cum}`, `${h}_sum ${this.ackLatencySumMs}`, `${h}_count ${cum}`);
    return out.join('\n') + '\n';
  }
}

const hexIds = new Map<number, string>();

/** `0x0200` for 0x0200; the few ids seen are kept, so counting a frame allocates no string. */
export function hexId(id: number): string {
  let s = hexIds.get(id);
  if (s === undefined) {
    s = `0x${id.toString(16).padStart(4, '0')}`;
    if (hexIds.size < 70_000) hexIds.set(id, s);
  }
  return s;
}

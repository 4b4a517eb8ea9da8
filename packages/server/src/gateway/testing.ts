/** Test helpers: filed terminals in the archive, and a gateway on a free loopback port. */
import { createServer } from 'node:net';
import type { Message } from '@weiyun/jt808';
import { SimTerminal } from '../sim/terminal.js';
import pino from 'pino';
import type { Actor } from '../platform/auth.js';
import type { Db } from '../platform/db/db.js';
import { enterpriseSpec } from '../modules/archives/entities/enterprise.js';
import { personSpec } from '../modules/archives/entities/person.js';
import { terminalSpec } from '../modules/archives/entities/terminal.js';
import { vehicleSpec } from '../modules/archives/entities/vehicle.js';
import { createRecord } from '../modules/archives/resource/repository.js';
import { validateInput } from '../modules/archives/resource/validate.js';
import { idCheckChar } from '../modules/archives/validation/id-number.js';
import { makeUscc } from '../modules/archives/validation/uscc.js';
import { withVinCheck } from '../modules/archives/validation/vin.js';
import type { Position } from '../modules/positions/position.js';
import { defaultRateExempt, Gateway, type GatewayOptions } from './gateway.js';

const city: Actor = {
  id: 'gw-test',
  name: 'gateway test',
  role: 'city_regulator',
  scope: { kind: 'city' },
  via: 'session',
};

type Spec = typeof enterpriseSpec | typeof vehicleSpec | typeof terminalSpec | typeof personSpec;

async function make(
  db: Db,
  spec: Spec,
  input: Record<string, unknown>,
  filingStatus = 'filed',
): Promise<string> {
  return db.transaction((tx) =>
    createRecord(tx, spec, city, validateInput(spec, input, 'create').values, {
      filingStatus: filingStatus as 'filed',
    }),
  );
}

export async function makeEnterprise(db: Db, districtCode = '211104'): Promise<string> {
  return make(db, enterpriseSpec, {
    name: `盘锦网关测试运输有限公司${districtCode}`,
    uscc: makeUscc('91', districtCode, 'MA000G01'),
    districtCode,
    address: '盘锦市',
    permitNo: `P-${districtCode}`,
    permitValidUntil: '2028-01-01',
    scopeClasses: [3],
    legalRepresentative: '甲乙',
    safetyManager: '丙丁',
    phone: '0427-1111111',
  });
}

/**
 * A filed vehicle with a filed terminal; n (0–99999) makes plate, VIN and phone unique (below
 * 10,000 the same values as ever: 辽L9nnnn, phone 1390000nnnn).
 */
export async function fileTerminal(
  db: Db,
  enterpriseId: string,
  n: number,
  opts: { edition?: 2013 | 2019; terminalFiling?: string } = {},
): Promise<{ vehicleId: string; terminalId: string; phone: string; plate: string }> {
  if (!(Number.isInteger(n) && n >= 0 && n < 100_000)) throw new RangeError(`terminal number ${n}`);
  const small = n < 10_000;
  const digits = small ? String(n).padStart(4, '0') : String(n);
  const plate = small ? `辽L9${digits}` : `辽L${'ABCDEFGHJ'[Math.floor(n / 10_000) - 1]}${digits.slice(1)}`;
  const vehicleId = await make(db, vehicleSpec, {
    enterpriseId,
    vehicleType: 'tractor',
    plate,
    plateColour: 2,
    vin: withVinCheck(`LFWADRJF0B${small ? '19' : '2'}${digits}0`.slice(0, 17).padEnd(17, '0')),
    scopeClasses: [3],
    technicalGrade: 1,
    ratedLoadKg: 0,
    roadCertNo: `R${digits}`,
    roadCertValidUntil: '2028-01-01',
    annualReviewValidUntil: '2028-01-01',
  });
  const phone = `${small ? '1390000' : '139000'}${digits}`;
  const terminalId = await make(
    db,
    terminalSpec,
    {
      enterpriseId,
      vehicleId,
      phone,
      terminalCode: `T${digits}`,
      maker: 'WY',
      model: 'M1',
      protocolVersion: String(opts.edition ?? 2013),
    },
    opts.terminalFiling ?? 'filed',
  );
  return { vehicleId, terminalId, phone, plate };
}

export function testGatewayOptions(overrides: Partial<GatewayOptions> = {}): GatewayOptions {
  return {
    host: '127.0.0.1',
    port: 0,
    maxConnections: 1000,
    connectionsPerIpPerMinute: 1000,
    rateExemptIps: defaultRateExempt,
    authTimeoutMs: 30_000,
    heartbeatMs: 60_000,
    maxFrameBytes: 1100,
    badFrameLimit: 20,
    maxIngestPending: 50_000,
    ...overrides,
  };
}

export function testGateway(
  db: Db,
  ingest: (p: readonly Position[]) => Promise<void>,
  overrides: Partial<GatewayOptions> = {},
): Gateway {
  return new Gateway({
    db,
    ingest,
    logger: pino({ level: 'silent' }),
    options: testGatewayOptions(overrides),
  });
}

/** A TCP port free on loopback right now (for a gateway the app opens when it listens). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A filed driver whose IC card (0x0702) carries `idNumber` (2019) and qualification number `QC-0702-<n>`. */
export async function fileDriver(
  db: Db,
  enterpriseId: string,
  n = 1,
  name = '李驾驶',
): Promise<{ personId: string; idNumber: string; qualificationNo: string }> {
  const first17 = `21110319800202${String(n).padStart(3, '0')}`; // born 1980-02-02
  const idNumber = first17 + idCheckChar(first17);
  const qualificationNo = `QC-0702-${String(n).padStart(3, '0')}`;
  const personId = await make(db, personSpec, {
    enterpriseId,
    name,
    idNumber,
    roles: ['driver'],
    qualificationNo,
    qualificationCategory: '道路危险货物运输驾驶员',
    qualificationValidUntil: '2028-01-01',
  });
  return { personId, idNumber, qualificationNo };
}

/** A simulated terminal for a filed one (`fileTerminal`), pointed at the gateway on `port`. */
export function simTerminalFor(
  port: number,
  t: { phone: string; plate: string },
  edition: 2013 | 2019,
  terminalCode: string,
  onMessage?: (m: Message) => void,
): SimTerminal {
  return new SimTerminal({
    host: '127.0.0.1',
    port,
    phone: t.phone,
    edition,
    plate: t.plate,
    plateColor: 2,
    terminalCode,
    ...(onMessage ? { onMessage } : {}),
  });
}

import { describe, expect, it } from 'vitest';
import { makeChecked } from '../positions/testing.js';
import { toRuleFix } from './fix.js';

describe('toRuleFix', () => {
  it('passes the IC-card driver on as the source said it: a person, nobody (null), or nothing', () => {
    expect(toRuleFix(makeChecked({ driverId: 'person-1' })).driverId).toBe('person-1');
    expect(toRuleFix(makeChecked({ driverId: null })).driverId).toBeNull();
    expect(toRuleFix(makeChecked({})).driverId).toBeUndefined();
  });

  it('gives every fix the same keys, names the alarm bits and keeps the optional fields', () => {
    const plain = toRuleFix(makeChecked({ alarmBits: 0, mileage: null }));
    const rich = toRuleFix(
      makeChecked({
        alarmBits: 1,
        mileage: 1234.5,
        safetyEvents: [{ kind: 'adas.forward_collision', level: 2 }],
        lat: 99,
      }),
    );
    expect(Object.keys(rich)).toEqual(Object.keys(plain));
    expect(plain.alarms).toEqual([]);
    expect(plain.mileage).toBeUndefined();
    expect(rich).toMatchObject({
      alarms: ['sos'],
      mileage: 1234.5,
      activeSafety: [{ source: 'adas', type: 'forwardCollision', level: 2 }],
      valid: false,
      invalidReasons: ['lat_out_of_range'],
    });
  });
});

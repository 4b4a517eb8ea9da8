import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/dict.js';
import { labelFor } from './labels.js';

describe('labelFor', () => {
  it('names known values in the language and keeps unknown ones', () => {
    const en = (k: Parameters<typeof translate>[1]) => translate('en', k);
    const zhT = (k: Parameters<typeof translate>[1]) => translate('zh-CN', k);
    expect(labelFor(zhT, 'alarmType', 'overspeed')).toBe('超速');
    expect(labelFor(en, 'alarmAction', 'deadline_escalated')).toBe('Deadline passed, escalated');
    expect(labelFor(en, 'alarmType', 'tyre_pressure')).toBe('tyre_pressure');
    expect(labelFor(zhT, 'alarmType', 'driver_unqualified')).toBe('驾驶员资质不符');
    expect(labelFor(en, 'qualReason', 'qualification_expired')).toBe('Qualification certificate expired');
  });
});

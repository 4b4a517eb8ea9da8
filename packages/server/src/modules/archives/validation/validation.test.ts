import { describe, expect, it } from 'vitest';
import { ageOn, checkIdNumber, idCheckChar, idNumberInfo } from './id-number.js';
import { checkPlate, normalizePlate, plateKind } from './plate.js';
import { checkUscc, makeUscc, usccCheckChar, usccDivision } from './uscc.js';
import { checkVin, withVinCheck } from './vin.js';

describe('unified social credit code (GB 32100)', () => {
  it.each([
    '91350100M000100Y43', // the worked example of GB 32100-2015
    '91110000802100433B',
    '91110108551385082Q',
    '91440300708461136T',
    '9111000071093123XX',
  ])('accepts the real code %s', (code) => {
    expect(checkUscc(code)).toBeNull();
  });

  it('rejects a wrong check character, a wrong length and letters outside the alphabet', () => {
    expect(checkUscc('91110000802100433C')).toBe('check');
    expect(checkUscc('91110000802100433')).toBe('length');
    expect(checkUscc('9111000080210043OB')).toBe('charset'); // O is not in the alphabet
    expect(checkUscc('91AB0000802100433B')).toBe('division');
  });

  it('checks the embedded organisation code of a company registration', () => {
    const good = makeUscc('91', '211100', '80210043'); // organisation code 80210043-3
    const first17 = good.slice(0, 16) + '4'; // wrong organisation-code check character
    expect(checkUscc(first17 + usccCheckChar(first17))).toBe('org_check');
  });

  it('builds valid codes for demo data and reads the division', () => {
    const code = makeUscc('91', '211103', '12345678');
    expect(checkUscc(code)).toBeNull();
    expect(usccDivision(code)).toBe('211103');
  });
});

describe('citizen identity number (GB 11643)', () => {
  it('accepts the standard example and derives birth date and sex', () => {
    expect(checkIdNumber('11010519491231002X')).toBeNull();
    expect(idNumberInfo('11010519491231002X')).toEqual({
      division: '110105',
      birthDate: '1949-12-31',
      sex: 'female',
    });
  });

  it('accepts a Panjin number built with the right check digit', () => {
    const first17 = '21110219800315001';
    const id = first17 + idCheckChar(first17);
    expect(checkIdNumber(id)).toBeNull();
    expect(idNumberInfo(id)).toEqual({ division: '211102', birthDate: '1980-03-15', sex: 'male' });
  });

  it('rejects a wrong check digit, an impossible birth date and a bad format', () => {
    expect(checkIdNumber('110105194912310021')).toBe('check');
    expect(checkIdNumber('110105194902300020')).toBe('birth_date'); // 30 February
    expect(checkIdNumber('11010519491231002x')).toBe('format'); // lower-case x is not written
    expect(checkIdNumber('1101051949123100')).toBe('format');
    expect(checkIdNumber('110105209912310023', new Date('2026-11-22'))).toBe('birth_date'); // future
  });

  it('computes age in whole years for the 60-year limit', () => {
    expect(ageOn('1966-11-23', '2026-11-22')).toBe(59);
    expect(ageOn('1966-11-22', '2026-11-22')).toBe(60);
  });
});

describe('VIN (GB 16735 / ISO 3779)', () => {
  it('accepts real VINs with their check character', () => {
    expect(checkVin('1M8GDM9AXKP042788')).toBeNull(); // check character X
    expect(checkVin('11111111111111111')).toBeNull();
  });

  it('rejects a wrong check character, I/O/Q and wrong lengths', () => {
    expect(checkVin('1M8GDM9A1KP042788')).toBe('check');
    expect(checkVin('LSVAU2180N2183294')).toBe('check');
    expect(checkVin('1M8GDM9AXKP04278O')).toBe('charset');
    expect(checkVin('1M8GDM9AXKP04278')).toBe('length');
  });

  it('completes a Chinese VIN with its check character', () => {
    // Check character computed independently: weighted sum 282 mod 11 = 7.
    const vin = withVinCheck('LFWADRJF0B1002345');
    expect(vin).toBe('LFWADRJF7B1002345');
    expect(checkVin(vin)).toBeNull();
  });
});

describe('plates', () => {
  it('accepts ordinary, new-energy and trailer plates', () => {
    expect(plateKind('辽L12345')).toBe('ordinary');
    expect(plateKind('辽LA8J21')).toBe('ordinary');
    expect(plateKind('辽LD12345')).toBe('new_energy');
    expect(plateKind('辽L12345F')).toBe('new_energy');
    expect(plateKind('辽L1234挂')).toBe('trailer');
  });

  it('rejects unknown provinces, letters I and O, and wrong lengths', () => {
    expect(checkPlate('X L12345')).toBe('province');
    expect(checkPlate('辽112345')).toBe('authority');
    expect(checkPlate('辽L1234O')).toBe('format');
    expect(checkPlate('辽L1234')).toBe('format');
    expect(checkPlate('辽L1234567')).toBe('format');
  });

  it('normalizes what people type', () => {
    expect(normalizePlate(' 辽l·123-45 ')).toBe('辽L12345');
  });
});

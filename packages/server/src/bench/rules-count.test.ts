import { describe, expect, it } from 'vitest';
import { parseCachegrind } from './rules-count.js';

// The summary valgrind 3.19's cachegrind printed for one counted run here (200 vehicles, 1 h, 1 pass).
const summary = `==16192== I   refs:      10,434,300,255
==16192== I1  misses:       114,930,459
==16192== LLi misses:           131,918
==16192== I1  miss rate:           1.10%
==16192== LLi miss rate:           0.00%
==16192==
==16192== D   refs:       4,334,412,625  (2,956,241,285 rd   + 1,378,171,340 wr)
==16192== D1  misses:       125,735,412  (  104,667,456 rd   +    21,067,956 wr)
==16192== LLd misses:         3,549,738  (      530,007 rd   +     3,019,731 wr)
==16192== D1  miss rate:            2.9% (          3.5%     +           1.5%  )
`;

describe('bench:rules:count', () => {
  it("reads cachegrind's totals: instructions, D1 data misses, last-level data misses", () => {
    expect(parseCachegrind(summary)).toEqual({
      instructions: 10_434_300_255,
      d1Misses: 125_735_412,
      l2Misses: 3_549_738,
    });
  });

  it('says what is missing when a run printed no summary', () => {
    expect(() => parseCachegrind('==1== Command: node\nbench failed')).toThrow(/no instructions total/);
  });
});

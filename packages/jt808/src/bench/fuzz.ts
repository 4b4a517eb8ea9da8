// npm run fuzz -w packages/jt808 [-- <millions> <seed>]: the long fuzz run (default 20 million inputs).
// Same generator as fuzz.test.ts; prints progress and exits non-zero if the codec ever throws.
import { fuzz } from '../fuzz.js';

const millions = Number(process.argv[2] ?? 20);
const seed = Number(process.argv[3] ?? Date.now() % 0xffffffff);
console.log(`fuzzing ${millions} million inputs, seed ${seed}`);
const started = performance.now();
let total = 0;
for (let m = 0; m < millions; m++) {
  const batchSeed = (seed + m * 0x9e3779b9) >>> 0;
  try {
    const s = fuzz(1_000_000, batchSeed);
    total += s.inputs;
    const heapMb = Math.round(process.memoryUsage().heapUsed / 1048576);
    console.log(
      `${m + 1}M  ok ${s.decodedOk}  errors ${s.decodeErrors}  frames ${s.frames}  problems ${s.problems}  heap ${heapMb} MiB`,
    );
  } catch (e) {
    console.log(`THREW in batch seed ${batchSeed}:`, e);
    process.exit(1);
  }
}
console.log(`${total} inputs in ${((performance.now() - started) / 1000).toFixed(1)} s, no throw`);

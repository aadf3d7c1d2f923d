// The randomized tests' seeded PRNG is the bench's (bench/lib/random.mjs, plain JS so the bench
// runs without a build), typed here.
import { seededRandom as mulberry32 } from '../../bench/lib/random.mjs';

export const seededRandom: (seed: number) => () => number = mulberry32;

// One seeded PRNG for the randomized tests (bench/lib/data.mjs keeps a plain-JS copy: the bench
// runs without a build and must not depend on tests/).

/** mulberry32: small, fast, good enough to pick bytes; the seed makes a failure replayable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The one seeded PRNG of the repo: the bench's data files and the randomized tests use it.
// Plain JS here because the bench runs without a build; tests/support/random.ts gives it a type.

/**
 * mulberry32: small, fast, good enough to pick bytes; the seed makes a failure replayable.
 * @param {number} seed
 * @returns {() => number} uniform in [0, 1)
 */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

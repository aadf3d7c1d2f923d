// The type of bench/lib/random.mjs for the tests that use it (tests/support/random.ts).
export function seededRandom(seed: number): () => number;

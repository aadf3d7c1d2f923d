// "Did you mean" for misspelt names in the rc file: options, top-level keys, trigger fields.

/** Edits (insert, delete, substitute) between two short strings. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitute = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitute));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The candidate nearest to `name`, when it is close enough to be a plausible typo. */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const full = candidate.toLowerCase();
    // "scrollbak" is meant to be "scrollback-lines": a typo'd prefix counts, at a small cost.
    const distance = Math.min(editDistance(lower, full), editDistance(lower, full.slice(0, lower.length)) + 1);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  // A third of the name may be wrong; beyond that a suggestion is noise.
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** ` (did you mean "x"?)` or, failing that, the list of known names. */
export function unknownNameHint(name: string, candidates: readonly string[]): string {
  const near = nearestName(name, candidates);
  return near !== undefined ? ` (did you mean "${near}"?)` : ` (known: ${candidates.join(', ')})`;
}

// The measuring loop metrics 2, 4 and 5 share: each library of each
// category, `runs` rounds, the order rotated every round (so no library is
// always the first page on a cold or the last on a hot machine), with the
// 1-minute load average around each page.
import { sampleLoad } from './environment.mjs';
import { CATEGORIES, librariesOf } from './peers.mjs';

/**
 * @param {string[]} libs the libraries asked for
 * @param {number} runs
 * @param {(lib: string, category: string) => Promise<object>} measure one page
 * @param {(run: object, where: {round: number, lib: string, category: string}) => void} log
 * @returns {Promise<{category: string, group: string[], byLib: Map<string, object[]>}[]>}
 */
export async function inRotation(libs, runs, measure, log) {
  const out = [];
  for (const category of CATEGORIES) {
    const group = librariesOf(category, libs);
    if (!group.length) continue;
    const byLib = new Map(group.map((lib) => [lib, []]));
    for (let round = 0; round < runs; round += 1) {
      for (const lib of group.map((_, i) => group[(i + round) % group.length])) {
        const loadBefore = sampleLoad();
        const run = await measure(lib, category);
        run.loadAverage ??= [loadBefore, sampleLoad()];
        byLib.get(lib).push(run);
        log(run, { round, lib, category });
      }
    }
    out.push({ category, group, byLib });
  }
  return out;
}

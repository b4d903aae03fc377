// README.md's Performance numbers are the latest bench run's: the block
// between the sharelock:performance markers is exactly what
// bench/readme-section.mjs makes of the committed bench/results/suite.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { END, START, SUITE, performanceSection, withSection } from '../../bench/readme-section.mjs';
import { LIBRARIES } from '../../bench/peers.mjs';

const suite = JSON.parse(await readFile(SUITE, 'utf8'));
const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');

test('README.md shows the committed bench run, as generated (run `node bench/readme-section.mjs` after a bench run)', () => {
  const block = readme.slice(readme.indexOf(START), readme.indexOf(END) + END.length);
  assert.equal(block, performanceSection(suite));
});

test('the rows follow the run: Sharelock against the best usable peer of the same kind', () => {
  const section = performanceSection(suite);
  const shareBytes = suite.metrics.size.results.find((r) => r.lib === 'sharelock' && r.widget === 'share').totals.code.brotli;
  const peers = suite.metrics.size.results.filter((r) => r.lib !== 'sharelock' && r.widget === 'share').map((r) => r.totals.code.brotli);
  const best = Math.min(...peers);
  assert.match(section, new RegExp(`one share bar \\(JS \\+ CSS \\+ wasm\\) \\| ${shareBytes.toLocaleString('en-US')} \\| ${best.toLocaleString('en-US')} \\(`));

  // A lighter Sharelock share page is published as such, with its new ratio.
  const lighter = structuredClone(suite);
  const own = lighter.metrics.size.results.find((r) => r.lib === 'sharelock' && r.widget === 'share');
  own.totals.code.brotli = best * 2;
  assert.match(performanceSection(lighter), new RegExp(`one share bar \\(JS \\+ CSS \\+ wasm\\) \\| ${(best * 2).toLocaleString('en-US')} \\| [^|]+ \\| 2\\.0× \\|`));

  // A peer that stalled in most ticking runs is no one's "best".
  const stalled = structuredClone(suite);
  for (const r of stalled.metrics.ticking.results) {
    if (r.lib !== 'sharelock' && r.layout === 'natural') r.median.mostlyStalled = true;
  }
  assert.doesNotMatch(performanceSection(stalled), /long page \|/);

  // Nor is one whose page timed out in most render runs, however fast its other runs were.
  const timedOut = structuredClone(suite);
  const fastest = timedOut.metrics.render.results.filter((r) => r.category === 'share' && r.lib !== 'sharelock')
    .sort((a, b) => a.median.usable - b.median.usable)[0];
  fastest.median.timeouts = fastest.runs.length;
  const shareRow = (section) => section.split('\n').find((line) => line.startsWith('| 200 share bars usable'));
  assert.match(shareRow(performanceSection(suite)), new RegExp(`\\(${LIBRARIES[fastest.lib].name} `));
  assert.doesNotMatch(shareRow(performanceSection(timedOut)), new RegExp(`\\(${LIBRARIES[fastest.lib].name} `));
});

test('a README without the markers is refused, not silently left stale', () => {
  assert.throws(() => withSection('# no markers here\n', performanceSection(suite)), /no sharelock:performance markers/);
});

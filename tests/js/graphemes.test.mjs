// Grapheme clusters as the built main module counts them (Bluesky's 300,
// Mastodon's 500), against two oracles: Intl.Segmenter (the browsers' and
// Node's ICU) and unicode-segmenter (what Bluesky's own libraries count
// with), both Unicode 17.0 with GB9c's Indic conjuncts — on texts a seeded
// generator makes from the scripts and sequences where the rules differ:
// Indic consonants, viramas, nuktas, ZWJ and ZWNJ; emoji with skin tones,
// ZWJ sequences, flags and keycaps; Hangul jamo and syllables; combining
// marks, prepend and spacing marks, CR LF and controls; and any code point
// at all. A failing case prints its seed and code points, for a fixed case
// in tests/core/unicode_test.cpp.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { countGraphemes } from 'unicode-segmenter/grapheme';

import { codePoints, loadBuiltVerifiedCore, randomFrom } from './support.mjs';

const core = await loadBuiltVerifiedCore();

const TEXTS = 12000;
const SEED = 20261203;

const range = (first, last) => ({ first, last });
// Pieces, each a code point from a range or a fixed sequence.
const PIECES = [
  range(0x0915, 0x0939), range(0x0915, 0x0939), 0x094D, 0x094D, 0x093C, range(0x093E, 0x094C), 0x0902, // Devanagari
  range(0x0995, 0x09B9), 0x09CD, 0x09BC, range(0x09BE, 0x09CC), // Bengali
  range(0x0A95, 0x0AB9), 0x0ACD, range(0x0B15, 0x0B39), 0x0B4D, // Gujarati, Oriya
  range(0x0C15, 0x0C39), 0x0C4D, range(0x0D15, 0x0D3A), 0x0D4D, // Telugu, Malayalam
  range(0x0B95, 0x0BB9), 0x0BCD, // Tamil (its virama is no linker)
  0x200D, 0x200D, 0x200C, 0xFE0F, 0x20E3,
  '😀', '👍', range(0x1F3FB, 0x1F3FF), '👨‍👩‍👧‍👦', '🏳️‍🌈', range(0x1F1E6, 0x1F1FF), range(0x1F1E6, 0x1F1FF), '1️⃣', '❤', '©',
  range(0x1100, 0x115F), range(0x1160, 0x11A7), range(0x11A8, 0x11FF), range(0xAC00, 0xD7A3),
  'a', 'e', ' ', range(0x0300, 0x036F), 0x0600, 0x0E33, range(0x0E01, 0x0E2E), 0x0645, 0x064B,
  '\r', '\n', 0x0001, 0x00AD,
  range(0x0000, 0xD7FF), range(0xE000, 0x10FFFF),
];

function makeText(random) {
  const pick = (n) => Math.floor(random() * n);
  let text = '';
  const length = 1 + pick(24);
  for (let i = 0; i < length; i += 1) {
    const piece = PIECES[pick(PIECES.length)];
    if (typeof piece === 'string') text += piece;
    else if (typeof piece === 'number') text += String.fromCodePoint(piece);
    else text += String.fromCodePoint(piece.first + pick(piece.last - piece.first + 1));
  }
  return text;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const graphemes = (text) => [...segmenter.segment(text)].length;

// Mastodon's count is graphemes (links as 23; these texts hold none).
const attributes = {
  mode: 'verified', item: 'club', network: 'mastodon', server: 'https://verify.shop.example',
  url: 'https://shop.example/club', text: 'Joining',
};
const page = { url: 'https://shop.example/club', lang: 'en' };
const coreCount = (text) => core.checkVerifiedPost({ attributes, page, text }).length;

test('the examples of the issue: Indic conjuncts are one grapheme each', () => {
  assert.equal(coreCount('क्षत्रिय'), 3);
  assert.equal(coreCount('ক্ষমা'), 2);
  assert.equal(coreCount('👨‍👩‍👧‍👦🇪🇸1️⃣'), 3);
});

test(`${TEXTS} generated texts count as Intl.Segmenter counts them`, () => {
  assert.match(process.versions.unicode, /^(1[7-9]|[2-9]\d)\./, 'Intl.Segmenter must follow Unicode 17 or newer');
  const random = randomFrom(SEED);
  const failures = [];
  for (let i = 0; i < TEXTS; i += 1) {
    // The shim hands the core NFC text; the oracle counts the same text.
    const text = makeText(random).toWellFormed().normalize('NFC');
    const [expected, bluesky] = [graphemes(text), countGraphemes(text)];
    const got = coreCount(text);
    if (got !== expected || got !== bluesky) {
      failures.push(`seed ${SEED} text ${i}: core ${got}, Intl.Segmenter ${expected}, unicode-segmenter ${bluesky}: ${codePoints(text)}`);
    }
  }
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${TEXTS} texts differ`);
});

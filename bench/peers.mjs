// Every library the benchmark compares, set up the way its README shows it
// with its default script-tag files, and what "rendered and usable" means
// for each of its widgets (bench/probe.mjs checks it inside the page).
//
// Categories: "share" (share bars) and "countdown". Sharelock is in both,
// and has a third page, "kit": one of each of its four widgets.
//
// Every share bar shows the same six networks, the ones all five share
// libraries have: X (Twitter), Facebook, LinkedIn, WhatsApp, Telegram, email.
// Each bar shares its own URL (a product grid: /products/<i>).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

export const CATEGORIES = ['share', 'countdown'];
export const SHARE_NETWORKS = ['x', 'facebook', 'linkedin', 'whatsapp', 'telegram', 'email'];
const LABELS = { x: 'X', facebook: 'Facebook', linkedin: 'LinkedIn', whatsapp: 'WhatsApp', telegram: 'Telegram', email: 'Email' };

/**
 * Sharelock's <head> for a page of `widget`, from the build's dist/
 * snippets.json with the files at /dist/. The kit page preloads every
 * widget's code and the main module (which its share bars then use too).
 */
function sharelockHead(widget) {
  const snippets = JSON.parse(readFileSync(join(root, 'dist', 'snippets.json'), 'utf8'));
  const preloads = widget === 'kit'
    ? [...new Set(['pay', 'countdown', 'proof', 'share'].flatMap((name) => snippets.widgets[name].split('\n')))]
      .filter((line) => !line.includes('sharelock-share.'))
    : snippets.widgets[widget].split('\n');
  return [...preloads, snippets.head].join('\n').replaceAll(snippets.base, '/dist/');
}

const productUrl = (i) => `https://shop.example/products/${i}`;
const productTitle = (i) => `Product ${i} — Lumen &amp; Leaf`;
const isoSeconds = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

// Probe fields (see bench/probe.mjs): `inner` = what counts as one usable
// button (or, for countdowns, one drawn value) inside a widget, `shadow` =
// look inside the widget's open shadow root, `expect` = how many a widget
// must have, `gate` = a library-level condition on top of the DOM (the
// library's click handlers are attached).
export const LIBRARIES = {
  sharelock: {
    name: 'Sharelock',
    package: null,
    files: '`dist/sharelock.js` (ES module) and its chunks; a widget\'s own chunk and wasm module (`sharelock-share` for share bars, `sharelock-core` for the others) load when the first such widget connects',
    // What a site owner pastes from the snippet builder for that widget:
    // the snippet, plus preloads of the widget's chunks and wasm.
    head: (widget) => sharelockHead(widget),
    widgets: {
      share: {
        item: (i) => `<sharelock-share class="bench-item" networks="${SHARE_NETWORKS.join(',')}" url="${productUrl(i)}" text="${productTitle(i)}"></sharelock-share>`,
        probe: { shadow: true, inner: '[part~="button"]', expect: SHARE_NETWORKS.length },
      },
      countdown: {
        item: (i, deadline) => `<sharelock-countdown class="bench-item" ends="${isoSeconds(deadline)}"><p>Offer ${i} ends ${isoSeconds(deadline)}.</p></sharelock-countdown>`,
        probe: { shadow: true, inner: '[role="timer"]', expect: 1 },
      },
      // One of each widget, for the size of the whole kit (no feed fetch:
      // the proof badge gets its count inline).
      kit: {
        item: (i, deadline) => [
          `<sharelock-share class="bench-item" networks="${SHARE_NETWORKS.join(',')}" url="${productUrl(i)}" text="${productTitle(i)}"></sharelock-share>`,
          `<sharelock-pay class="bench-item" item="bench-${i}" network="x" text="Unlocking the guide" url="${productUrl(i)}"><template><p>Unlocked.</p></template><p>Enable JavaScript to unlock.</p></sharelock-pay>`,
          `<sharelock-countdown class="bench-item" ends="${isoSeconds(deadline)}"><p>Offer ends ${isoSeconds(deadline)}.</p></sharelock-countdown>`,
          '<sharelock-proof class="bench-item" count="1284" type="share"></sharelock-proof>',
        ].join('\n'),
        itemsPerWidget: 4,
        probe: { shadow: true, inner: 'a, button, [role="timer"], [part~="badge"]', expect: 1 },
      },
    },
  },

  // Share bars ───────────────────────────────────────────────────────────
  shareon: {
    name: 'shareon',
    package: 'shareon',
    mount: 'dist',
    files: '`dist/shareon.min.css` + `dist/shareon.iife.js` with `defer init` (README "Install": auto-initialises every `.shareon` container)',
    head: '<link rel="stylesheet" href="/peers/shareon/shareon.min.css">\n'
      + '<script src="/peers/shareon/shareon.iife.js" defer init></script>',
    widgets: {
      share: {
        // shareon has no "x" button; its "twitter" button is the X one.
        item: (i) => `<div class="shareon bench-item" data-url="${productUrl(i)}" data-title="${productTitle(i)}">`
          + SHARE_NETWORKS.map((n) => `<a class="${n === 'x' ? 'twitter' : n}"></a>`).join('') + '</div>',
        probe: { inner: 'a[href]', expect: SHARE_NETWORKS.length },
      },
    },
  },
  shariff: {
    name: 'shariff',
    package: 'shariff',
    mount: 'dist',
    files: '`dist/shariff.complete.css` (its CSS + Font Awesome 5) + `dist/shariff.complete.js` before `</body>` (README "Getting Started": the complete files carry their dependencies; since 3.x the JS has its own small DOM helper instead of jQuery, so no jQuery is loaded). No backend: `data-backend-url` defaults to null, so no share counts are fetched',
    head: '<link rel="stylesheet" href="/peers/shariff/shariff.complete.css">',
    tail: '<script src="/peers/shariff/shariff.complete.js"></script>',
    widgets: {
      share: {
        // Services as an entity-encoded JSON array (README); mail as a
        // mailto: link like the others (its default is a "?view=mail" page).
        item: (i) => `<div class="shariff bench-item" data-url="${productUrl(i)}" data-title="${productTitle(i)}" data-lang="en" data-mail-url="mailto:" `
          + `data-services="[${SHARE_NETWORKS.map((n) => `&quot;${{ x: 'twitter', email: 'mail' }[n] ?? n}&quot;`).join(',')}]"></div>`,
        probe: { inner: 'a[href]', expect: SHARE_NETWORKS.length },
      },
    },
  },
  sharer: {
    name: 'sharer.js',
    package: 'sharer.js',
    mount: '',
    files: '`sharer.min.js` (its docs page: one script tag; buttons are the page\'s own `data-sharer` markup, no CSS shipped)',
    tail: '<script src="/peers/sharer.js/sharer.min.js"></script>',
    widgets: {
      share: {
        item: (i) => `<div class="sharer-bar bench-item">`
          + SHARE_NETWORKS.map((n) => `<button type="button" data-sharer="${n}" data-url="${productUrl(i)}" data-title="${productTitle(i)}">${LABELS[n]}</button>`).join('') + '</div>',
        // Sharer.init binds the clicks once the DOM is parsed.
        probe: { inner: 'button[data-sharer]', expect: SHARE_NETWORKS.length, gate: 'sharer' },
      },
    },
  },
  'vanilla-sharing': {
    name: 'vanilla-sharing',
    package: 'vanilla-sharing',
    mount: 'dist',
    files: '`dist/vanilla-sharing.umd.js` (what `https://unpkg.com/vanilla-sharing` serves: its `main`); no markup or CSS of its own, the page makes the buttons and calls `VanillaSharing.tw(…)` etc. on click (bench/pages/setup-vanilla-sharing.js)',
    tail: '<script src="/peers/vanilla-sharing/vanilla-sharing.umd.js"></script>\n'
      + '<script src="/bench/setup-vanilla-sharing.js"></script>',
    widgets: {
      share: {
        item: (i) => `<div class="vs-bar bench-item" data-url="${productUrl(i)}" data-title="${productTitle(i)}">`
          + SHARE_NETWORKS.map((n) => `<button type="button" data-network="${n}">${LABELS[n]}</button>`).join('') + '</div>',
        probe: { inner: 'button[data-network]', expect: SHARE_NETWORKS.length, gate: 'setup' },
      },
    },
  },

  // Countdowns ───────────────────────────────────────────────────────────
  simplycountdown: {
    name: 'simplycountdown.js',
    package: 'simplycountdown.js',
    mount: 'dist',
    files: '`dist/simplyCountdown.umd.js` + `dist/themes/default.min.css`, then `simplyCountdown(element, {year, month, day, hours, minutes, seconds})` per element (bench/pages/setup-simplycountdown.js)',
    head: '<link rel="stylesheet" href="/peers/simplycountdown.js/themes/default.min.css">\n'
      + '<script src="/peers/simplycountdown.js/simplyCountdown.umd.js"></script>',
    tail: '<script src="/bench/setup-simplycountdown.js"></script>',
    widgets: {
      countdown: {
        item: (i, deadline) => `<div id="sc-${i}" class="simply-countdown bench-item" data-deadline="${deadline}"></div>`,
        probe: { inner: '.simply-seconds-section', expect: 1 },
      },
    },
  },
  flipdown: {
    name: 'flipdown',
    package: 'flipdown',
    mount: 'dist',
    files: '`dist/flipdown.min.js` + `dist/flipdown.min.css`, `<div id="…" class="flipdown">`, `new FlipDown(unixSeconds, id).start()` (bench/pages/setup-flipdown.js)',
    head: '<link rel="stylesheet" href="/peers/flipdown/flipdown.min.css">\n'
      + '<script src="/peers/flipdown/flipdown.min.js"></script>',
    tail: '<script src="/bench/setup-flipdown.js"></script>',
    widgets: {
      countdown: {
        item: (i, deadline) => `<div id="flipdown-${i}" class="flipdown bench-item" data-deadline="${deadline}"></div>`,
        probe: { inner: '.rotor-group', expect: 1 },
      },
    },
  },
};

/** Libraries (keys) that have a widget of this category, Sharelock first. */
export function librariesOf(category, selected = Object.keys(LIBRARIES)) {
  return selected.filter((lib) => LIBRARIES[lib]?.widgets[category]);
}

/** The exact installed version of a peer (its package.json), or Sharelock's. */
export function versionOf(lib) {
  const pkg = LIBRARIES[lib].package;
  const file = pkg ? join(root, 'node_modules', pkg, 'package.json') : join(root, 'package.json');
  return JSON.parse(readFileSync(file, 'utf8')).version;
}

export const displayName = (lib) => `${LIBRARIES[lib].name} ${versionOf(lib)}`;

/** URL prefix → folder, for bench/server.mjs. */
export function peerMounts() {
  return Object.values(LIBRARIES).filter((l) => l.package)
    .map((l) => [`/peers/${l.package}/`, join(root, 'node_modules', l.package, l.mount)]);
}

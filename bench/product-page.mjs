// The product page Lighthouse audits (bench/metrics/lighthouse.mjs): what a
// shop's page looks like with one share bar of a library under its
// product — a header, a photo box, the name, the price, a description — set
// up the way that library's own benchmark page is (its head and tail from
// bench/peers.mjs). lib "links" is the same page with plain share links and
// no script: the floor any share bar is measured against.
import { LIBRARIES, SHARE_NETWORKS } from './peers.mjs';

const PRODUCT_URL = 'https://shop.example/products/linen-shirt';
const TEXT = 'The linen shirt — Lumen &amp; Leaf';

// Intent URLs as a site owner would type them by hand.
const PLAIN_LINKS = {
  x: `https://x.com/intent/tweet?url=${encodeURIComponent(PRODUCT_URL)}`,
  facebook: `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(PRODUCT_URL)}`,
  linkedin: `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(PRODUCT_URL)}`,
  whatsapp: `https://wa.me/?text=${encodeURIComponent(PRODUCT_URL)}`,
  telegram: `https://t.me/share/url?url=${encodeURIComponent(PRODUCT_URL)}`,
  email: `mailto:?body=${encodeURIComponent(PRODUCT_URL)}`,
};
const LINK_LABELS = { x: 'X', facebook: 'Facebook', linkedin: 'LinkedIn', whatsapp: 'WhatsApp', telegram: 'Telegram', email: 'Email' };

/** The libraries (and "links") that have a product page: every share bar. */
export const productPageLibs = (libs) => ['links', ...libs.filter((lib) => LIBRARIES[lib]?.widgets.share)];

/** The page's HTML, or null for a library without a share bar. */
export function productPage(lib) {
  const library = LIBRARIES[lib];
  if (lib !== 'links' && !library?.widgets.share) return null;
  const bar = lib === 'links'
    ? `<nav class="share-links" aria-label="Share">${SHARE_NETWORKS.map((n) => `<a href="${PLAIN_LINKS[n].replaceAll('&', '&amp;')}">${LINK_LABELS[n]}</a>`).join('\n')}</nav>`
    // The share item of the library's benchmark page, pointed at this product.
    : library.widgets.share.item(0).replace('https://shop.example/products/0', PRODUCT_URL).replace('Product 0 — Lumen &amp; Leaf', TEXT);
  const head = typeof library?.head === 'function' ? library.head('share') : library?.head ?? '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The linen shirt — Lumen &amp; Leaf</title>
<meta name="description" content="A loose linen shirt, washed soft, in five colours.">
<link rel="icon" href="data:,">
<link rel="canonical" href="${PRODUCT_URL}">
<link rel="stylesheet" href="/bench/product.css">
${head}
</head>
<body>
<header><a href="/">Lumen &amp; Leaf</a></header>
<main>
<div class="photo" role="img" aria-label="The linen shirt, in sand"></div>
<h1>The linen shirt</h1>
<p class="price">€49</p>
<p>A loose shirt of washed European linen: soft from the first day, cool in summer, warm enough
layered in spring. Mother-of-pearl buttons, a curved hem to wear it out, five colours dyed without
azo dyes.</p>
${bar}
<h2>Details</h2>
<ul><li>100% linen, 185 g/m²</li><li>Machine wash at 40 °C</li><li>Made in Portugal</li></ul>
</main>
${library?.tail ?? ''}
</body>
</html>
`;
}

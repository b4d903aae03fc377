// Each network's button opens that network's public intent URL, built by
// hand below from shared/PLATFORMS.md and the element's attributes.
// Percent-encoding is RFC 3986's: every byte outside ALPHA DIGIT - . _ ~
// becomes %XX (upper-case), so a space is %20 (never '+') and '#' is %23.
import twitterText from 'twitter-text';

import {
  ORIGIN, attr, clickForPopup, expect, openTestPage, recorded, shareButton, test, testPage,
} from './fixtures.js';

const PAGE_URL = 'https://shop.example/books/cook?id=42';
const TEXT = 'Cook like a pro: 50 recipes #1';
const IMAGE = 'https://shop.example/img/cover.jpg';
// The same values, percent-encoded by hand.
const U = 'https%3A%2F%2Fshop.example%2Fbooks%2Fcook%3Fid%3D42';
const T = 'Cook%20like%20a%20pro%3A%2050%20recipes%20%231';
const IMG = 'https%3A%2F%2Fshop.example%2Fimg%2Fcover.jpg';

const EXPECTED = {
  x: `https://x.com/intent/tweet?text=${T}&url=${U}`,
  facebook: `https://www.facebook.com/sharer/sharer.php?u=${U}`,
  linkedin: `https://www.linkedin.com/sharing/share-offsite/?url=${U}`,
  whatsapp: `https://wa.me/?text=${T}%20${U}`,
  telegram: `https://t.me/share/url?url=${U}&text=${T}`,
  pinterest: `https://pinterest.com/pin/create/button/?url=${U}&description=${T}&media=${IMG}`,
  reddit: `https://www.reddit.com/submit?url=${U}&title=${T}`,
  bluesky: `https://bsky.app/intent/compose?text=${T}%20${U}`,
  threads: `https://www.threads.com/intent/post?text=${T}&url=${U}`,
};

function barPage(attributes, { head = '', lang = 'en', title } = {}) {
  const list = Object.entries(attributes).map(([k, v]) => `${k}="${attr(v)}"`).join(' ');
  return testPage({
    lang,
    title,
    head,
    body: `<main><h1>The Cook Book</h1>
<sharelock-share id="bar" ${list}><a href="https://x.com/intent/tweet?url=${U}">Share on X</a></sharelock-share>
</main>`,
  });
}

test.describe('a share button opens the network\'s intent URL in a popup', () => {
  for (const [network, expected] of Object.entries(EXPECTED)) {
    test(`${network}: clicking opens exactly ${expected.split('?')[0]} with the encoded text and URL`, async ({ page, external }) => {
      await openTestPage(page, {
        name: `network-${network}`,
        html: barPage({ networks: network, url: PAGE_URL, text: TEXT, ...(network === 'pinterest' ? { image: IMAGE } : {}) }),
      });
      const button = shareButton(page, network);
      await expect(button).toHaveAttribute('href', expected);

      const popup = await clickForPopup(page, button);
      expect(popup.url()).toBe(expected);
      expect(external).toEqual([expected]);

      await expect.poll(async () => (await recorded(page)).shares).toEqual([
        { network, url: PAGE_URL, target: 'bar' },
      ]);
    });
  }
});

test.describe('share links are real links', () => {
  test('when a popup blocker stops window.open, the link itself opens the intent in a new tab', async ({ page }) => {
    await page.addInitScript(() => {
      // A blocker: window.open returns null and opens nothing.
      window.open = () => null;
    });
    await openTestPage(page, { name: 'popup-blocked', html: barPage({ networks: 'bluesky', url: PAGE_URL, text: TEXT }) });
    const link = shareButton(page, 'bluesky');
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', /noopener/);
    const tab = await clickForPopup(page, link);
    expect(tab.url()).toBe(EXPECTED.bluesky);
    expect(page.url()).toContain('/__test__/popup-blocked.html');
    await expect.poll(async () => (await recorded(page)).shares)
      .toEqual([{ network: 'bluesky', url: PAGE_URL, target: 'bar' }]);
  });

  test('the share window cannot reach back to the shop (no opener)', async ({ page }) => {
    await openTestPage(page, { name: 'no-opener', html: barPage({ networks: 'x', url: PAGE_URL, text: TEXT }) });
    const popup = await clickForPopup(page, shareButton(page, 'x'));
    expect(await popup.evaluate(() => window.opener)).toBeNull();
  });
});

test.describe('the email button is a mailto: link', () => {
  // RFC 6068 section 5: subject and body percent-encoded, and line breaks in
  // the body MUST be written %0D%0A.
  const expected = `mailto:?subject=${T}&body=${T}%0D%0A%0D%0A${U}`;

  test('its href is the exact mailto: URL (text, a blank line, the URL)', async ({ page }) => {
    await openTestPage(page, { name: 'email-href', html: barPage({ networks: 'email', url: PAGE_URL, text: TEXT }) });
    await expect(shareButton(page, 'email')).toHaveAttribute('href', expected);
  });

  test('clicking it navigates to the mailto: link, fires sharelock:share and opens no popup', async ({ page, external }) => {
    await openTestPage(page, { name: 'email-click', html: barPage({ networks: 'email', url: PAGE_URL, text: TEXT }) });
    const link = shareButton(page, 'email');
    await expect(link).toHaveAttribute('href', /^mailto:\?subject=/);
    const href = await link.getAttribute('href');
    // A mail link must not open a blank tab or window next to the mail client.
    await expect(link).not.toHaveAttribute('target', /./);

    // Stand in for the mail client: note the navigation and stop it (this
    // listener runs after the widget's own click handler).
    await page.evaluate(() => {
      window.addEventListener('click', (event) => {
        const anchor = event.composedPath().find((node) => node.localName === 'a');
        if (anchor?.href.startsWith('mailto:')) {
          event.preventDefault();
          window.__mailto = anchor.href;
        }
      });
    });
    await link.click();

    expect(await page.evaluate(() => window.__mailto)).toBe(href);
    const log = await recorded(page);
    expect(log.shares).toEqual([{ network: 'email', url: PAGE_URL, target: 'bar' }]);
    expect(log.opened).toEqual([]);
    expect(page.context().pages()).toHaveLength(1);
    expect(external).toEqual([]);
  });
});

test.describe('UTM tagging', () => {
  test('utm-campaign tags the shared URL per network and keeps its query and fragment', async ({ page }) => {
    await openTestPage(page, {
      name: 'utm',
      html: barPage({
        networks: 'x,linkedin', url: 'https://shop.example/books/cook?id=42#reviews', text: 'Spring', 'utm-campaign': 'spring sale',
      }),
    });
    const tagged = (source) =>
      `https://shop.example/books/cook?id=42&utm_source=${source}&utm_medium=social&utm_campaign=spring%20sale#reviews`;
    // …and the tagged URL encoded once more as a parameter value.
    const encoded = (source) =>
      `https%3A%2F%2Fshop.example%2Fbooks%2Fcook%3Fid%3D42%26utm_source%3D${source}%26utm_medium%3Dsocial%26utm_campaign%3Dspring%2520sale%23reviews`;

    const x = await clickForPopup(page, shareButton(page, 'x'));
    expect(x.url()).toBe(`https://x.com/intent/tweet?text=Spring&url=${encoded('x')}`);
    const linkedin = await clickForPopup(page, shareButton(page, 'linkedin'));
    expect(linkedin.url()).toBe(`https://www.linkedin.com/sharing/share-offsite/?url=${encoded('linkedin')}`);

    await expect.poll(async () => (await recorded(page)).shares).toEqual([
      { network: 'x', url: tagged('x'), target: 'bar' },
      { network: 'linkedin', url: tagged('linkedin'), target: 'bar' },
    ]);
  });

  test('without utm-campaign the URL is shared untouched', async ({ page }) => {
    await openTestPage(page, { name: 'no-utm', html: barPage({ networks: 'linkedin', url: 'https://shop.example/a?b=1#c', text: 'Hi' }) });
    await expect(shareButton(page, 'linkedin'))
      .toHaveAttribute('href', 'https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fshop.example%2Fa%3Fb%3D1%23c');
  });
});

test.describe('defaults come from the page', () => {
  test('url defaults to <link rel=canonical> and text to og:title', async ({ page }) => {
    await openTestPage(page, {
      name: 'defaults-canonical',
      html: barPage({ networks: 'x' }, {
        title: 'Buy now | Shop',
        head: `<link rel="canonical" href="https://shop.example/books/cook">
<meta property="og:title" content="The Cook Book">`,
      }),
      query: '?utm_source=newsletter',
    });
    const expected = 'https://x.com/intent/tweet?text=The%20Cook%20Book&url=https%3A%2F%2Fshop.example%2Fbooks%2Fcook';
    const popup = await clickForPopup(page, shareButton(page, 'x'));
    expect(popup.url()).toBe(expected);
    await expect.poll(async () => (await recorded(page)).shares)
      .toEqual([{ network: 'x', url: 'https://shop.example/books/cook', target: 'bar' }]);
  });

  test('without a canonical link: the page address without tracking parameters, and document.title', async ({ page }) => {
    await openTestPage(page, {
      name: 'defaults-location',
      html: barPage({ networks: 'linkedin,telegram' }, { title: 'Spring catalogue' }),
      query: '?id=7&utm_source=news&fbclid=abc123',
    });
    const shared = `${ORIGIN}/__test__/defaults-location.html?id=7`;
    const encoded = encodeURIComponent(shared); // only ':', '/', '?', '=' here; all outside the unreserved set
    await expect(shareButton(page, 'linkedin'))
      .toHaveAttribute('href', `https://www.linkedin.com/sharing/share-offsite/?url=${encoded}`);
    await expect(shareButton(page, 'telegram'))
      .toHaveAttribute('href', `https://t.me/share/url?url=${encoded}&text=Spring%20catalogue`);
  });
});

test.describe('parameter rules per network', () => {
  test('hashtags: X gets them as a parameter, Facebook and Threads one tag, the others inside the text', async ({ page }) => {
    await openTestPage(page, {
      name: 'hashtags',
      html: barPage({
        networks: 'x,facebook,threads,whatsapp,telegram,bluesky,mastodon',
        url: PAGE_URL, text: 'Spring sale', hashtags: 'books,cooking', via: 'shopexample',
      }),
    });
    const inText = `Spring%20sale%20%23books%20%23cooking`;
    const hrefs = {
      x: `https://x.com/intent/tweet?text=Spring%20sale&url=${U}&hashtags=books%2Ccooking&via=shopexample`,
      facebook: `https://www.facebook.com/sharer/sharer.php?u=${U}&hashtag=%23books`,
      threads: `https://www.threads.com/intent/post?text=Spring%20sale&url=${U}&tag=books`,
      whatsapp: `https://wa.me/?text=${inText}%20${U}`,
      telegram: `https://t.me/share/url?url=${U}&text=${inText}`,
      bluesky: `https://bsky.app/intent/compose?text=${inText}%20${U}`,
    };
    for (const [network, href] of Object.entries(hrefs)) {
      await expect(shareButton(page, network), network).toHaveAttribute('href', href);
    }
    await shareButton(page, 'mastodon').click();
    await expect(page.locator('sharelock-share .picker a'))
      .toHaveAttribute('href', `https://share.joinmastodon.org/#text=${inText}%20${U}`);
  });
});

test.describe('post length', () => {
  test('a text longer than X\'s limit is shortened at a word boundary with "…" and the URL kept', async ({ page }) => {
    // 30 words of 9 characters: 299 characters. X links no host without a
    // real top-level domain, so it counts the URL's 37 characters and the
    // space before it, which leaves 242 for the text and "…" (which weighs
    // 2); the longest run of whole words that fits is 24 (239 characters).
    const long = Array(30).fill('sharelock').join(' ');
    await openTestPage(page, { name: 'x-long', html: barPage({ networks: 'x', url: PAGE_URL, text: long }) });
    const expected = `https://x.com/intent/tweet?text=${Array(24).fill('sharelock').join('%20')}%E2%80%A6&url=${U}`;
    const popup = await clickForPopup(page, shareButton(page, 'x'));
    expect(popup.url()).toBe(expected);
    const text = new URL(popup.url()).searchParams.get('text') ?? '';
    // X's own count of the post it will show.
    expect(twitterText.parseTweet(`${text} ${PAGE_URL}`, twitterText.configs.version3).weightedLength).toBeLessThanOrEqual(280);
  });

  test('a text longer than Bluesky\'s 300 graphemes is shortened the same way, the URL kept whole', async ({ page }) => {
    // 40 words: 399 characters. The URL (37) and a space leave 262 for the
    // text and "…": 26 words (259 characters).
    const long = Array(40).fill('sharelock').join(' ');
    await openTestPage(page, { name: 'bsky-long', html: barPage({ networks: 'bluesky', url: PAGE_URL, text: long }) });
    await expect(shareButton(page, 'bluesky')).toHaveAttribute('href',
      `https://bsky.app/intent/compose?text=${Array(26).fill('sharelock').join('%20')}%E2%80%A6%20${U}`);
  });

  test('a text that fits is left alone', async ({ page }) => {
    await openTestPage(page, { name: 'x-short', html: barPage({ networks: 'x', url: PAGE_URL, text: TEXT }) });
    await expect(shareButton(page, 'x')).toHaveAttribute('href', EXPECTED.x);
  });
});

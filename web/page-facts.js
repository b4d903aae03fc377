import { analyticsSeed } from './analytics.js';

// What the core needs to know about the page to choose defaults. Reading
// only: the choice itself (canonical over location, og:title over title,
// which tracking parameters to drop) is made in the core.

function metaContent(property) {
  return document.querySelector(`meta[property="${property}"], meta[name="${property}"]`)
    ?.getAttribute('content') ?? '';
}

// Page facts are as untrusted as attributes, and a hostile page could hand
// over megabytes; nothing legitimate is longer than this.
const MAX_FACT_LENGTH = 4096;

const bounded = (text) => (text.length > MAX_FACT_LENGTH ? text.slice(0, MAX_FACT_LENGTH) : text);

// The document's facts are the same for every widget rendered in one batch
// (when the core becomes ready, every waiting widget renders in the same
// microtask checkpoint; a page of 200 would otherwise query the head 200
// times). They are read afresh once that batch is over.
let documentFacts = null;

function readDocumentFacts() {
  if (!documentFacts) {
    const canonical = document.querySelector('link[rel~="canonical"]');
    documentFacts = {
      url: bounded(location.href),
      // The `href` property resolves the link against the document base.
      canonical: bounded(canonical?.href ?? ''),
      title: bounded(document.title),
      ogTitle: bounded(metaContent('og:title')),
      ogImage: bounded(metaContent('og:image')),
    };
    queueMicrotask(() => { documentFacts = null; });
  }
  return documentFacts;
}

/** @param {Element} element the widget, for the nearest `lang` */
export function pageFacts(element) {
  const refSeed = analyticsSeed();
  return {
    ...readDocumentFacts(),
    ...(refSeed ? { refSeed } : {}),
    lang: bounded(element.parentElement?.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang ?? ''),
  };
}

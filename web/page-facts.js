// What the core needs to know about the page to choose defaults. Reading
// only: the choice itself (canonical over location, og:title over title,
// which tracking parameters to drop) is made in the core.

function metaContent(property) {
  return document.querySelector(`meta[property="${property}"], meta[name="${property}"]`)
    ?.getAttribute('content') ?? '';
}

/** @param {Element} element the widget, for the nearest `lang` */
export function pageFacts(element) {
  const canonical = document.querySelector('link[rel~="canonical"]');
  return {
    url: location.href,
    // The `href` property resolves the link against the document base.
    canonical: canonical?.href ?? '',
    title: document.title,
    ogTitle: metaContent('og:title'),
    ogImage: metaContent('og:image'),
    lang: element.parentElement?.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang ?? '',
  };
}

// The typed values every widget hands the core (types/core.d.ts), built
// from what the shim reads: every field present, every text cleaned
// (core-call.js). Shapes only: what the values mean is the core's to decide.
import { cleanText } from './core-call.js';

/** A string field: cleaned text, or "" for anything that is not a string. */
export const text = (value) => (typeof value === 'string' ? cleanText(value) : '');

/** A number field: the number, or NaN for anything else (the core refuses NaN). */
export const number = (value) => (typeof value === 'number' ? value : Number.NaN);

/** An attribute as the core reads it: present or not, and its text. */
export function attribute(attributes, name) {
  const value = attributes?.[name];
  return typeof value === 'string' ? { present: true, value: cleanText(value) } : { present: false, value: '' };
}

/**
 * The element's attributes ({name: value}, as presentAttributes reads them)
 * as the list the core reads by name.
 * @returns {import('../types/core').Attribute[]}
 */
export function attributeList(attributes) {
  return Object.entries(attributes ?? {})
    .filter(([, value]) => typeof value === 'string')
    .map(([name, value]) => ({ name, value: cleanText(value) }));
}

/** @returns {import('../types/core').PageFacts} */
export function typedPageFacts(page) {
  return {
    url: text(page?.url),
    canonical: text(page?.canonical),
    title: text(page?.title),
    ogTitle: text(page?.ogTitle),
    ogImage: text(page?.ogImage),
    lang: text(page?.lang),
    refSeed: text(page?.refSeed),
  };
}

// The records more than one module's calls take (abi/records.hpp): the one
// error shape, the page's facts, an element's attributes as a list, and
// JSON the shim parsed with JSON.parse, flattened (web/json-document.js).
// Field names are the JS names; types/core.d.ts declares the same shapes.
#pragma once

#include "records.hpp"
#include "sharelock/error.hpp"
#include "sharelock/json_document.hpp"
#include "sharelock/text_fit.hpp"
#include "sharelock/widget_input.hpp"

namespace sharelock::abi {

using std::tuple;

// How a module counts a post's text: by bounds where it is built with
// SHARELOCK_BOUNDED_TEXT (the share bar's small module and the main one:
// no Unicode or top-level-domain tables in them), exactly elsewhere
// (core/include/sharelock/text_fit.hpp). A bounded answer that cannot
// settle a text says so (`textUndecided`), and the shim asks a module
// that counts exactly.
inline TextFitter module_text_fitter() {
#if SHARELOCK_BOUNDED_TEXT
  return TextFitter::bounded();
#else
  return TextFitter::exact();
#endif
}

template <>
struct Fields<Error> {
  static constexpr const char* name = "Error";
  static constexpr auto list = tuple{field("code", &Error::code), field("attribute", &Error::attribute),
                                     field("message", &Error::message)};
};

template <>
struct Fields<PageFacts> {
  using P = PageFacts;
  static constexpr const char* name = "PageFacts";
  static constexpr auto list =
      tuple{field("url", &P::url),         field("canonical", &P::canonical), field("title", &P::title),
            field("ogTitle", &P::og_title), field("ogImage", &P::og_image),   field("lang", &P::lang),
            field("refSeed", &P::ref_seed)};
};

template <>
struct Fields<Attribute> {
  static constexpr const char* name = "Attribute";
  static constexpr auto list = tuple{field("name", &Attribute::name), field("value", &Attribute::value)};
};

template <>
struct Fields<JsonNode> {
  using N = JsonNode;
  static constexpr const char* name = "JsonNode";
  static constexpr auto list = tuple{field("key", &N::key), field("kind", &N::kind), field("number", &N::number),
                                     field("text", &N::text), field("end", &N::end)};
};

template <>
struct Fields<JsonDocument> {
  static constexpr const char* name = "JsonDocument";
  static constexpr auto list = tuple{field("valid", &JsonDocument::valid), field("nodes", &JsonDocument::nodes)};
};

}  // namespace sharelock::abi

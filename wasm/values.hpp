// What every module's typed values share: the one error shape, and lists.
// JS sees value objects as plain objects with camelCase fields, and lists as
// plain arrays of them: register_vector would hand JS class handles to
// delete(), and its class machinery (glue and RTTI) cost the share bar's
// page 4.2 KB brotli. types/core.d.ts declares every shape;
// tests/js/core-types.test.mjs holds the two together.
#pragma once

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstddef>
#include <vector>

#include "sharelock/error.hpp"
#include "sharelock/json_document.hpp"
#include "sharelock/widget_input.hpp"

namespace sharelock::bindings {

// A list of registered values, as a JS array of plain objects.
template <typename T>
emscripten::val list_of(const std::vector<T>& items) {
  emscripten::val list = emscripten::val::array();
  for (std::size_t i = 0; i < items.size(); ++i) list.set(i, items[i]);
  return list;
}

// A list field of a value that only ever goes to JS: Embind's value_object
// wants a setter for every field, and JS never hands such a value back.
template <typename Value, typename T, std::vector<T> Value::*member>
void register_list_field(emscripten::value_object<Value>& object, const char* name) {
  object.field(
      name, +[](const Value& value) { return list_of(value.*member); },
      +[](Value&, emscripten::val) {});
}

// A list field of a value that JS also hands in: the plain array becomes
// the vector (each element converted as its registered value).
template <typename Value, typename T, std::vector<T> Value::*member>
void register_list_field_both_ways(emscripten::value_object<Value>& object, const char* name) {
  object.field(
      name, +[](const Value& value) { return list_of(value.*member); },
      +[](Value& value, emscripten::val list) { value.*member = emscripten::vecFromJSArray<T>(list); });
}

// JSON read or written by the core, as web/json-document.js flattens it.
inline void register_json_document() {
  emscripten::value_object<JsonNode>("JsonNode")
      .field("key", &JsonNode::key)
      .field("kind", &JsonNode::kind)
      .field("number", &JsonNode::number)
      .field("text", &JsonNode::text)
      .field("end", &JsonNode::end);
  emscripten::value_object<JsonDocument> document("JsonDocument");
  document.field("valid", &JsonDocument::valid);
  register_list_field_both_ways<JsonDocument, JsonNode, &JsonDocument::nodes>(document, "nodes");
}

// An element's attributes as a list (sharelock/widget_input.hpp).
inline void register_attribute() {
  emscripten::value_object<Attribute>("Attribute")
      .field("name", &Attribute::name)
      .field("value", &Attribute::value);
}

// What the shim reads from the document, for every widget that takes it.
inline void register_page_facts() {
  emscripten::value_object<PageFacts>("PageFacts")
      .field("url", &PageFacts::url)
      .field("canonical", &PageFacts::canonical)
      .field("title", &PageFacts::title)
      .field("ogTitle", &PageFacts::og_title)
      .field("ogImage", &PageFacts::og_image)
      .field("lang", &PageFacts::lang)
      .field("refSeed", &PageFacts::ref_seed);
}

// The one error shape of every call, in every module (the C ABI's calls
// name the same fields: share_abi.cpp).
inline void register_error() {
  emscripten::value_object<Error>("Error")
      .field("code", &Error::code)
      .field("attribute", &Error::attribute)
      .field("message", &Error::message);
}

}  // namespace sharelock::bindings

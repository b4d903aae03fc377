// JSON text ↔ JsonDocument for the tests, flattened exactly as the shim's
// web/json-document.js does (tests/js/json-document.test.mjs holds that one
// to the same shapes), so a test can hand the core the document of a
// record or a feed body written as text, and read back what it writes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sharelock/json_document.hpp"

namespace sharelock::testing {

inline void flatten_json(const nlohmann::json& value, const std::string& key, JsonDocument& document) {
  const auto index = document.nodes.size();
  JsonNode node{key, "null", 0, "", 0};
  if (value.is_boolean()) node = {key, "boolean", value.get<bool>() ? 1.0 : 0.0, "", 0};
  if (value.is_number()) node = {key, "number", value.get<double>(), "", 0};
  if (value.is_string()) node = {key, "string", 0, value.get<std::string>(), 0};
  if (value.is_array()) node.kind = "array";
  if (value.is_object()) node.kind = "object";
  document.nodes.push_back(node);
  if (value.is_array()) {
    for (const auto& element : value) flatten_json(element, "", document);
  } else if (value.is_object()) {
    for (const auto& [member, child] : value.items()) flatten_json(child, member, document);
  }
  document.nodes[index].end = static_cast<std::int32_t>(document.nodes.size());
}

// The document of `text`; not valid when it is not JSON. (nlohmann sorts an
// object's members by name where JSON.parse keeps their order: the core
// never depends on the order it reads.)
inline JsonDocument json_document(std::string_view text) {
  JsonDocument document;
  const auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_discarded()) return document;
  document.valid = true;
  flatten_json(parsed, "", document);
  return document;
}

inline nlohmann::json json_value(const JsonDocument& document, std::size_t index = 0) {
  const JsonNode& node = document.nodes.at(index);
  if (node.kind == "string") return node.text;
  if (node.kind == "boolean") return node.number != 0;
  if (node.kind == "null") return nullptr;
  if (node.kind == "number") {
    const auto whole = static_cast<std::int64_t>(node.number);
    if (static_cast<double>(whole) == node.number) return whole;
    return node.number;
  }
  nlohmann::json result = node.kind == "array" ? nlohmann::json::array() : nlohmann::json::object();
  for (auto child = index + 1; child < static_cast<std::size_t>(node.end);
       child = static_cast<std::size_t>(document.nodes[child].end)) {
    if (node.kind == "array") {
      result.push_back(json_value(document, child));
    } else {
      result[document.nodes[child].key] = json_value(document, child);
    }
  }
  return result;
}

// The text JSON.stringify writes for a document the core built (member order kept).
inline std::string json_text(const JsonDocument& document) {
  if (!document.valid || document.nodes.empty()) return "";
  nlohmann::ordered_json ordered = nlohmann::ordered_json::parse(json_value(document).dump());
  // json_value sorts members; rebuild flat objects in the written order.
  if (document.nodes[0].kind == "object") {
    ordered = nlohmann::ordered_json::object();
    for (std::size_t child = 1; child < document.nodes.size();
         child = static_cast<std::size_t>(document.nodes[child].end)) {
      ordered[document.nodes[child].key] = nlohmann::ordered_json::parse(json_value(document, child).dump());
    }
  }
  return ordered.dump();
}

}  // namespace sharelock::testing

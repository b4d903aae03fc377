// JSON text ↔ JsonDocument for the tests, flattened exactly as the shim's
// web/json-document.js does (tests/js/json-document.test.mjs holds that one
// to the same shapes), so a test can hand the core the document of a
// record or a feed body written as text, and read back what it writes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sharelock/json_document.hpp"

namespace sharelock::testing {

// Iterative, as the shim's flattening is: a hostile feed nests 300,000
// deep, which would overflow the stack of a recursive walk.
inline void flatten_json(const nlohmann::json& root, const std::string& root_key, JsonDocument& document) {
  struct Pending {
    std::string key;
    const nlohmann::json* value;
    std::size_t parent;  // index of the parent node, or npos for the root
  };
  std::vector<Pending> pending{{root_key, &root, std::string::npos}};
  std::vector<std::size_t> open;  // containers whose end is not yet known
  const auto close_until = [&](std::size_t parent) {
    while (!open.empty() && open.back() != parent) {
      document.nodes[open.back()].end = static_cast<std::int32_t>(document.nodes.size());
      open.pop_back();
    }
  };
  while (!pending.empty()) {
    const Pending next = std::move(pending.back());
    pending.pop_back();
    close_until(next.parent);
    const nlohmann::json& value = *next.value;
    const auto index = document.nodes.size();
    JsonNode node{next.key, "null", 0, "", static_cast<std::int32_t>(index + 1)};
    if (value.is_boolean()) node = {next.key, "boolean", value.get<bool>() ? 1.0 : 0.0, "", node.end};
    if (value.is_number()) node = {next.key, "number", value.get<double>(), "", node.end};
    if (value.is_string()) node = {next.key, "string", 0, value.get<std::string>(), node.end};
    if (value.is_array()) node.kind = "array";
    if (value.is_object()) node.kind = "object";
    document.nodes.push_back(node);
    if (!value.is_array() && !value.is_object()) continue;
    open.push_back(index);
    std::vector<Pending> children;
    for (const auto& [member, child] : value.items()) children.push_back({value.is_object() ? member : "", &child, index});
    pending.insert(pending.end(), std::make_move_iterator(children.rbegin()), std::make_move_iterator(children.rend()));
  }
  close_until(std::string::npos);
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

// JSON the browser's core reads or writes — records kept in the shopper's
// storage, feed bodies, the verification server's answers — never crosses
// the boundary as text. The shim parses it with JSON.parse and hands the
// core a JsonDocument: the value's tree, flattened depth first into typed
// nodes (web/json-document.js); the core writes a document the same way and
// the shim turns it into text with JSON.stringify. So the browser's module
// holds no JSON parser or writer at all (docs/ABI.md has the measurement),
// and every rule about what the JSON means stays here in the core.
#pragma once

#include <cstddef>
#include <utility>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sharelock {

// One value of the tree. A node's descendants follow it directly; `end` is
// the index one past its last descendant, so a subtree is a range.
struct JsonNode {
  std::string key;   // its member name in the parent object ("" in an array and at the root)
  std::string kind;  // "null", "boolean", "number", "string", "array" or "object"
  double number = 0;  // a number's value; 1 or 0 for a boolean
  std::string text;   // a string's value
  std::int32_t end = 0;

  friend bool operator==(const JsonNode&, const JsonNode&) = default;
};

struct JsonDocument {
  bool valid = false;           // false: no text, or text that is not JSON
  std::vector<JsonNode> nodes;  // nodes[0] is the root when valid

  friend bool operator==(const JsonDocument&, const JsonDocument&) = default;
};

// Read-only access to one node of a document (or to nothing: a member that
// is absent, a document that is not valid), so lookups chain without checks.
class JsonView {
 public:
  explicit JsonView(const JsonDocument& document);

  bool exists() const { return node_ != nullptr; }
  bool is(std::string_view kind) const { return node_ != nullptr && node_->kind == kind; }
  bool is_null() const { return is("null"); }
  bool is_object() const { return is("object"); }
  bool is_array() const { return is("array"); }

  // The member `key` of an object (the last one, as JSON.parse keeps).
  JsonView operator[](std::string_view key) const;
  // The elements of an array, or the members of an object, in order.
  std::vector<JsonView> children() const;
  std::size_t size() const;  // how many children

  std::optional<std::string_view> string() const;
  // A string's value, or "" for anything else (absent, another kind): for
  // members where an empty string and none mean the same.
  std::string_view text() const;
  std::optional<bool> boolean() const;
  std::optional<double> number() const;
  // A whole number within ±2^53 (exact in a JavaScript number), else nothing.
  std::optional<std::int64_t> whole_number() const;
  // An instant or a span in milliseconds, as records and answers keep
  // them: a whole number within a JavaScript Date's range (±8.64e15), so
  // adding a duration to it cannot overflow; else nothing.
  std::optional<std::int64_t> millis() const;
  std::string_view key() const;

 private:
  JsonView(const JsonDocument* document, std::size_t index, std::size_t limit);
  std::size_t end() const;  // one past the last node of this subtree
  template <typename Visit>
  void for_each_child(Visit&& visit) const;  // visit(JsonView) for each child node, within this one
  const JsonDocument* document_ = nullptr;
  const JsonNode* node_ = nullptr;
  std::size_t index_ = 0;
  // One past the last node this view may reach: its parent's end, so a
  // subtree never reaches past the one that holds it, whatever `end` says.
  std::size_t limit_ = 0;
};

// Builds a document to write: one flat object of members in the order
// added, which JSON.stringify writes as {"key":value,...}.
class JsonObjectWriter {
 public:
  JsonObjectWriter();
  JsonObjectWriter& add_string(std::string key, std::string_view text);
  JsonObjectWriter& add_number(std::string key, std::int64_t number);
  JsonObjectWriter& add_boolean(std::string key, bool value);
  JsonObjectWriter& add_null(std::string key);
  JsonDocument done();  // the writer is spent after this

 private:
  JsonDocument document_;
};

}  // namespace sharelock

#include "sharelock/json_document.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "sharelock/civil_time.hpp"

namespace sharelock {

namespace {

// 2^53: beyond it a JavaScript number no longer holds every whole number.
constexpr double kMaxExactWhole = 9007199254740992.0;

// A node's `end` from JavaScript is untrusted: kept past the node itself
// and within `limit` (its parent's end), so a walk always moves forward,
// stays inside, and reaches every node from one parent only.
std::size_t end_of(const JsonDocument& document, std::size_t index, std::size_t limit) {
  const auto end = document.nodes[index].end;
  if (end <= 0 || static_cast<std::size_t>(end) <= index) return index + 1;
  return std::min(static_cast<std::size_t>(end), limit);
}

}  // namespace

JsonView::JsonView(const JsonDocument& document)
    : JsonView(document.valid && !document.nodes.empty() ? &document : nullptr, 0, document.nodes.size()) {}

JsonView::JsonView(const JsonDocument* document, std::size_t index, std::size_t limit)
    : document_(document),
      node_(document != nullptr && index < limit && limit <= document->nodes.size() ? &document->nodes[index]
                                                                                     : nullptr),
      index_(index),
      limit_(limit) {}

std::size_t JsonView::end() const { return end_of(*document_, index_, limit_); }

template <typename Visit>
void JsonView::for_each_child(Visit&& visit) const {
  if (!is_object() && !is_array()) return;
  const std::size_t end = this->end();
  for (std::size_t child = index_ + 1; child < end; child = end_of(*document_, child, end)) {
    visit(JsonView(document_, child, end));
  }
}

std::vector<JsonView> JsonView::children() const {
  std::vector<JsonView> result;
  for_each_child([&](const JsonView& child) { result.push_back(child); });
  return result;
}

std::size_t JsonView::size() const {
  std::size_t count = 0;
  for_each_child([&](const JsonView&) { ++count; });
  return count;
}

// A walk over the members, with no copy: a record's handful of lookups
// cost no allocation. The last member of a repeated name wins.
JsonView JsonView::operator[](std::string_view key) const {
  JsonView found(nullptr, 0, 0);
  if (is_object()) {
    for_each_child([&](const JsonView& child) {
      if (child.key() == key) found = child;
    });
  }
  return found;
}

std::optional<std::string_view> JsonView::string() const {
  if (!is("string")) return std::nullopt;
  return std::string_view(node_->text);
}

std::optional<bool> JsonView::boolean() const {
  if (!is("boolean")) return std::nullopt;
  return node_->number != 0;
}

std::optional<double> JsonView::number() const {
  if (!is("number") || !std::isfinite(node_->number)) return std::nullopt;
  return node_->number;
}

std::optional<std::int64_t> JsonView::whole_number() const {
  const auto value = number();
  if (!value || std::trunc(*value) != *value || std::fabs(*value) > kMaxExactWhole) return std::nullopt;
  return static_cast<std::int64_t>(*value);
}

std::optional<std::int64_t> JsonView::millis() const {
  const auto value = whole_number();
  if (!value || *value < -civil::kMaxDateMillis || *value > civil::kMaxDateMillis) return std::nullopt;
  return value;
}

std::string_view JsonView::text() const { return string().value_or(""); }

std::string_view JsonView::key() const { return node_ != nullptr ? std::string_view(node_->key) : ""; }

JsonObjectWriter::JsonObjectWriter() {
  document_.valid = true;
  document_.nodes.push_back({"", "object", 0, "", 1});
}

JsonObjectWriter& JsonObjectWriter::add_string(std::string key, std::string_view text) {
  document_.nodes.push_back({std::move(key), "string", 0, std::string(text), 0});
  return *this;
}

JsonObjectWriter& JsonObjectWriter::add_number(std::string key, std::int64_t number) {
  document_.nodes.push_back({std::move(key), "number", static_cast<double>(number), "", 0});
  return *this;
}

JsonObjectWriter& JsonObjectWriter::add_boolean(std::string key, bool value) {
  document_.nodes.push_back({std::move(key), "boolean", value ? 1.0 : 0.0, "", 0});
  return *this;
}

JsonObjectWriter& JsonObjectWriter::add_null(std::string key) {
  document_.nodes.push_back({std::move(key), "null", 0, "", 0});
  return *this;
}

JsonDocument JsonObjectWriter::done() {
  const auto count = static_cast<std::int32_t>(document_.nodes.size());
  for (std::int32_t i = 0; i < count; ++i) document_.nodes[static_cast<std::size_t>(i)].end = i == 0 ? count : i + 1;
  return std::move(document_);
}

}  // namespace sharelock

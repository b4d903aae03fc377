// The countdown's typed request and answers, written as JSON for the tests:
// requests read as the shim's objects are built (web/countdown-calls.js: a
// non-string attribute is an absent one, a non-number is NaN, a stored value
// is the document of its text), and the answers compare field by field in
// the shapes the JSON boundary had, so the cases written for it still hold.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>

#include "json_document_json.hpp"
#include "sharelock/countdown_widget.hpp"
#include "sharelock/widget_request.hpp"

namespace sharelock::testing {

// What web/core-values.js's number() hands the core.
inline double js_number(const nlohmann::json& object, const char* key) {
  const auto found = object.is_object() ? object.find(key) : object.end();
  return found != object.end() && found->is_number() ? found->get<double>()
                                                      : std::numeric_limits<double>::quiet_NaN();
}

// {"attributes", "page", "now", "zoneKnown", "offsets": {"<ms>": name},
// "stored": {key: text | null}}, as the JSON boundary took it.
inline CountdownRequest countdown_request(const nlohmann::json& request) {
  CountdownRequest typed;
  typed.attributes = attribute_list(object_at(request, "attributes"));
  typed.page = page_facts(object_at(request, "page"));
  typed.now = js_number(request, "now");
  const auto known = request.is_object() ? request.find("zoneKnown") : request.end();
  typed.zone_known = known == request.end() || !known->is_boolean() || known->get<bool>();
  for (const auto& [instant, name] : object_at(request, "offsets").items()) {
    std::int64_t at = 0;
    const auto read = std::from_chars(instant.data(), instant.data() + instant.size(), at);
    // Not an instant, or not an answer: the plan asks again.
    if (read.ec != std::errc() || read.ptr != instant.data() + instant.size() || !name.is_string()) continue;
    typed.offsets.push_back({static_cast<double>(at), name.get<std::string>()});
  }
  for (const auto& [key, text] : object_at(request, "stored").items()) {
    typed.stored.push_back({key, text.is_string() ? json_document(text.get<std::string>()) : JsonDocument{}});
  }
  return typed;
}

inline nlohmann::json errors_json(const std::vector<Error>& errors) {
  nlohmann::json list = nlohmann::json::array();
  for (const Error& e : errors) list.push_back({{"code", e.code}, {"attribute", e.attribute}, {"message", e.message}});
  return list;
}

// The plan as the JSON boundary wrote it: {fatal, errors} alone when fatal,
// with {need: {offsets: [ms…], stored: [key…]}} when it asks, else the plan
// (null for no start, stock or stock feed; effects' values as stored text).
inline nlohmann::json plan_json(const CountdownPlan& plan) {
  nlohmann::json out = {{"fatal", plan.fatal}, {"errors", errors_json(plan.errors)}};
  if (plan.fatal) return out;
  if (plan.needs_more) {
    nlohmann::json offsets = nlohmann::json::array();
    for (double instant : plan.need.offsets) offsets.push_back(static_cast<std::int64_t>(instant));
    out["need"] = {{"offsets", offsets}, {"stored", plan.need.stored}};
    return out;
  }
  nlohmann::json effects = nlohmann::json::array();
  for (const CountdownEffect& effect : plan.effects) {
    effects.push_back({{"type", effect.type}, {"key", effect.key}, {"value", json_text(effect.value)}});
  }
  const auto or_null = [](const std::string& text) { return text.empty() ? nlohmann::json() : nlohmann::json(text); };
  out.update({{"kind", plan.kind}, {"endsAt", static_cast<std::int64_t>(plan.ends_at)},
              {"opensAt", std::isnan(plan.opens_at) ? nlohmann::json() : nlohmann::json(static_cast<std::int64_t>(plan.opens_at))},
              {"rolls", plan.rolls}, {"format", plan.format}, {"onEnd", plan.on_end}, {"pay", plan.pay},
              {"lang", plan.lang},
              {"messages", {{"endsIn", plan.messages.ends_in}, {"opensIn", plan.messages.opens_in},
                            {"ended", plan.messages.ended}}},
              {"stock", or_null(plan.stock)}, {"stockSrc", or_null(plan.stock_src)}, {"effects", effects}});
  if (!plan.zone.empty()) out["zone"] = plan.zone;
  if (!plan.evergreen_key.empty()) out["keys"] = {{"evergreen", plan.evergreen_key}};
  return out;
}

inline nlohmann::json plan_countdown_json(const nlohmann::json& request) {
  return plan_json(plan_countdown(countdown_request(request)));
}

// {"ok", "text"} or {"ok": false, "code", "attribute", "message"}.
inline nlohmann::json stock_json(const StockFeedResult& stock) {
  if (stock.ok) return {{"ok", true}, {"text", stock.text}};
  return {{"ok", false}, {"code", stock.error.code}, {"attribute", stock.error.attribute},
          {"message", stock.error.message}};
}

// {"sentAt", "receivedAt", "date", "age"}, as core-client.js's sample.
inline ClockSample clock_sample(const nlohmann::json& sample) {
  return {js_number(sample, "sentAt"), js_number(sample, "receivedAt"), string_at(sample, "date"),
          js_number(sample, "age")};
}

}  // namespace sharelock::testing

// <sharelock-proof>'s typed requests and answers, written as JSON for the
// tests. Requests are read as web/proof-calls.js builds them from the
// shim's objects (a string field that is not a string is "", a number
// that is not a number NaN, the feed body and the stored record parsed
// into JsonDocuments and the body measured); answers come back in the
// shape the JSON calls had, with the members that only a shown count or
// recent activity fills left out otherwise, so the tests still say what
// each answer holds.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "json_document_json.hpp"
#include "sharelock/proof_feed.hpp"
#include "sharelock/proof_widget.hpp"
#include "sharelock/widget_request.hpp"

namespace sharelock::testing {

// A number field as the wrapper hands it (core-values.js `number`).
inline double number_in(const nlohmann::json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_number()) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  return object[key].get<double>();
}

// The feed as the shim reads it: fetchFeedText stops one byte past the
// core's 1 MiB (web/feed.js FEED_MAX_BYTES), JSON.parse reads the text,
// and its UTF-8 length goes with it.
struct FeedBody {
  JsonDocument document;
  std::size_t bytes;
};

inline FeedBody feed_body(std::string_view text) {
  const std::string_view read = text.substr(0, std::min(text.size(), proof::kMaxFeedBytes + 1));
  return {json_document(read), read.size()};
}

inline Result<proof::Feed> parse_feed_text(std::string_view text, std::int64_t now) {
  const FeedBody body = feed_body(text);
  return proof::parse_feed(body.document, body.bytes, now);
}

inline ProofRequest proof_request(const nlohmann::json& request) {
  ProofRequest typed;
  typed.attributes = attribute_list(object_at(request, "attributes"));
  typed.page = page_facts(object_at(request, "page"));
  typed.now = number_in(request, "now");
  typed.has_body = request.is_object() && request.contains("body");
  if (typed.has_body) {
    // Not a string: no text to parse (jsonDocument gives {valid: false}).
    const FeedBody body = feed_body(string_at(request, "body"));
    if (request["body"].is_string()) typed.body = body.document;
    typed.body_bytes = static_cast<double>(body.bytes);
  }
  return typed;
}

inline nlohmann::json proof_json(const ProofView& view) {
  const auto whole = [](double value) { return static_cast<std::int64_t>(value); };
  // 0 is the typed view's "none", which the JSON answers wrote as null.
  const auto millis_or_null = [&](double millis) { return millis != 0 ? nlohmann::json(whole(millis)) : nlohmann::json(); };
  nlohmann::json answer = {{"fatal", view.fatal}, {"errors", view.errors}};
  if (!view.need.fetch.empty()) {
    answer["need"] = {{"fetch", view.need.fetch},
                      {"credentials", view.need.credentials},
                      {"referrerPolicy", view.need.referrer_policy},
                      {"attribute", view.need.attribute},
                      {"refreshAfter", millis_or_null(view.need.refresh_after)}};
  }
  // A fatal answer or a fetch to make describes nothing else: the rest is
  // left out, unless the core filled it in anyway (which the tests catch).
  if ((view.fatal || !view.need.fetch.empty()) && view.kind.empty() && !view.show) return answer;
  answer["lang"] = view.lang;
  answer["kind"] = view.kind;
  answer["show"] = view.show;
  answer["expiresAt"] = millis_or_null(view.expires_at);
  answer["refreshAfter"] = millis_or_null(view.refresh_after);
  // Only a shown count has a number and a sentence.
  if (view.kind == "count" && view.show) answer["count"] = whole(view.count);
  if ((view.kind == "count" && view.show) || !view.text.empty()) answer["text"] = view.text;
  // Only recent activity has toasts.
  if (view.kind == "recent" || !view.toasts.empty()) {
    nlohmann::json toasts = nlohmann::json::array();
    for (const ProofToast& toast : view.toasts) {
      toasts.push_back({{"type", toast.type}, {"name", toast.name}, {"place", toast.place}, {"at", whole(toast.at)}});
    }
    const ProofToastSettings& t = view.toast;
    answer["toasts"] = toasts;
    answer["toast"] = {{"position", t.position}, {"avoid", t.avoid}, {"duration", whole(t.duration)},
                       {"interval", whole(t.interval)}, {"window", whole(t.window)}, {"gateKey", t.gate_key},
                       {"limit", whole(t.limit)}, {"snooze", whole(t.snooze)}};
    answer["messages"] = {{"region", view.messages.region}, {"dismiss", view.messages.dismiss}};
  }
  return answer;
}

inline ProofToastTextRequest toast_text_request(const nlohmann::json& request) {
  return {string_at(request, "type"), string_at(request, "name"),  string_at(request, "place"),
          number_in(request, "at"),   number_in(request, "now"),   string_at(request, "lang"),
          number_in(request, "window")};
}

inline nlohmann::json toast_text_json(const ProofToastText& text) {
  return {{"text", text.text}, {"expired", text.expired}};
}

// `stored` is the text kept on the device (anything else: no record).
inline ProofToastGateRequest toast_gate_request(const nlohmann::json& request) {
  const bool stored = request.is_object() && request.contains("stored") && request["stored"].is_string();
  return {stored ? json_document(request["stored"].get<std::string>()) : JsonDocument{},
          number_in(request, "now"), number_in(request, "limit"), number_in(request, "snooze"),
          string_at(request, "action")};
}

// {"allow", "store"}: the record as the shim stores it, as text.
inline nlohmann::json toast_gate_json(const ProofToastGate& gate) {
  return {{"allow", gate.allow}, {"store", json_text(gate.store)}};
}

}  // namespace sharelock::testing

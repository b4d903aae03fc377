// Verified pay's typed calls, driven with the JSON requests and read back
// as the JSON answers they had before the typed boundary, so the test cases
// (and the fuzz target's corpus) written in that form keep running: each
// request is read as web/verified-calls.js builds it (a non-string
// attribute is an absent one, a record's text becomes its JsonDocument, the
// state record's context is parsed as its own document), and each answer
// is written back field by field with the names the shim sees.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "json_document_json.hpp"
#include "sharelock/oauth_state.hpp"
#include "sharelock/verified_pay.hpp"
#include "sharelock/widget_request.hpp"

namespace sharelock::testing {

inline double number_at(const nlohmann::json& request, const char* key) {
  if (!request.is_object()) return 0;
  const auto it = request.find(key);
  return it != request.end() && it->is_number() ? it->get<double>() : 0;
}

inline nlohmann::json error_json(const Error& error) { return {{"code", error.code}, {"message", error.message}}; }

inline nlohmann::json fatal_json(const std::vector<Error>& errors) { return {{"fatal", true}, {"errors", errors}}; }

inline std::string dump_answer(const nlohmann::json& answer) {
  return answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The state record's context, parsed as the shim parses it.
inline JsonDocument stored_context(std::string_view record) {
  const auto parsed = nlohmann::json::parse(record, nullptr, false);
  return json_document(string_at(parsed, "context"));
}

inline VerifiedView describe_typed(const nlohmann::json& request) {
  return sharelock::describe_verified({attribute_list(object_at(request, "attributes")),
                                       page_facts(object_at(request, "page")), string_at(request, "mastodonHost"),
                                       number_at(request, "now"),
                                       json_document(string_at(object_at(request, "stored"), "token"))});
}

inline std::string describe_verified(std::string_view request_json) {
  const VerifiedView view = describe_typed(nlohmann::json::parse(request_json, nullptr, false));
  if (view.fatal) return dump_answer(fatal_json(view.errors));
  const VerifiedMessages& m = view.messages;
  const nlohmann::json messages = {
      {"title", m.title},           {"button", m.button},           {"editLabel", m.edit_label},
      {"hint", m.hint},             {"counter", m.counter},         {"redirecting", m.redirecting},
      {"publishing", m.publishing}, {"loading", m.loading},         {"denied", m.denied},
      {"failed", m.failed},         {"unreachable", m.unreachable}, {"expired", m.expired},
      {"retry", m.retry},           {"hostLabel", m.host_label},    {"hostMissing", m.host_missing},
      {"rejected", m.rejected},     {"unlocked", m.unlocked},       {"copyCode", m.copy_code},
      {"codeCopied", m.code_copied}, {"copyFailed", m.copy_failed}};
  return dump_answer({{"fatal", false},
                      {"errors", view.errors},
                      {"item", view.item},
                      {"lang", view.lang},
                      {"network", view.network},
                      {"mastodonHost", view.mastodon_host},
                      {"server", view.server},
                      {"postText", view.post_text},
                      {"keys", {{"token", view.token_key}}},
                      {"token", view.token},
                      {"messages", messages}});
}

inline std::string check_verified_post(std::string_view request_json) {
  const auto request = nlohmann::json::parse(request_json, nullptr, false);
  const VerifiedPostCheck check = sharelock::check_verified_post(
      {attribute_list(object_at(request, "attributes")), page_facts(object_at(request, "page")),
       string_at(request, "mastodonHost"), string_at(request, "text")});
  if (check.fatal) return dump_answer(fatal_json(check.errors));
  return dump_answer({{"fatal", false},
                      {"length", check.length},
                      {"limit", check.limit},
                      {"fits", check.fits},
                      {"problem", check.problem},
                      {"message", check.message}});
}

inline VerifiedBegin begin_typed(const nlohmann::json& request) {
  const auto client = request.is_object() ? request.find("client") : request.end();
  return sharelock::begin_verified({attribute_list(object_at(request, "attributes")),
                                    page_facts(object_at(request, "page")), string_at(request, "mastodonHost"),
                                    number_at(request, "now"), string_at(request, "random"),
                                    string_at(request, "text"), number_at(request, "clientStatus"),
                                    json_document(client != request.end() ? client->dump() : std::string())});
}

inline std::string begin_verified(std::string_view request_json) {
  const VerifiedBegin begin = begin_typed(nlohmann::json::parse(request_json, nullptr, false));
  if (begin.fatal) return dump_answer(fatal_json(begin.errors));
  return dump_answer({{"fatal", false},
                      {"errors", begin.errors},
                      {"storageKey", begin.storage_key},
                      {"record", json_text(begin.record)},
                      {"authorizeUrl", begin.authorize_url}});
}

inline VerifiedCallback accept_typed(const nlohmann::json& request) {
  const std::string stored = string_at(request, "stored");
  return sharelock::accept_verified_callback({string_at(request, "query"), string_at(request, "page"),
                                              number_at(request, "now"), !stored.empty(), json_document(stored),
                                              stored_context(stored)});
}

// Fields as the JSON answer had them: none but the outcome for "none", the
// flow's once its state was accepted, the code for an exchange.
inline std::string accept_verified_callback(std::string_view request_json) {
  const VerifiedCallback callback = accept_typed(nlohmann::json::parse(request_json, nullptr, false));
  nlohmann::json answer = {{"outcome", callback.outcome}};
  if (!callback.error.code.empty()) answer["error"] = error_json(callback.error);
  if (callback.consumed_record.valid) {
    answer["consumedRecord"] = json_text(callback.consumed_record);
    answer["item"] = callback.item;
    answer["returnPath"] = callback.return_path;
    answer["server"] = callback.server;
    answer["network"] = callback.network;
    answer["host"] = callback.host;
    answer["text"] = callback.text;
  }
  if (callback.outcome == "exchange") {
    answer["code"] = callback.code;
    answer["codeVerifier"] = callback.code_verifier;
  }
  return dump_answer(answer);
}

inline UnlockRead unlock_typed(const nlohmann::json& request) {
  return sharelock::read_unlock_response({string_at(request, "item"), number_at(request, "now"),
                                          number_at(request, "status"),
                                          json_document(string_at(request, "body"))});
}

// {"ok": false, "error"} (and "tokenRecord": "" to forget the stored
// token), or the unlock with the token record's text.
inline std::string read_unlock_response(std::string_view request_json) {
  const UnlockRead read = unlock_typed(nlohmann::json::parse(request_json, nullptr, false));
  if (!read.ok) {
    nlohmann::json answer = {{"ok", false}, {"error", error_json(read.error)}};
    if (read.forget_token) answer["tokenRecord"] = "";
    return dump_answer(answer);
  }
  const UnlockContent& c = read.content;
  return dump_answer({{"ok", true},
                      {"tokenKey", read.token_key},
                      {"tokenRecord", json_text(read.token_record)},
                      {"expiresAt", static_cast<std::int64_t>(read.expires_at)},
                      {"content", {{"text", c.text}, {"code", c.code}, {"url", c.url}, {"label", c.label}}}});
}

// oauth_state.hpp with its records as text, as they sit in sessionStorage:
// the tests write and compare the records' exact text.
namespace oauth_text {

using oauth::authorize_url;
using oauth::Binding;
using oauth::Callback;
using oauth::is_safe_return_path;
using oauth::kMaxContextBytes;
using oauth::kStateStorageKey;
using oauth::parse_callback;
using oauth::Provider;

struct PendingState {
  std::string state;
  std::string record;
};

struct AcceptedState {
  std::string item;
  std::string return_path;
  Binding binding;
  std::string consumed_record;
};

inline Result<PendingState> create_state(std::string_view random_bytes, std::string_view item,
                                         std::string_view return_path, std::int64_t now,
                                         std::int64_t lifetime_millis, const Binding& binding = {}) {
  auto pending = oauth::create_state(random_bytes, item, return_path, now, lifetime_millis, binding);
  if (!pending) return pending.error();
  return PendingState{pending.value().state, json_text(pending.value().record)};
}

inline Result<AcceptedState> accept_state(std::string_view stored_record, std::string_view callback_state,
                                          std::int64_t now) {
  auto accepted = oauth::accept_state(json_document(stored_record), callback_state, now);
  if (!accepted) return accepted.error();
  const oauth::AcceptedState& state = accepted.value();
  return AcceptedState{state.item, state.return_path, state.binding, json_text(state.consumed_record)};
}

inline bool is_pending(std::string_view stored_record, std::int64_t now) {
  return oauth::is_pending(json_document(stored_record), now);
}

}  // namespace oauth_text

}  // namespace sharelock::testing

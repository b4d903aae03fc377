// <sharelock-pay>'s typed requests and answers, written as JSON for the
// tests: requests read as the shim builds them (a non-string attribute is an
// absent one; stored records are the documents of their text), answers come
// back with the field names the shim sees, a stored record as its text.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "json_document_json.hpp"
#include "sharelock/pay_widget.hpp"
#include "sharelock/widget_request.hpp"

namespace sharelock::testing {

inline double number_or_nan(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<double>() : std::nan("");
}

inline bool true_at(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

inline PayWidgetInput pay_input(const nlohmann::json& request) {
  return {attribute_list(object_at(request, "attributes")), page_facts(object_at(request, "page")),
          string_at(request, "mastodonHost")};
}

// A record the shim read: its text's document; anything else is absent.
inline JsonDocument stored_record(const nlohmann::json& stored, const char* key) {
  return has_string(stored, key) ? json_document(string_at(stored, key)) : JsonDocument{};
}

inline PayStepRequest pay_step_request(const nlohmann::json& request) {
  const nlohmann::json& state = object_at(request, "state");
  const nlohmann::json& stored = object_at(request, "stored");
  return {pay_input(request),
          number_or_nan(request, "now"),
          string_at(request, "event"),
          {string_at(state, "phase"), number_or_nan(state, "openedAt"), true_at(state, "sameTab"),
           true_at(state, "collapsed"), true_at(state, "closed"), string_at(state, "notice")},
          {stored_record(stored, "unlockLocal"), stored_record(stored, "unlockSession"),
           stored_record(stored, "snoozeLocal"), stored_record(stored, "snoozeSession"),
           stored_record(stored, "pending")}};
}

inline nlohmann::json pay_json(const PayDescription& d) {
  nlohmann::json answer = {{"fatal", d.fatal}, {"errors", d.errors}};
  if (d.fatal) return answer;
  answer["item"] = d.item;
  answer["lang"] = d.lang;
  answer["keys"] = {{"unlock", d.keys.unlock}, {"snooze", d.keys.snooze}, {"pending", d.keys.pending}};
  return answer;
}

inline nlohmann::json pay_json(const PayStep& step) {
  nlohmann::json answer = {{"fatal", step.fatal}, {"errors", step.errors}};
  if (step.fatal) return answer;
  const PayState& s = step.state;
  answer["state"] = {{"phase", s.phase},   {"openedAt", static_cast<std::int64_t>(s.opened_at)},
                     {"sameTab", s.same_tab}, {"collapsed", s.collapsed},
                     {"closed", s.closed}, {"notice", s.notice}};
  answer["effects"] = nlohmann::json::array();
  for (const PayEffect& e : step.effects) {
    answer["effects"].push_back({{"type", e.type}, {"area", e.area}, {"key", e.key}, {"url", e.url},
                                 {"record", json_text(e.record)}, {"focus", e.focus}});
  }
  const PayView& v = step.view;
  const PayMessages& m = v.messages;
  answer["view"] = {{"lang", v.lang}, {"phase", v.phase}, {"collapsed", v.collapsed}, {"closed", v.closed},
                    {"item", v.item}, {"network", v.network}, {"mode", v.mode}, {"href", v.href},
                    {"title", v.title}, {"buttonLabel", v.button_label}, {"hint", v.hint},
                    {"notice", v.notice},
                    {"messages", {{"waiting", m.waiting}, {"cancel", m.cancel}, {"notNow", m.not_now},
                                  {"expand", m.expand}, {"unlocked", m.unlocked}, {"copyCode", m.copy_code},
                                  {"codeCopied", m.code_copied}, {"copyFailed", m.copy_failed},
                                  {"closed", m.closed}, {"newWindow", m.new_window}}}};
  return answer;
}

}  // namespace sharelock::testing

// <sharelock-pay>: "pay with a post". Typed values in and out (docs/ABI.md;
// wasm/pay_fields.hpp lists their fields, types/core.d.ts declares them). The
// widget's whole life is a series of step_pay() calls, one per event the
// shim observes.
#pragma once

#include <string>
#include <vector>

#include "sharelock/error.hpp"
#include "sharelock/json_document.hpp"
#include "sharelock/text_fit.hpp"
#include "sharelock/widget_input.hpp"

namespace sharelock {

// What every call reads: the element's attributes, the page, and the
// shopper's remembered Mastodon server (re-checked here; "" when none).
struct PayWidgetInput {
  Attributes attributes;
  PageFacts page;
  std::string mastodon_host;
};

// The storage keys the shim must read before each step.
struct PayKeys {
  std::string unlock;
  std::string snooze;
  std::string pending;
};

// Validates the configuration. Not fatal: the item, the language and keys.
struct PayDescription {
  bool fatal = false;
  std::vector<Error> errors;
  std::string item;
  std::string lang;
  PayKeys keys;
  // A bounded TextFitter could not settle how the post's text fits:
  // nothing here is to be used; ask again with the exact rules.
  bool text_undecided = false;
};

// With the exact text rules, or with `fitter` (text_fit.hpp).
PayDescription describe_pay(const PayWidgetInput& input);
PayDescription describe_pay(const PayWidgetInput& input, TextFitter& fitter);

// The machine's state as the shim keeps it between steps and hands back:
// untrusted like everything from the page, so an unknown phase or notice
// reads as "locked" or "none".
struct PayState {
  std::string phase;   // "locked", "waiting" or "unlocked"
  double opened_at = 0;  // when the share window opened (ms since the epoch)
  bool same_tab = false;
  bool collapsed = false;
  bool closed = false;
  std::string notice;  // "none", "too-fast" or "cancelled"
};

// The records under PayKeys, as stored (documents of their JSON text; an
// absent record is a document that is not valid).
struct PayStoredRecords {
  JsonDocument unlock_local;
  JsonDocument unlock_session;
  JsonDocument snooze_local;
  JsonDocument snooze_session;
  JsonDocument pending;  // sessionStorage
};

struct PayStepRequest {
  PayWidgetInput widget;
  double now = 0;      // ms since the epoch
  std::string event;   // "init", "click", "popup-opened", … (pay_widget.cpp)
  PayState state;      // the previous step's; ignored at "init"
  PayStoredRecords stored;
};

// One thing for the shim to do, in order: "open-window" or "navigate" to
// `url`, "watch-window", "store" `record` under `key` in `area` ("local" or
// "session"), "remove" `key`, "reveal" (focus: move focus there),
// "announce", "emit-unlock", "emit-cancel".
struct PayEffect {
  std::string type;
  std::string area;
  std::string key;
  std::string url;
  JsonDocument record;
  bool focus = false;
};

struct PayMessages {
  std::string waiting;
  std::string cancel;
  std::string not_now;
  std::string expand;
  std::string unlocked;
  std::string copy_code;
  std::string code_copied;
  std::string copy_failed;
  std::string closed;
  std::string new_window;
};

// What to draw, in the widget's language.
struct PayView {
  std::string lang;
  std::string phase;
  bool collapsed = false;
  bool closed = false;
  std::string item;
  std::string network;
  std::string mode;
  std::string href;
  std::string title;
  std::string button_label;
  std::string hint;
  std::string notice;  // "" when there is none
  PayMessages messages;
};

// Fatal: nothing else is set (the element shows its fallback). Text
// undecided: nothing is set either (as PayDescription's).
struct PayStep {
  bool fatal = false;
  std::vector<Error> errors;
  PayState state;
  std::vector<PayEffect> effects;
  PayView view;
  bool text_undecided = false;
};

PayStep step_pay(const PayStepRequest& request);
PayStep step_pay(const PayStepRequest& request, TextFitter& fitter);

}  // namespace sharelock

// <sharelock-proof>: from the element's attributes, a few facts about the
// page and the feed it reads, to what the shim shows. Typed values both
// ways: the browser's module passes these structs over its C ABI
// (wasm/proof_fields.hpp), the feed and the stored cap record cross as
// JsonDocuments that the shim's JSON.parse produced, so no JSON text is
// parsed or written in the core (docs/ABI.md).
#pragma once

#include <string>
#include <vector>

#include "sharelock/error.hpp"
#include "sharelock/json_document.hpp"
#include "sharelock/widget_input.hpp"

namespace sharelock {

// Times are milliseconds since the epoch, as JavaScript numbers: a time
// that is not a whole number within a Date's range reads as the epoch.
struct ProofRequest {
  Attributes attributes;
  PageFacts page;
  double now = 0;
  // The second step: the feed the first answer asked for (`need`) has been
  // fetched; `body` is its text as the shim parsed it (not valid when the
  // text is not JSON) and `body_bytes` that text's length in UTF-8 bytes,
  // which the 1 MiB limit is about.
  bool has_body = false;
  JsonDocument body;
  double body_bytes = 0;
};

// A feed to fetch before the badge can be described: a `src` on the page's
// own site, or the verification server's count (`server` with `item`).
struct ProofFetch {
  std::string fetch;            // the absolute URL; "" when nothing is to be fetched
  std::string credentials;      // "same-origin" | "omit"
  std::string referrer_policy;  // "strict-origin-when-cross-origin" | "no-referrer"
  std::string attribute;        // "src" | "server": whom a failure is reported on
  double refresh_after = 0;     // a live count is read again after this many ms (0: never)
};

// One event of recent activity, as the toast shows it.
struct ProofToast {
  std::string type;   // "purchase", "signup", "share", "unlock" or "download"
  std::string name;   // a first name, or ""
  std::string place;  // a place name, or ""
  double at = 0;
};

struct ProofToastSettings {
  std::string position;  // "bottom-left", "bottom-right", "top-left" or "top-right"
  std::string avoid;     // a CSS selector of what a toast must not cover
  double duration = 0;   // ms on screen
  double interval = 0;   // ms from one toast to the next
  double window = 0;     // ms an event stays recent enough to show
  std::string gate_key;  // where the shim keeps the frequency-cap record
  double limit = 0;      // toasts per visitor per day
  double snooze = 0;     // ms a dismissal lasts (0: this page view only)
};

struct ProofMessages {
  std::string region;   // the toasts' accessible name
  std::string dismiss;  // the dismiss button's
};

// Never fails: problems come back in `errors`, and `fatal` means nothing
// is shown. With `need.fetch` set, nothing else is filled in: the shim
// fetches it and asks again with the body. Then `show: false` means there
// is nothing true to show. A count fills `count` and `text`; recent
// activity `toasts`, `toast` and `messages`.
struct ProofView {
  bool fatal = false;
  std::vector<Error> errors;
  ProofFetch need;
  std::string lang;
  std::string kind;  // "count" | "recent"
  bool show = false;
  double expires_at = 0;     // the badge is taken down then (0: never)
  double refresh_after = 0;  // the count is read again after this many ms (0: never)
  double count = 0;
  std::string text;
  std::vector<ProofToast> toasts;  // newest first, at most 20
  ProofToastSettings toast;
  ProofMessages messages;
};

ProofView describe_proof(const ProofRequest& request);

// The sentence of one activity toast at `now` (relative times move on):
// expired (and no text) once the event is older than `window` ms, or when
// it is not an event at all. The name and place are checked again.
struct ProofToastTextRequest {
  std::string type;
  std::string name;
  std::string place;
  double at = 0;
  double now = 0;
  std::string lang;
  double window = 0;
};

struct ProofToastText {
  std::string text;
  bool expired = true;
};

ProofToastText proof_toast_text(const ProofToastTextRequest& request);

// The per-visitor frequency cap, over the record kept on the device
// ({"shown", "since", "until"?, "v": 1}, written as before so records
// already on shoppers' devices stay valid). `action` is "show" or
// "dismiss"; a missing `limit` reads as 5, a missing `snooze` as 0.
struct ProofToastGateRequest {
  JsonDocument stored;  // not valid: no record
  double now = 0;
  double limit = 0;
  double snooze = 0;
  std::string action;
};

struct ProofToastGate {
  bool allow = false;
  JsonDocument store;  // the record to keep, in place of the stored one
};

ProofToastGate proof_toast_gate(const ProofToastGateRequest& request);

}  // namespace sharelock

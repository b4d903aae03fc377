// <sharelock-proof>: JSON in, JSON out (schemas in docs/ABI.md).
#pragma once

#include <string>
#include <string_view>

namespace sharelock {

// What the badge shows. Request: {"attributes", "page", "now", "body"?}.
// With a `src` or `server` source and no "body" yet, answers
// {"need": {"fetch": url, "credentials": "same-origin"|"omit", "attribute"}}:
// the shim fetches it and asks again with the response text as "body".
// Then: {"fatal", "errors", "lang", "kind": "count"|"recent", "show", …}
// with "text" for a count, "toasts" and "toast" settings for activity.
std::string describe_proof(std::string_view request_json);

// The sentence of one activity toast at `now` (relative times move on).
// Request: {"type", "name", "place", "at", "now", "lang", "window"} →
// {"text", "expired"}; expired (and no text) once the event is older than
// `window` ms, or when it is not an event at all.
std::string proof_toast_text(std::string_view request_json);

// The per-visitor frequency cap, over the record kept on the device.
// Request: {"stored": string|null, "now", "limit", "snooze", "action":
// "show"|"dismiss"} → {"allow": bool, "store": string to keep}.
std::string proof_toast_gate(std::string_view request_json);

}  // namespace sharelock

// <sharelock-pay>: "pay with a post". JSON in, JSON out, like the share bar
// (schemas in docs/ABI.md). The widget's whole life is a series of
// step_pay() calls, one per event the shim observes.
#pragma once

#include <string>
#include <string_view>

namespace sharelock {

// Validates the configuration and names the storage keys the shim must read
// before each step. Request: {"attributes", "page"}. Response: {"fatal",
// "errors", "item", "lang", "keys": {"unlock", "snooze", "pending"}}.
std::string describe_pay(std::string_view request_json);

// Request: {"attributes", "page", "mastodonHost", "now": ms, "event": name,
// "state": <the previous step's state, absent at "init">, "stored":
// {"unlockLocal", "unlockSession", "snoozeLocal", "snoozeSession",
// "pending"} (raw stored strings or null)}.
// Response: {"fatal", "errors", "state", "effects": [...], "view": {...}}.
std::string step_pay(std::string_view request_json);

}  // namespace sharelock

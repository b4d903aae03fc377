// <sharelock-countdown>: JSON in, JSON out (schemas in docs/ABI.md).
#pragma once

#include <string>
#include <string_view>

namespace sharelock {

// The countdown's plan: which deadline, what happens at zero, the stock
// line. May answer {"need": {"offsets": [ms…], "stored": [key…]}}: the shim
// then adds those zone offsets ("offsets": {"<ms>": "GMT+01:00"}) and stored
// values ("stored": {key: value|null}) to the request and asks again.
std::string plan_countdown(std::string_view request_json);

// What to show at `now`; called every second for each visible countdown,
// so it takes plain numbers. `opens_at` is NaN when there is no start.
std::string countdown_view(double ends_at, double opens_at, double now, const std::string& lang,
                           const std::string& format);

// Stock from a feed body {"stock": 12}: {"ok": true, "text": "Only 12 left"}
// or {"ok": false, "code", "message"}. Request: {"body", "lang"}.
std::string stock_from_feed(std::string_view request_json);

// Clock correction from an HTTP Date header. Request: {"sentAt",
// "receivedAt", "date", "age" (the Age header in seconds, if any)}.
// Response: {"skew": ms to add to the local clock}.
std::string clock_skew(std::string_view request_json);

}  // namespace sharelock

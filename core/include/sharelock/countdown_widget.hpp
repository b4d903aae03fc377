// <sharelock-countdown>: the plan, stock and clock calls take and return
// JSON text; the view drawn every second is typed (schemas in docs/ABI.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sharelock {

// The countdown's plan: which deadline, what happens at zero, the stock
// line. May answer {"need": {"offsets": [ms…], "stored": [key…]}}: the shim
// then adds those zone offsets ("offsets": {"<ms>": "GMT+01:00"}) and stored
// values ("stored": {key: value|null}) to the request and asks again.
std::string plan_countdown(std::string_view request_json);

// One unit of the timer: "days", "hours", "minutes" or "seconds", its
// value as drawn ("2", "03") and its label in the countdown's language.
struct CountdownPart {
  std::string unit;
  std::string value;
  std::string label;
};

// What to show: phase "upcoming" (counting to the opening), "running" or
// "ended" (then nothing else is set).
struct CountdownView {
  std::string phase;
  std::vector<CountdownPart> parts;  // days only while there are any
  std::string text;                  // the whole time, as the format shows it
  std::string spoken;                // for screen readers, changing once a minute
};

// What to show at `now`; called every second for each visible countdown,
// so plain numbers in and a typed value out: no JSON. `opens_at` is NaN
// when there is no start.
CountdownView countdown_view(double ends_at, double opens_at, double now, const std::string& lang,
                             const std::string& format);

// Stock from a feed body {"stock": 12}: {"ok": true, "text": "Only 12 left"}
// or {"ok": false, "code", "message"}. Request: {"body", "lang"}.
std::string stock_from_feed(std::string_view request_json);

// Clock correction from an HTTP Date header. Request: {"sentAt",
// "receivedAt", "date", "age" (the Age header in seconds, if any)}.
// Response: {"skew": ms to add to the local clock}.
std::string clock_skew(std::string_view request_json);

}  // namespace sharelock

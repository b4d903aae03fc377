// <sharelock-countdown>: typed values both ways, no JSON text (docs/ABI.md).
// The browser's module passes these structs over its C ABI
// (wasm/countdown_fields.hpp); the one stored record, the evergreen start,
// and the stock feed cross as JsonDocuments that JSON.parse produced.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sharelock/error.hpp"
#include "sharelock/json_document.hpp"
#include "sharelock/widget_input.hpp"

namespace sharelock {

// The zone's UTC offset at an instant, in Intl's own words ("GMT+01:00").
struct CountdownZoneOffset {
  double at = 0;  // ms since the epoch, one the plan asked for
  std::string name;
};

// What the shim found under a key the plan asked for: the record's JSON as
// JSON.parse read it, not valid when there was nothing stored (or no JSON).
struct CountdownStoredValue {
  std::string key;
  JsonDocument value;
};

struct CountdownRequest {
  Attributes attributes;  // the element's present attributes
  PageFacts page;
  double now = 0;          // the corrected clock, ms; not a whole number in a Date's range: 0
  bool zone_known = true;  // false: this browser's Intl refused the tz attribute
  // The answers to the plan's earlier questions (none on the first ask).
  std::vector<CountdownZoneOffset> offsets;
  std::vector<CountdownStoredValue> stored;
};

// What the plan still needs before it can answer: the zone's offsets at
// these instants, and what is stored under these keys.
struct CountdownNeed {
  std::vector<double> offsets;
  std::vector<std::string> stored;
};

// Something for the shim to carry out once the plan is final: "store"
// `value` (written with JSON.stringify) under `key` in local storage.
struct CountdownEffect {
  std::string type;
  std::string key;
  JsonDocument value;
};

struct CountdownMessages {
  std::string ends_in;
  std::string opens_in;
  std::string ended;
};

// Never fails: problems come back in `errors`, and `fatal` means there is no
// deadline to count to (the shim then shows the fallback). `needs_more`:
// answer `need` and ask again; nothing else is set. Otherwise the plan.
struct CountdownPlan {
  bool fatal = false;
  std::vector<Error> errors;
  bool needs_more = false;
  CountdownNeed need;
  std::string kind;             // "fixed", "evergreen" or "daily"
  double ends_at = 0;           // ms
  double opens_at = 0;          // ms; NaN when there is no start
  bool rolls = false;           // a daily deal: the next day's follows
  std::string format;           // "full" or "compact"
  std::string on_end;           // "message", "hide", "lock" or "unlock"
  std::string pay;              // the id of the sharelock-pay to lock or unlock
  std::string lang;
  CountdownMessages messages;
  std::string stock;            // the stock line; "" for none
  std::string stock_src;        // the same-site stock feed to fetch; "" for none
  std::string zone;             // a daily deal's IANA zone
  std::string evergreen_key;    // where an evergreen window's start is kept
  std::vector<CountdownEffect> effects;
};

// The countdown's plan: which deadline, what happens at zero, the stock
// line. May answer needs_more: the shim then adds the zone offsets and
// stored values named in `need` to the request and asks again.
CountdownPlan plan_countdown(const CountdownRequest& request);

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

// The stock line from a feed's body {"stock": 12} ("Only 12 left"), or
// ok false with an "invalid-feed" error about stock-src.
struct StockFeedResult {
  bool ok = false;
  std::string text;
  Error error;  // empty when ok
};

StockFeedResult stock_from_feed(const JsonDocument& body, const std::string& lang);

// When the first wasm response was asked for and arrived (ms on the
// device's clock), its HTTP Date header and its Age header in seconds.
// A number the shim did not have is NaN.
struct ClockSample {
  double sent_at = 0;
  double received_at = 0;
  std::string date;
  double age = 0;
};

// Milliseconds to add to the device's clock: 0 unless it is 30 s or more
// off the server's, or when the sample is no measurement.
std::int64_t clock_skew(const ClockSample& sample);

}  // namespace sharelock

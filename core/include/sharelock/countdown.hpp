// Countdown rules: when an offer ends (fixed instant, per-visitor evergreen
// window, daily time in an IANA zone), how much time is left, and how to
// say it. Time zones: the core has no tz database; it asks the caller for
// the zone's UTC offset at the instants it needs (the shim reads them from
// Intl) and applies the rule itself, so DST changes are handled here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "sharelock/messages.hpp"

namespace sharelock::countdown {

// Minutes east of UTC at an instant, or nothing if the caller has not said:
// a reference to the caller's function object, which must outlive the call
// (a std::function would bring its type-erasure machinery into the wasm
// for this one parameter).
class OffsetLookup {
 public:
  template <typename Lookup>
    requires(!std::is_same_v<std::remove_cvref_t<Lookup>, OffsetLookup>)
  OffsetLookup(const Lookup& lookup)  // NOLINT(google-explicit-constructor): passed as a lambda
      : object_(&lookup), call_([](const void* object, std::int64_t instant) -> std::optional<int> {
          return (*static_cast<const Lookup*>(object))(instant);
        }) {}
  std::optional<int> operator()(std::int64_t instant) const { return call_(object_, instant); }

 private:
  const void* object_;
  std::optional<int> (*call_)(const void*, std::int64_t);
};

// Either the answer, or the instants whose offsets are still needed.
using NeedOffsets = std::vector<std::int64_t>;

// The first instant after `now` whose local time in the zone is
// `minutes_of_day` past midnight. A local time skipped by a DST change
// (spring forward) moves forward by the length of the gap (02:30 → 03:30,
// Temporal's "compatible"); a repeated one (fall back) counts on its first
// occurrence.
std::variant<std::int64_t, NeedOffsets> next_daily(std::int64_t now, int minutes_of_day,
                                                   const OffsetLookup& offset_at);

struct Remaining {
  std::int64_t days = 0, hours = 0, minutes = 0, seconds = 0;
  friend bool operator==(const Remaining&, const Remaining&) = default;
};

// Whole seconds left, rounded up, so the display reaches 0 exactly at the
// deadline; nothing negative.
Remaining decompose(std::int64_t millis_left);

enum class Unit { kDay, kHour, kMinute, kSecond };
// "day"/"days", "día"/"días" … (one is singular in both languages).
std::string_view unit_label(Unit unit, std::int64_t count, i18n::Lang lang);

// "2 days 3 hours 4 minutes 5 seconds" (units above the largest non-zero
// one left out) and "2d 03:04:05" / "03:04:05".
std::string full_text(const Remaining& left, i18n::Lang lang);
std::string compact_text(const Remaining& left, i18n::Lang lang);
// For screen readers, at minute resolution rounded up: "2 days 3 hours
// 5 minutes", then "1 minute" for the whole last minute.
std::string spoken_text(const Remaining& left, i18n::Lang lang);

// "48h", "2d", "90m" → milliseconds (at most 366 days).
std::optional<std::int64_t> parse_duration(std::string_view text);

}  // namespace sharelock::countdown

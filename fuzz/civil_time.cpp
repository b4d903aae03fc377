// The date formats countdowns and feeds read: ISO 8601 instants (also
// re-written in UTC and parsed back to the same instant), HTTP dates,
// "HH:MM" clock times and "GMT+01:00" offsets.
#include <cinttypes>
#include <cstdio>

#include "sharelock/civil_time.hpp"

#include "fuzz_support.hpp"

namespace {

using namespace sharelock;

// 2026-12-01T00:00:00.250Z for an instant in years 0000–9999.
std::string iso_utc(std::int64_t instant) {
  const std::int64_t days = civil::floor_div(instant, civil::kDay);
  const std::int64_t in_day = instant - days * civil::kDay;
  const civil::Date date = civil::civil_from_days(days);
  char text[64];
  std::snprintf(text, sizeof text, "%04" PRId64 "-%02u-%02uT%02d:%02d:%02d.%03dZ", date.year, date.month,
                date.day, static_cast<int>(in_day / civil::kHour), static_cast<int>(in_day / civil::kMinute % 60),
                static_cast<int>(in_day / civil::kSecond % 60), static_cast<int>(in_day % 1000));
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);

  const auto instant = civil::parse_iso_instant(input, "ends");
  if (instant) {
    // Four-digit years and offsets of at most ±14:00 keep the instant
    // within a day of 0000–9999.
    const std::int64_t earliest = civil::days_from_civil({0, 1, 1}) * civil::kDay - civil::kDay;
    const std::int64_t latest = civil::days_from_civil({10000, 1, 1}) * civil::kDay + civil::kDay;
    fuzz::check(instant.value() >= earliest && instant.value() < latest, "ISO instant out of range", input);
    const civil::Date date = civil::civil_from_days(civil::floor_div(instant.value(), civil::kDay));
    fuzz::check(civil::is_valid_date(date), "ISO instant on an invalid date", input);
    if (date.year >= 0 && date.year <= 9999) {
      const std::string again = iso_utc(instant.value());
      const auto reparsed = civil::parse_iso_instant(again, "ends");
      fuzz::check(reparsed.ok() && reparsed.value() == instant.value(), "UTC form does not parse back", again);
    }
  } else {
    fuzz::check(instant.error().code == "invalid-date" && instant.error().attribute == "ends",
                "ISO date error", instant.error().code);
  }

  if (const auto http = civil::parse_http_date(input)) {
    const std::int64_t days = civil::floor_div(*http, civil::kDay);
    fuzz::check(civil::is_valid_date(civil::civil_from_days(days)), "HTTP date on an invalid date", input);
  }

  const auto clock = civil::parse_clock_time(input, "daily");
  if (clock) fuzz::check(clock.value() >= 0 && clock.value() < 24 * 60, "clock time out of range", input);

  if (const auto offset = civil::parse_gmt_offset(input)) {
    fuzz::check(*offset >= -14 * 60 && *offset <= 14 * 60, "GMT offset beyond ±14:00", input);
  }
  return 0;
}

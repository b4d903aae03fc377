// Calendar arithmetic and the date formats countdowns read: ISO 8601
// instants, HTTP dates, "HH:MM" clock times and "GMT+01:00" zone offsets.
// All instants are milliseconds since the Unix epoch (UTC); the core never
// reads a clock, so "now" always comes from the caller.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "sharelock/error.hpp"

namespace sharelock::civil {

inline constexpr std::int64_t kSecond = 1000;
inline constexpr std::int64_t kMinute = 60 * kSecond;
inline constexpr std::int64_t kHour = 60 * kMinute;
inline constexpr std::int64_t kDay = 24 * kHour;
// ±8.64e15 ms, the instants a JavaScript Date can hold: the range every
// instant from the page or from storage is read within (exact as a double).
inline constexpr std::int64_t kMaxDateMillis = 8'640'000'000'000'000;

struct Date {
  std::int64_t year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

// Days since 1970-01-01 for a proleptic Gregorian date, and back.
std::int64_t days_from_civil(const Date& date);
Date civil_from_days(std::int64_t days);
bool is_valid_date(const Date& date);

// Floor division for negative instants.
std::int64_t floor_div(std::int64_t a, std::int64_t b);

// "2026-12-01T00:00:00+01:00", "2026-12-01T00:00Z", "2026-12-01T00:00:00.250-05:00".
// The offset is required: a time without one is an error ("invalid-date"),
// never a guess about the shopper's zone. Offsets up to ±14:00 (Kiribati).
Result<std::int64_t> parse_iso_instant(std::string_view text, std::string_view attribute);

// RFC 9110 IMF-fixdate, as in the HTTP Date header: "Wed, 25 Nov 2026 14:30:00 GMT".
std::optional<std::int64_t> parse_http_date(std::string_view text);

// "20:00" or "07:30" → minutes after midnight.
Result<int> parse_clock_time(std::string_view text, std::string_view attribute);

// A zone offset as Intl.DateTimeFormat's timeZoneName "longOffset" writes
// it: "GMT", "GMT+01:00", "GMT-03:30" → minutes east of UTC.
std::optional<int> parse_gmt_offset(std::string_view text);

}  // namespace sharelock::civil

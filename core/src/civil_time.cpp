#include "sharelock/civil_time.hpp"

#include <array>
#include <string>

namespace sharelock::civil {
namespace {

constexpr int kMaxOffsetMinutes = 14 * 60;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `count` digits at `at`; advances `at`.
std::optional<int> digits(std::string_view text, std::size_t& at, std::size_t count) {
  if (at > text.size() || text.size() - at < count) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[at + i];
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  at += count;
  return value;
}

bool expect(std::string_view text, std::size_t& at, char c) {
  if (at >= text.size() || text[at] != c) return false;
  ++at;
  return true;
}

bool is_leap(std::int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned days_in_month(std::int64_t year, unsigned month) {
  constexpr std::array<unsigned, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

}  // namespace

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t days_from_civil(const Date& date) {
  const std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t yoe = y - era * 400;
  const std::int64_t m = date.month;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = floor_div(days, 146097);
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const auto day = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
  const auto month = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
  return Date{yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

bool is_valid_date(const Date& date) {
  return date.month >= 1 && date.month <= 12 && date.day >= 1 &&
         date.day <= days_in_month(date.year, date.month);
}

Result<std::int64_t> parse_iso_instant(std::string_view text, std::string_view attribute) {
  const auto bad = [&](std::string why) {
    return Error{"invalid-date", std::string(attribute),
                 "\"" + std::string(text.substr(0, 40)) + "\" " + why +
                     "; write e.g. 2026-12-01T00:00:00+01:00 or 2026-12-01T00:00:00Z"};
  };
  std::size_t at = 0;
  const auto year = digits(text, at, 4);
  std::optional<int> month, day, hour, minute;
  if (!year || !expect(text, at, '-') || !(month = digits(text, at, 2)) || !expect(text, at, '-') ||
      !(day = digits(text, at, 2))) {
    return bad("is not an ISO 8601 date");
  }
  const Date date{*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day)};
  if (!is_valid_date(date)) return bad("is not a real calendar date");
  if (at >= text.size() || (text[at] != 'T' && text[at] != 't')) return bad("has no time");
  ++at;
  if (!(hour = digits(text, at, 2)) || !expect(text, at, ':') || !(minute = digits(text, at, 2))) {
    return bad("has no valid time");
  }
  int second = 0;
  int millis = 0;
  if (at < text.size() && text[at] == ':') {
    ++at;
    const auto s = digits(text, at, 2);
    if (!s) return bad("has no valid seconds");
    second = *s;
    if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
      ++at;
      int scale = 100;
      std::size_t fraction_digits = 0;
      while (at < text.size() && is_digit(text[at]) && fraction_digits < 9) {
        millis += (text[at] - '0') * scale;
        scale /= 10;
        ++at;
        ++fraction_digits;
      }
      if (fraction_digits == 0) return bad("has an empty fraction of a second");
    }
  }
  if (*hour > 23 || *minute > 59 || second > 59) return bad("has a time out of range");
  if (at >= text.size()) return bad("has no UTC offset (add Z or +01:00): it would mean a different moment in every time zone");
  int offset_minutes = 0;
  if (text[at] == 'Z' || text[at] == 'z') {
    ++at;
  } else if (text[at] == '+' || text[at] == '-') {
    const int sign = text[at] == '-' ? -1 : 1;
    ++at;
    const auto oh = digits(text, at, 2);
    if (at < text.size() && text[at] == ':') ++at;
    const auto om = digits(text, at, 2);
    if (!oh || !om || *om > 59) return bad("has a malformed UTC offset");
    offset_minutes = sign * (*oh * 60 + *om);
    if (offset_minutes > kMaxOffsetMinutes || offset_minutes < -kMaxOffsetMinutes) {
      return bad("has a UTC offset beyond ±14:00");
    }
  } else {
    return bad("has no UTC offset (add Z or +01:00)");
  }
  if (at != text.size()) return bad("has trailing characters");
  return days_from_civil(date) * kDay + *hour * kHour + *minute * kMinute + second * kSecond + millis -
         offset_minutes * kMinute;
}

std::optional<std::int64_t> parse_http_date(std::string_view text) {
  // "Wed, 25 Nov 2026 14:30:00 GMT": fixed width, 29 characters.
  constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (text.size() != 29 || text.substr(3, 2) != ", " || text.substr(25) != " GMT") return std::nullopt;
  std::size_t at = 5;
  const auto day = digits(text, at, 2);
  if (!day || !expect(text, at, ' ')) return std::nullopt;
  unsigned month = 0;
  for (unsigned i = 0; i < kMonths.size(); ++i) {
    if (text.substr(at, 3) == kMonths[i]) month = i + 1;
  }
  at += 3;
  std::optional<int> year, hour, minute, second;
  if (month == 0 || !expect(text, at, ' ') || !(year = digits(text, at, 4)) || !expect(text, at, ' ') ||
      !(hour = digits(text, at, 2)) || !expect(text, at, ':') || !(minute = digits(text, at, 2)) ||
      !expect(text, at, ':') || !(second = digits(text, at, 2))) {
    return std::nullopt;
  }
  const Date date{*year, month, static_cast<unsigned>(*day)};
  if (!is_valid_date(date) || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
  return days_from_civil(date) * kDay + *hour * kHour + *minute * kMinute + *second * kSecond;
}

Result<int> parse_clock_time(std::string_view text, std::string_view attribute) {
  std::size_t at = 0;
  const auto hour = digits(text, at, 2);
  std::optional<int> minute;
  if (!hour || !expect(text, at, ':') || !(minute = digits(text, at, 2)) || at != text.size() ||
      *hour > 23 || *minute > 59) {
    return Error{"invalid-time", std::string(attribute),
                 "\"" + std::string(text.substr(0, 20)) + "\" is not a time of day; write e.g. 20:00"};
  }
  return *hour * 60 + *minute;
}

std::optional<int> parse_gmt_offset(std::string_view text) {
  if (text.substr(0, 3) != "GMT" && text.substr(0, 3) != "UTC") return std::nullopt;
  if (text.size() == 3) return 0;
  std::size_t at = 3;
  const char sign_char = text[at++];
  if (sign_char != '+' && sign_char != '-' && text.substr(3, 3) != "\u2212") return std::nullopt;
  const int sign = sign_char == '+' ? 1 : -1;
  if (text.substr(3, 3) == "\u2212") at = 6;  // U+2212 MINUS SIGN, as some locales write it
  std::size_t hour_digits = 0;
  int hours = 0;
  while (at < text.size() && is_digit(text[at]) && hour_digits < 2) {
    hours = hours * 10 + (text[at++] - '0');
    ++hour_digits;
  }
  if (hour_digits == 0) return std::nullopt;
  int minutes = 0;
  if (at < text.size()) {
    if (!expect(text, at, ':')) return std::nullopt;
    const auto m = digits(text, at, 2);
    if (!m || *m > 59 || at != text.size()) return std::nullopt;
    minutes = *m;
  }
  const int total = hours * 60 + minutes;
  if (total > kMaxOffsetMinutes) return std::nullopt;
  return sign * total;
}

}  // namespace sharelock::civil

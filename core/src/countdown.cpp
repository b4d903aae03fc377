#include "sharelock/countdown.hpp"

#include <algorithm>
#include <array>

#include "sharelock/civil_time.hpp"

namespace sharelock::countdown {
namespace {

using civil::kDay;
using civil::kHour;
using civil::kMinute;
using civil::kSecond;

constexpr std::int64_t kMaxDuration = 366 * kDay;

// Offsets on either side of a local time bracket any single DST change near
// it (zones change at most twice a year, never twice in a day).
constexpr std::int64_t kBracket = 12 * kHour;

struct Labels {
  std::string_view one_en, many_en, one_es, many_es;
};
constexpr std::array<Labels, 4> kLabels = {{
    {"day", "days", "día", "días"},
    {"hour", "hours", "hora", "horas"},
    {"minute", "minutes", "minuto", "minutos"},
    {"second", "seconds", "segundo", "segundos"},
}};

std::string two_digits(std::int64_t value) {
  return (value < 10 ? "0" : "") + std::to_string(value);
}

void append_unit(std::string& out, std::int64_t count, Unit unit, i18n::Lang lang) {
  if (!out.empty()) out.push_back(' ');
  out += std::to_string(count) + " " + std::string(unit_label(unit, count, lang));
}

}  // namespace

std::variant<std::int64_t, NeedOffsets> next_daily(std::int64_t now, int minutes_of_day,
                                                   const OffsetLookup& offset_at) {
  NeedOffsets need;
  const auto lookup = [&](std::int64_t instant) {
    const auto offset = offset_at(instant);
    // Once per instant: the same one can be needed twice in a pass.
    if (!offset && std::find(need.begin(), need.end(), instant) == need.end()) need.push_back(instant);
    return offset;
  };
  const auto off_now = lookup(now);
  if (!off_now) return need;
  const std::int64_t today = civil::floor_div(now + *off_now * kMinute, kDay);
  // Today's time may have passed; tomorrow's is the answer then, unless a
  // DST change pushes it past; two days ahead always suffices.
  for (std::int64_t day = today; day <= today + 2; ++day) {
    const std::int64_t local = day * kDay + minutes_of_day * kMinute;
    const auto before = lookup(local - *off_now * kMinute - kBracket);
    const auto after = lookup(local - *off_now * kMinute + kBracket);
    if (!before || !after) return need;
    // An instant is the local time if the zone's offset there is the one
    // used to reach it.
    const std::int64_t with_before = local - *before * kMinute;
    const std::int64_t with_after = local - *after * kMinute;
    const auto check_before = lookup(with_before);
    const auto check_after = lookup(with_after);
    if (!check_before || !check_after) return need;
    std::optional<std::int64_t> instant;
    if (*check_before == *before) instant = with_before;
    if (*check_after == *after && (!instant || with_after < *instant)) instant = with_after;
    // In a spring-forward gap neither is consistent: the time moves forward
    // by the gap's length (the earlier offset applied to the later clock).
    if (!instant) instant = local - std::min(*before, *after) * kMinute;
    if (*instant > now) return *instant;
  }
  return need;  // unreachable with sane offsets; empty means "give up"
}

Remaining decompose(std::int64_t millis_left) {
  if (millis_left <= 0) return {};
  std::int64_t seconds = (millis_left + kSecond - 1) / kSecond;
  Remaining left;
  left.days = seconds / (kDay / kSecond);
  seconds %= kDay / kSecond;
  left.hours = seconds / 3600;
  seconds %= 3600;
  left.minutes = seconds / 60;
  left.seconds = seconds % 60;
  return left;
}

std::string_view unit_label(Unit unit, std::int64_t count, i18n::Lang lang) {
  const Labels& labels = kLabels[static_cast<std::size_t>(unit)];
  const bool one = count == 1;
  if (lang == i18n::Lang::kEs) return one ? labels.one_es : labels.many_es;
  return one ? labels.one_en : labels.many_en;
}

std::string full_text(const Remaining& left, i18n::Lang lang) {
  std::string out;
  const bool days = left.days > 0;
  const bool hours = days || left.hours > 0;
  const bool minutes = hours || left.minutes > 0;
  if (days) append_unit(out, left.days, Unit::kDay, lang);
  if (hours) append_unit(out, left.hours, Unit::kHour, lang);
  if (minutes) append_unit(out, left.minutes, Unit::kMinute, lang);
  append_unit(out, left.seconds, Unit::kSecond, lang);
  return out;
}

std::string compact_text(const Remaining& left, i18n::Lang lang) {
  std::string out;
  if (left.days > 0) out = std::to_string(left.days) + (lang == i18n::Lang::kEs ? " d " : "d ");
  return out + two_digits(left.hours) + ":" + two_digits(left.minutes) + ":" + two_digits(left.seconds);
}

std::string spoken_text(const Remaining& left, i18n::Lang lang) {
  const std::int64_t total_seconds = ((left.days * 24 + left.hours) * 60 + left.minutes) * 60 + left.seconds;
  if (total_seconds <= 0) return lang == i18n::Lang::kEs ? "menos de un minuto" : "less than a minute";
  // Rounded up to the minute, so it changes exactly at minute boundaries
  // (the last minute is "1 minute" until the end), never every second.
  std::int64_t total_minutes = (total_seconds + 59) / 60;
  const std::int64_t days = total_minutes / (24 * 60);
  total_minutes %= 24 * 60;
  std::string out;
  if (days > 0) append_unit(out, days, Unit::kDay, lang);
  if (total_minutes / 60 > 0) append_unit(out, total_minutes / 60, Unit::kHour, lang);
  if (total_minutes % 60 > 0) append_unit(out, total_minutes % 60, Unit::kMinute, lang);
  return out;
}

std::optional<std::int64_t> parse_duration(std::string_view text) {
  if (text.size() < 2 || text.size() > 7) return std::nullopt;
  const char unit = text.back();
  const std::int64_t scale = unit == 'd' ? kDay : unit == 'h' ? kHour : unit == 'm' ? kMinute : 0;
  if (scale == 0) return std::nullopt;
  std::int64_t count = 0;
  for (char c : text.substr(0, text.size() - 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    count = count * 10 + (c - '0');
  }
  const std::int64_t millis = count * scale;
  if (millis <= 0 || millis > kMaxDuration) return std::nullopt;
  return millis;
}

}  // namespace sharelock::countdown

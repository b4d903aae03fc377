// The words of <sharelock-proof>: counts written per locale (exact or
// compact, never rounded up), plural forms, "5 min ago", and the two kinds
// of sentence the badge and the activity toast show. English and Spanish.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sharelock/messages.hpp"

namespace sharelock::proof {

// What people did. "viewing" is a live count only: never an event.
enum class Activity { kPurchase, kSignup, kShare, kUnlock, kDownload, kViewing };

std::optional<Activity> parse_activity(std::string_view name);
std::string_view activity_name(Activity activity);

// The span a count covers or an event must fall in: "1h", "24h", "7d",
// "30d" or "all" (millis 0: no limit).
struct Window {
  std::string_view name;
  std::int64_t millis;
};

std::optional<Window> parse_window(std::string_view name);

enum class Notation { kAuto, kFull, kCompact };

std::optional<Notation> parse_notation(std::string_view name);

// The largest count shown; a bigger one in a feed is treated as invalid.
inline constexpr std::int64_t kMaxCount = 999'999'999'999;

// 1284 → "1,284" (en) / "1284" (es: no separator below 10 000, as CLDR and
// the RAE want); compact → "1.2K" / "1,2 mil". Compact numbers are
// truncated, never rounded: 1,999 is "1.9K", not "2K". kAuto is exact
// below 10 000 and compact from there. `count` is 0..kMaxCount.
std::string format_count(std::int64_t count, i18n::Lang lang, Notation notation);

// "1,284 people bought this in the last 24 hours" /
// "1284 personas lo han comprado en las últimas 24 horas".
std::string count_sentence(std::int64_t count, Activity activity, const Window& window, i18n::Lang lang,
                           Notation notation);

// "just now", "5 min ago", "2 hours ago", "3 days ago" / "ahora mismo",
// "hace 5 min" … Elapsed time is truncated, as people read "5 min ago"
// (5 to 6 minutes). Negative elapsed time (a clock a little ahead) reads
// "just now".
std::string time_ago(std::int64_t elapsed_millis, i18n::Lang lang);

// "Ana from Madrid bought this 5 min ago" / "Ana de Madrid lo compró hace
// 5 min"; without a name, "Someone" / "Alguien"; without a place, no
// "from …". `activity` is never kViewing.
std::string activity_sentence(Activity activity, std::string_view name, std::string_view place,
                              std::int64_t elapsed_millis, i18n::Lang lang);

}  // namespace sharelock::proof

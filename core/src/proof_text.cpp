#include "sharelock/proof_text.hpp"

#include <array>
#include <string>

#include "sharelock/civil_time.hpp"

namespace sharelock::proof {
namespace {

using i18n::Lang;

// CLDR: no grouping below 10 000 in Spanish, "1.000.000" above; English
// groups from 1 000 with commas.
std::string group_digits(std::int64_t value, Lang lang) {
  const std::string digits = std::to_string(value);
  const bool es = lang == Lang::kEs;
  if (es && value < 10'000) return digits;
  const char separator = es ? '.' : ',';
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
    out += digits[i];
  }
  return out;
}

// n / unit, truncated, with one decimal when under 10 units ("1.2", "12").
std::string truncated_units(std::int64_t count, std::int64_t unit, char decimal_point) {
  const std::int64_t whole = count / unit;
  if (whole >= 10) return std::to_string(whole);
  const std::int64_t tenths = (count % unit) / (unit / 10);
  return std::to_string(whole) + (tenths > 0 ? std::string(1, decimal_point) + std::to_string(tenths) : "");
}

constexpr std::string_view kNoBreakSpace = "\u00A0";

std::string compact(std::int64_t count, Lang lang) {
  constexpr std::int64_t kThousand = 1'000, kMillion = 1'000'000, kBillion = 1'000'000'000;
  if (count < kThousand) return std::to_string(count);
  if (lang == Lang::kEs) {
    const std::string mil = std::string(kNoBreakSpace) + "mil";
    const std::string m = std::string(kNoBreakSpace) + "M";
    if (count < kMillion) return truncated_units(count, kThousand, ',') + mil;
    if (count < kBillion) return truncated_units(count, kMillion, ',') + m;
    // CLDR es writes thousands of millions as "1234 M", then "12 mil M".
    if (count < 10 * kBillion) return std::to_string(count / kMillion) + m;
    return std::to_string(count / kBillion) + mil + m;
  }
  if (count < kMillion) return truncated_units(count, kThousand, '.') + "K";
  if (count < kBillion) return truncated_units(count, kMillion, '.') + "M";
  return truncated_units(count, kBillion, '.') + "B";
}

struct Verb {
  std::string_view one;    // after "1 person" / "1 persona"
  std::string_view other;  // after "2 people" / "2 personas"
  std::string_view past;   // in an activity sentence: "Ana … bought this"
};

Verb verb(Activity activity, Lang lang) {
  if (lang == Lang::kEs) {
    switch (activity) {
      case Activity::kPurchase: return {"lo ha comprado", "lo han comprado", "lo compró"};
      case Activity::kSignup: return {"se ha apuntado", "se han apuntado", "se apuntó"};
      case Activity::kShare: return {"lo ha compartido", "lo han compartido", "lo compartió"};
      case Activity::kUnlock:
        return {"lo ha desbloqueado compartiendo", "lo han desbloqueado compartiendo", "lo desbloqueó compartiendo"};
      case Activity::kDownload: return {"lo ha descargado", "lo han descargado", "lo descargó"};
      case Activity::kViewing: return {"lo está viendo ahora", "lo están viendo ahora", ""};
    }
  }
  switch (activity) {
    case Activity::kPurchase: return {"bought this", "bought this", "bought this"};
    case Activity::kSignup: return {"signed up", "signed up", "signed up"};
    case Activity::kShare: return {"shared this", "shared this", "shared this"};
    case Activity::kUnlock: return {"unlocked this by sharing", "unlocked this by sharing", "unlocked this by sharing"};
    case Activity::kDownload: return {"downloaded this", "downloaded this", "downloaded this"};
    case Activity::kViewing: return {"is viewing this now", "are viewing this now", ""};
  }
  return {};
}

std::string_view window_phrase(std::string_view window, Lang lang) {
  const bool es = lang == Lang::kEs;
  if (window == "1h") return es ? " en la última hora" : " in the last hour";
  if (window == "24h") return es ? " en las últimas 24 horas" : " in the last 24 hours";
  if (window == "7d") return es ? " en los últimos 7 días" : " in the last 7 days";
  if (window == "30d") return es ? " en los últimos 30 días" : " in the last 30 days";
  return "";
}

}  // namespace

std::optional<Activity> parse_activity(std::string_view name) {
  if (name == "purchase") return Activity::kPurchase;
  if (name == "signup") return Activity::kSignup;
  if (name == "share") return Activity::kShare;
  if (name == "unlock") return Activity::kUnlock;
  if (name == "download") return Activity::kDownload;
  if (name == "viewing") return Activity::kViewing;
  return std::nullopt;
}

std::string_view activity_name(Activity activity) {
  switch (activity) {
    case Activity::kPurchase: return "purchase";
    case Activity::kSignup: return "signup";
    case Activity::kShare: return "share";
    case Activity::kUnlock: return "unlock";
    case Activity::kDownload: return "download";
    case Activity::kViewing: return "viewing";
  }
  return "";
}

std::optional<Window> parse_window(std::string_view name) {
  constexpr std::array<Window, 5> kWindows = {{
      {"1h", civil::kHour},
      {"24h", civil::kDay},
      {"7d", 7 * civil::kDay},
      {"30d", 30 * civil::kDay},
      {"all", 0},
  }};
  for (const Window& window : kWindows) {
    if (window.name == name) return window;
  }
  return std::nullopt;
}

std::optional<Notation> parse_notation(std::string_view name) {
  if (name == "auto") return Notation::kAuto;
  if (name == "full") return Notation::kFull;
  if (name == "compact") return Notation::kCompact;
  return std::nullopt;
}

std::string format_count(std::int64_t count, Lang lang, Notation notation) {
  const bool use_compact = notation == Notation::kCompact || (notation == Notation::kAuto && count >= 10'000);
  return use_compact ? compact(count, lang) : group_digits(count, lang);
}

std::string count_sentence(std::int64_t count, Activity activity, const Window& window, Lang lang,
                           Notation notation) {
  const bool one = count == 1;
  const Verb words = verb(activity, lang);
  const bool es = lang == Lang::kEs;
  std::string sentence = format_count(count, lang, notation);
  sentence += one ? (es ? " persona " : " person ") : (es ? " personas " : " people ");
  sentence += one ? words.one : words.other;
  // A live count is "now"; it has no window.
  if (activity != Activity::kViewing) sentence += window_phrase(window.name, lang);
  return sentence;
}

std::string time_ago(std::int64_t elapsed_millis, Lang lang) {
  const bool es = lang == Lang::kEs;
  if (elapsed_millis < civil::kMinute) return es ? "ahora mismo" : "just now";
  const auto phrase = [&](std::int64_t n, std::string_view en_one, std::string_view en_other,
                          std::string_view es_one, std::string_view es_other) {
    const std::string number = std::to_string(n);
    if (es) return "hace " + number + " " + std::string(n == 1 ? es_one : es_other);
    return number + " " + std::string(n == 1 ? en_one : en_other) + " ago";
  };
  if (elapsed_millis < civil::kHour) return phrase(elapsed_millis / civil::kMinute, "min", "min", "min", "min");
  if (elapsed_millis < civil::kDay) return phrase(elapsed_millis / civil::kHour, "hour", "hours", "hora", "horas");
  return phrase(elapsed_millis / civil::kDay, "day", "days", "día", "días");
}

std::string activity_sentence(Activity activity, std::string_view name, std::string_view place,
                              std::int64_t elapsed_millis, Lang lang) {
  const bool es = lang == Lang::kEs;
  std::string sentence = name.empty() ? std::string(es ? "Alguien" : "Someone") : std::string(name);
  if (!place.empty()) {
    sentence += es ? " de " : " from ";
    sentence += place;
  }
  sentence += ' ';
  sentence += verb(activity, lang).past;
  sentence += ' ';
  sentence += time_ago(elapsed_millis, lang);
  return sentence;
}

}  // namespace sharelock::proof

#include "sharelock/retention.hpp"

#include <string>

namespace sharelock {

Result<Retention> parse_retention(std::string_view text, std::string_view attribute) {
  const auto bad = [&] {
    return Error{"invalid-duration", std::string(attribute),
                 "\"" + std::string(text.substr(0, 40)) +
                     "\" is not a duration: use e.g. 30d, 12h, session or 0"};
  };
  if (text == "session") return Retention{Retention::Kind::kSession, 0};
  if (text == "0") return Retention{Retention::Kind::kNone, 0};
  if (text.size() < 2 || text.size() > 6) return bad();
  const char unit = text.back();
  const std::int64_t unit_millis = unit == 'd' ? 24LL * 60 * 60 * 1000
                                   : unit == 'h' ? 60LL * 60 * 1000
                                                 : 0;
  if (unit_millis == 0) return bad();
  std::int64_t count = 0;
  for (char c : text.substr(0, text.size() - 1)) {
    if (c < '0' || c > '9') return bad();
    count = count * 10 + (c - '0');
  }
  const std::int64_t millis = count * unit_millis;
  if (millis == 0) return Retention{Retention::Kind::kNone, 0};
  if (millis > kMaxRetentionMillis) {
    return Error{"invalid-duration", std::string(attribute),
                 "\"" + std::string(text) + "\" is longer than the 366 days accepted"};
  }
  return Retention{Retention::Kind::kFor, millis};
}

}  // namespace sharelock

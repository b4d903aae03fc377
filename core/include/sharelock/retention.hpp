// How long something is kept on the shopper's device: "30d", "12h",
// "session" (until the tab closes) or "0" (not kept at all). Used for
// unlocks (`remember`) and for the frequency cap (`snooze`).
#pragma once

#include <cstdint>
#include <string_view>

#include "sharelock/error.hpp"

namespace sharelock {

struct Retention {
  enum class Kind { kNone, kSession, kFor };
  Kind kind = Kind::kNone;
  std::int64_t millis = 0;  // with kFor

  friend bool operator==(const Retention&, const Retention&) = default;
};

// The longest retention accepted: a year. Beyond that a site owner almost
// certainly typed the wrong unit.
inline constexpr std::int64_t kMaxRetentionMillis = 366LL * 24 * 60 * 60 * 1000;

// Parses "Nd", "Nh", "session" or "0"; errors are "invalid-duration" naming
// `attribute`.
Result<Retention> parse_retention(std::string_view text, std::string_view attribute);

}  // namespace sharelock

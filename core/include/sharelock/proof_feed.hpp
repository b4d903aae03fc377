// The social-proof feed (schema "version": 1, documented in docs/proof-feed.md):
// counters {item, type, count, window, at?} and events {type, item, at,
// name?, place?, id?}. Every row is untrusted: a bad one is skipped and
// counted, never fatal; only a body that is not a version-1 feed at all is
// refused. Personal data beyond a first name and a place is never read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sharelock/error.hpp"
#include "sharelock/json_document.hpp"
#include "sharelock/proof_text.hpp"

namespace sharelock::proof {

// A feed bigger than this is refused unread (the shim stops downloading
// there too); past kMaxRows, later counters and older events are skipped.
inline constexpr std::size_t kMaxFeedBytes = 1 << 20;
inline constexpr std::size_t kMaxRows = 1000;
// How far in the future a timestamp may be before the row is refused: a
// server clock a little ahead is normal, an event from tomorrow is not.
inline constexpr std::int64_t kFutureTolerance = 2 * 60 * 1000;

struct Counter {
  std::string item;              // "" when the row names none
  Activity activity;
  std::string window;            // "1h", "24h", "7d", "30d" or "all"
  std::int64_t count;            // 0..kMaxCount
  std::optional<std::int64_t> at;  // when the count was taken
};

struct Event {
  std::string item;
  Activity activity;             // never kViewing
  std::int64_t at;
  std::string name;              // a first name, or ""
  std::string place;             // a place name, or ""
};

struct Feed {
  std::vector<Counter> counters;
  std::vector<Event> events;     // newest first, duplicates removed
  std::size_t skipped = 0;       // rows refused
  std::string first_problem;     // why the first refused row was refused
};

// The feed as the shim's JSON.parse read it (web/json-document.js), and the
// size of its text in UTF-8 bytes. Errors: "feed-too-large" (checked
// before anything is read), "invalid-feed" (not JSON, not an object, no
// list of rows), "unsupported-feed-version".
Result<Feed> parse_feed(const JsonDocument& body, std::size_t body_bytes, std::int64_t now);

// The first word of a name, without control or bidi characters; "" when
// it looks like more than a first name (digits, '@') or is too long.
std::string first_name(std::string_view name);

// A place name without control or bidi characters; "" when it carries
// digits (a postcode, a street number) or '@', or is too long.
std::string place_name(std::string_view place);

}  // namespace sharelock::proof

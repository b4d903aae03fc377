#include "sharelock/proof_feed.hpp"

#include <algorithm>
#include <set>

#include "sharelock/civil_time.hpp"
#include "sharelock/unicode.hpp"

namespace sharelock::proof {
namespace {

// Newest first; events of the same moment keep the feed's order. (A sort
// of their positions: std::stable_sort of the events themselves would
// bring a merge sort for this one type into every module that reads feeds.)
void newest_first(std::vector<Event>& events) {
  std::vector<std::size_t> order(events.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return events[a].at != events[b].at ? events[a].at > events[b].at : a < b;
  });
  std::vector<Event> sorted;
  sorted.reserve(events.size());
  for (const std::size_t i : order) sorted.push_back(std::move(events[i]));
  events = std::move(sorted);
}

constexpr std::size_t kMaxNameCodePoints = 30;
constexpr std::size_t kMaxPlaceCodePoints = 60;
constexpr std::size_t kMaxItemBytes = 200;

// Characters that could hide or reorder text around them: C0/C1 controls,
// zero-width and bidi formatting marks, the BOM.
bool is_invisible_or_control(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || (c >= 0x200B && c <= 0x200F) ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2069) || c == 0xFEFF;
}

// Drops invisible characters and collapses white space runs to one space.
std::u32string visible_text(std::string_view utf8) {
  std::u32string out;
  bool pending_space = false;
  for (char32_t c : unicode::decode_utf8(utf8)) {
    if (unicode::is_white_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (is_invisible_or_control(c)) continue;
    if (pending_space) out += U' ';
    pending_space = false;
    out += c;
  }
  return out;
}

// Digits and '@' mean a phone number, a postcode, an e-mail or a handle:
// more than the first name and place this widget may show.
bool looks_identifying(std::u32string_view text) {
  return std::any_of(text.begin(), text.end(), [](char32_t c) {
    return (c >= '0' && c <= '9') || c == '@' || c == U'＠' || (c >= U'０' && c <= U'９');
  });
}

// A link ("https://…", "VisitScam.shop") is not a name or a place, and a
// buyer could otherwise advertise to every visitor through the feed. No
// ':' in either; no '.' in a name; in a place only a '.' ending a word
// ("St. Louis"), never one inside it as in a domain.
bool looks_like_link(std::u32string_view text, bool is_place) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ':') return true;
    const bool ends_word = i + 1 == text.size() || text[i + 1] == U' ';
    if (text[i] == '.' && !(is_place && ends_word)) return true;
  }
  return false;
}

std::optional<std::int64_t> instant_at(const JsonView& row, const char* key) {
  const auto text = row[key].string();
  if (!text) return std::nullopt;
  auto instant = civil::parse_iso_instant(*text, key);
  if (!instant) return std::nullopt;
  return instant.value();
}

// The row's item, or nothing when present but not a short string.
std::optional<std::string> item_of(const JsonView& row) {
  const JsonView item = row["item"];
  if (!item.exists()) return std::string();
  const auto text = item.string();
  if (!text || text->size() > kMaxItemBytes) return std::nullopt;
  return std::string(*text);
}

struct Rows {
  Feed& feed;
  void skip(const std::string& why) {
    if (feed.skipped++ == 0) feed.first_problem = why;
  }
};

void read_counter(const JsonView& row, std::int64_t now, Rows& rows) {
  if (!row.is_object()) return rows.skip("a counter is not an object");
  const auto activity = parse_activity(row["type"].text());
  if (!activity) return rows.skip("a counter has no known \"type\"");
  const auto item = item_of(row);
  if (!item) return rows.skip("a counter's \"item\" is not a short string");
  const auto count = row["count"].whole_number();
  // Only whole numbers: 12.5 people, -3 people or 1e300 people are wrong data.
  if (!count || *count < 0 || *count > kMaxCount) {
    return rows.skip("a counter's \"count\" is not a whole number from 0 to 999999999999");
  }
  const std::string window(row["window"].exists() ? row["window"].text() : "all");
  if (!parse_window(window)) return rows.skip("a counter's \"window\" is not 1h, 24h, 7d, 30d or all");
  const auto at = instant_at(row, "at");
  if (row["at"].exists() && !at) return rows.skip("a counter's \"at\" is not an ISO 8601 time with an offset");
  if (at && *at > now + kFutureTolerance) return rows.skip("a counter's \"at\" is in the future");
  // "In the last 24 hours" and "viewing now" are claims about a moment: a
  // count without its time (a static file) could make them for ever.
  if (*activity == Activity::kViewing && !at) return rows.skip("a \"viewing\" counter needs \"at\"");
  if (window != "all" && !at) return rows.skip("a counter with a window needs \"at\"");
  rows.feed.counters.push_back({*item, *activity, window, *count, at});
}

void read_event(const JsonView& row, std::int64_t now, Rows& rows, std::set<std::string>& seen) {
  if (!row.is_object()) return rows.skip("an event is not an object");
  const auto activity = parse_activity(row["type"].text());
  if (!activity || *activity == Activity::kViewing) return rows.skip("an event has no known \"type\"");
  const auto item = item_of(row);
  if (!item) return rows.skip("an event's \"item\" is not a short string");
  const auto at = instant_at(row, "at");
  if (!at) return rows.skip("an event's \"at\" is missing or not an ISO 8601 time with an offset");
  if (*at > now + kFutureTolerance) return rows.skip("an event's \"at\" is in the future");
  Event event{*item, *activity, *at, first_name(row["name"].text()), place_name(row["place"].text())};
  // A feed that lists one sale twice (a retried webhook) shows it once.
  const std::string id(row["id"].text());
  // An order id may cover several items: the item is part of the key.
  const std::string key = !id.empty() ? "id:" + event.item + '\n' + id
                                      : "row:" + std::string(row["type"].text()) + '\n' + event.item + '\n' +
                                            std::to_string(event.at) + '\n' + event.name + '\n' + event.place;
  if (!seen.insert(key).second) return;
  rows.feed.events.push_back(std::move(event));
}

}  // namespace

std::string first_name(std::string_view name) {
  std::u32string text = visible_text(name);
  const auto space = text.find(U' ');
  if (space != std::u32string::npos) text.resize(space);
  if (text.size() > kMaxNameCodePoints || looks_identifying(text) || looks_like_link(text, false)) return "";
  return unicode::encode_utf8(text);
}

std::string place_name(std::string_view place) {
  const std::u32string text = visible_text(place);
  if (text.size() > kMaxPlaceCodePoints || looks_identifying(text) || looks_like_link(text, true)) return "";
  return unicode::encode_utf8(text);
}

Result<Feed> parse_feed(const JsonDocument& body, std::size_t body_bytes, std::int64_t now) {
  if (body_bytes > kMaxFeedBytes) {
    return Error{"feed-too-large", "", "the feed is over 1 MiB; serve the recent rows only"};
  }
  const JsonView document(body);
  if (!document.is_object()) return Error{"invalid-feed", "", "the feed is not a JSON object"};
  if (document["version"].whole_number() != 1) {
    return Error{"unsupported-feed-version", "", "the feed needs \"version\": 1"};
  }
  const JsonView counters = document["counters"];
  const JsonView events = document["events"];
  const bool has_counters = counters.is_array();
  const bool has_events = events.is_array();
  if (!has_counters && !has_events) {
    return Error{"invalid-feed", "", "the feed has neither a \"counters\" nor an \"events\" list"};
  }
  Feed feed;
  Rows rows{feed};
  const auto over_limit = [&](std::size_t extra, const char* why) {
    feed.skipped += extra;
    if (feed.first_problem.empty()) feed.first_problem = why;
  };
  if (has_counters) {
    const std::vector<JsonView> counter_rows = counters.children();
    std::size_t index = 0;
    for (const JsonView& row : counter_rows) {
      if (index++ == kMaxRows) {
        over_limit(counter_rows.size() - kMaxRows, "only the first 1000 counters are read");
        break;
      }
      read_counter(row, now, rows);
    }
  }
  if (has_events) {
    // Every event is read (the 1 MiB bound keeps that cheap) and the newest
    // kept: a feed listed oldest first must not lose its latest sales.
    std::set<std::string> seen;
    for (const JsonView& row : events.children()) read_event(row, now, rows, seen);
    newest_first(feed.events);
    if (feed.events.size() > kMaxRows) {
      over_limit(feed.events.size() - kMaxRows, "only the newest 1000 events are read");
      feed.events.resize(kMaxRows);
    }
  }
  return feed;
}

}  // namespace sharelock::proof

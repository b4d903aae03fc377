// First-party analytics: what a page's collector may report, how a batch of
// events becomes daily counters, and the reports a site owner reads. The
// verification server (server/) owns HTTP, storage and the clock; it passes
// the time in. Nothing here identifies a shopper: events carry an item, a
// network and a short random share reference, never an address, a cookie or
// a fingerprint, and the server never sees more than one page view's batch.
//
// Counters are keyed by day (UTC days since 1970-01-01, from the server's
// clock, never the page's) × item × network × event × detail, where detail
// is the unlock mode ("intent"/"verified") or the error code, else "".
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "sharelock/analytics_limits.hpp"  // generated from core/analytics-limits.json
#include "sharelock/error.hpp"

namespace sharelock::analytics {

inline constexpr std::size_t kMaxBatchBytes = 16 * 1024;  // well under sendBeacon's 64 KiB
inline constexpr std::size_t kMaxItemBytes = 200;  // as the widgets' item attribute
inline constexpr std::int64_t kMaxValueMilli = 1'000'000'000'000;  // a conversion of 1e9 units
inline constexpr std::int64_t kMaxReportDays = 366;

enum class EventType { kImpression, kShare, kUnlock, kCountdownEnded, kProofShown, kError, kVisit, kConversion };

std::string_view event_name(EventType type);

// 16–64 base64url characters: what a page's random ids look like (a
// batch id, a page view's share-reference seed).
bool is_random_id(std::string_view text);

struct Event {
  EventType type = EventType::kImpression;
  std::string item;     // "" only for a visit (its item comes from the ref)
  std::string network;  // share/unlock: where; visit/conversion: from the ref
  std::string detail;   // unlock: mode; error: code; else ""
  std::string ref;      // share: the reference it put in the link; visit/conversion: the one it arrived with
  std::int64_t value_milli = 0;  // conversion value in thousandths
};

struct Batch {
  std::string id;  // the page's random batch id: a retried beacon repeats it
  std::vector<Event> events;
  std::size_t dropped = 0;  // events refused one by one (the rest still count)
  std::string first_problem;
};

// {"v": 1, "id": "<16–64 base64url>", "events": [{"type", "item", "network",
// "mode", "code", "ref", "value"}, …]}. The batch is refused as a whole
// ("invalid-batch", "unsupported-batch-version", "batch-too-large") when
// its frame is wrong; a single bad event (an unknown type, an item over 200
// bytes or not UTF-8, a network or code outside [a-z0-9-]{1,64}, a ref that
// is not 11 base64url characters, a negative or huge value) is dropped and
// counted, so one odd widget cannot silence a page.
Result<Batch> read_batch(std::string_view body);

// The reference put in a shared link (`sl_ref`) for one page view's seed,
// the network and the URL as shared: unguessable without the seed, the same
// for every click on that link, different per network and per URL.
std::string share_ref(std::string_view seed, std::string_view network, std::string_view shared_url);

struct RefTarget {
  std::string item;
  std::string network;
  friend bool operator==(const RefTarget&, const RefTarget&) = default;
};

struct CounterKey {
  std::int64_t day = 0;
  std::string item;
  std::string network;
  std::string event;
  std::string detail;
  friend bool operator==(const CounterKey&, const CounterKey&) = default;
  // By hand: the wasm toolchain's libc++ 13 has no <=> for std::string.
  friend bool operator<(const CounterKey& a, const CounterKey& b) {
    return std::tie(a.day, a.item, a.network, a.event, a.detail) < std::tie(b.day, b.item, b.network, b.event, b.detail);
  }
};

struct Increment {
  CounterKey key;
  std::int64_t count = 0;
  std::int64_t value_milli = 0;
  friend bool operator==(const Increment&, const Increment&) = default;
};

// What one batch — one page view — may count at most: a page view is one
// shopper, so repeats beyond these are not counted (a forged batch of 100
// shares adds one share per network, not 100). Items and counter rows per
// batch: kMaxItemsPerBatch, kMaxRowsPerBatch (analytics_limits.hpp).
inline constexpr std::int64_t kMaxImpressionsPerItem = 10;  // several widgets of one item on a page
inline constexpr std::int64_t kMaxRepeatsPerKey = 10;       // errors per code, conversions per item

struct Aggregate {
  std::vector<Increment> increments;       // one per key, in key order
  std::map<std::string, RefTarget> refs;   // references the batch's shares introduced
  std::size_t unattributed = 0;            // visits whose reference is unknown (not counted)
  std::size_t repeats = 0;                 // events over the per-page-view limits (not counted)
};

// Folds a batch into counters for the day of `now`. One batch is one page
// view, so it counts at most 20 items (events of more are repeats: each
// new item is a new row in the store), and: one share per item and network, one unlock
// per item and mode, one visit, one ended countdown and one shown proof
// per item, 10 impressions per item, 10 errors per item and code, 10
// conversions per item. For each item shared at all it also counts one
// "sharer" (network ""): the social-proof badge's "people who shared",
// where a shopper sharing on three networks is one person, not three.
// Visits are counted against the item and network of their reference
// (`known_refs`, looked up by the caller, or introduced by a share in the
// same batch); a visit with an unknown reference is not counted — it would
// be a guess. A conversion with a known reference of the same item is
// attributed to its network, else to "".
Aggregate aggregate(const Batch& batch, std::int64_t now, const std::map<std::string, RefTarget>& known_refs);

// The references a batch's visits and conversions arrived with, to look up.
std::vector<std::string> referenced_refs(const Batch& batch);

// UTC day number of an instant, and its "YYYY-MM-DD".
std::int64_t day_of(std::int64_t millis);
std::string iso_day(std::int64_t day);

struct Row {
  CounterKey key;
  std::int64_t count = 0;
  std::int64_t value_milli = 0;
};

// The days a report of `days` days ending today covers: [today - days + 1, today].
struct DayRange {
  std::int64_t first = 0;
  std::int64_t last = 0;
};
Result<DayRange> report_range(std::int64_t now, std::int64_t days);

// What the dashboard's report reads: sums over the report's days that the
// store makes (GROUP BY in server/store/report-queries.js), each grouped as
// one part of the report needs it, so that neither the store's answer nor
// the report grows with the number of counter rows (issue 20).
inline constexpr std::int64_t kReportListLimit = 100;  // funnel items, error codes
struct ReportSums {
  std::vector<Row> by_day;  // per (day, network, event); item and detail ""
  // Per (item, network, event) over all days, for the kReportListLimit
  // items most shared (then in byte order) among those with a funnel event
  // (impression, share, visit, or a conversion that came from a share).
  std::vector<Row> funnel;
  std::int64_t funnel_items = 0;  // how many items have one, listed or not
  std::vector<Row> errors;  // per code (detail) of "error" rows, the most frequent kReportListLimit
  std::int64_t error_codes = 0;  // how many codes there are
};

// The dashboard's numbers, as JSON: {"from", "to", "days": [{"date",
// "impression", "share", "unlock", "visit", "conversion"}] (every day of
// `range`, zeros included), "totals", "networks": [{"network", "share",
// "unlock", "visit", "conversion"}], "funnel": [{"item", "impression",
// "share", "visit", "conversion", "value"}] (most shared first; its
// conversions and value are only those that came from a share, the totals
// have all of them), "funnelItems", "errors": [{"code", "count"}] (most
// frequent first), "errorCodes"}. "funnelItems" and "errorCodes" count what
// the two lists would hold unbounded.
std::string report_json(const ReportSums& sums, DayRange range);

// The rows as CSV (RFC 4180; a cell that a spreadsheet would run as a
// formula is prefixed with an apostrophe), after the header line unless
// `header` is false (an export is written a day at a time).
std::string rows_csv(const std::vector<Row>& rows, bool header = true);

// Share counts for the social-proof feed, in "sharers" (page views that
// shared the item at least once): "7d" (today and the 6 days before it —
// never more than 7 days, so "in the last 7 days" is never overstated) and
// "all".
struct ShareCounts {
  std::int64_t last_7_days = 0;
  std::int64_t all = 0;
};
ShareCounts share_counts(const std::vector<Row>& rows, std::string_view item, std::int64_t now);

}  // namespace sharelock::analytics

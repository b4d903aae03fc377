// First-party analytics: which batches and events are read, how a batch
// folds into daily counters (server clock, visits attributed through their
// share reference), report windows, CSV, and the share counts the
// social-proof badge shows.
#include "sharelock/analytics.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <string>
#include <tuple>

#include <nlohmann/json.hpp>

#include "sharelock/analytics_api.hpp"

namespace sharelock::analytics {
namespace {

using nlohmann::json;

constexpr std::int64_t kDay = 86'400'000;
// 2026-11-25T12:00:00Z: day 20782 since 1970-01-01.
constexpr std::int64_t kNoon = 20782 * kDay + kDay / 2;
constexpr char kBatchId[] = "QmF0Y2gtaWQtMDAwMDAx";
constexpr char kRef[] = "AbCdEfGh-_0";

std::string batch_of(json events) { return json{{"v", 1}, {"id", kBatchId}, {"events", std::move(events)}}.dump(); }

Batch read_ok(json events) {
  auto batch = read_batch(batch_of(std::move(events)));
  EXPECT_TRUE(batch.ok()) << (batch.ok() ? "" : batch.error().message);
  return batch.ok() ? std::move(batch).value() : Batch{};
}

TEST(AnalyticsBatch, ReadsEveryEventType) {
  const Batch batch = read_ok(json::array({
      {{"type", "impression"}, {"item", "boots"}},
      {{"type", "share"}, {"item", "boots"}, {"network", "x"}, {"ref", kRef}},
      {{"type", "unlock"}, {"item", "guide"}, {"network", "mastodon"}, {"mode", "verified"}},
      {{"type", "countdown-ended"}, {"item", "/sale"}},
      {{"type", "proof-shown"}, {"item", "boots"}},
      {{"type", "error"}, {"item", "/p"}, {"code", "invalid-url"}},
      {{"type", "visit"}, {"ref", kRef}},
      {{"type", "conversion"}, {"item", "boots"}, {"value", 49.9}, {"ref", kRef}},
  }));
  ASSERT_EQ(batch.events.size(), 8u);
  EXPECT_EQ(batch.dropped, 0u);
  EXPECT_EQ(batch.id, kBatchId);
  EXPECT_EQ(batch.events[2].detail, "verified");
  EXPECT_EQ(batch.events[5].detail, "invalid-url");
  EXPECT_EQ(batch.events[6].item, "");
  EXPECT_EQ(batch.events[7].value_milli, 49'900);
}

TEST(AnalyticsBatch, RefusesABadFrameAsAWhole) {
  EXPECT_EQ(read_batch("not json").error().code, "invalid-batch");
  EXPECT_EQ(read_batch("[]").error().code, "invalid-batch");
  EXPECT_EQ(read_batch(R"({"v":2,"id":"QmF0Y2gtaWQtMDAwMDAx","events":[]})").error().code, "unsupported-batch-version");
  EXPECT_EQ(read_batch(R"({"v":"1","id":"QmF0Y2gtaWQtMDAwMDAx","events":[]})").error().code, "unsupported-batch-version");
  EXPECT_EQ(read_batch(R"({"v":1,"id":"short","events":[]})").error().code, "invalid-batch");
  EXPECT_EQ(read_batch(R"({"v":1,"id":"has spaces in it here!","events":[]})").error().code, "invalid-batch");
  EXPECT_EQ(read_batch(R"({"v":1,"id":"QmF0Y2gtaWQtMDAwMDAx","events":{}})").error().code, "invalid-batch");
}

TEST(AnalyticsBatch, BoundsItsSize) {
  json many = json::array();
  for (int i = 0; i < 101; ++i) many.push_back({{"type", "impression"}, {"item", "a"}});
  EXPECT_EQ(read_batch(batch_of(many)).error().code, "batch-too-large");
  many.erase(many.begin());
  EXPECT_EQ(read_ok(many).events.size(), 100u);
  EXPECT_EQ(read_batch(std::string(kMaxBatchBytes + 1, ' ')).error().code, "batch-too-large");
}

TEST(AnalyticsBatch, DropsBadEventsOneByOneAndKeepsTheRest) {
  const Batch batch = read_ok(json::array({
      {{"type", "impression"}, {"item", "ok"}},
      {{"type", "purchase"}, {"item", "boots"}},                              // unknown type
      {{"type", "impression"}, {"item", std::string(kMaxItemBytes + 1, 'a')}},  // item too long
      {{"type", "impression"}, {"item", "line\nbreak"}},                       // control character
      {{"type", "impression"}},                                                // no item
      {{"type", "share"}, {"item", "boots"}},                                  // no network
      {{"type", "share"}, {"item", "boots"}, {"network", "X!"}},               // not a name
      {{"type", "share"}, {"item", "boots"}, {"network", "myspace"}},          // no share bar has it
      {{"type", "unlock"}, {"item", "boots"}, {"network", "made-up"}, {"mode", "intent"}},
      {{"type", "share"}, {"item", "boots"}, {"network", "x"}, {"ref", "short"}},
      {{"type", "unlock"}, {"item", "boots"}, {"mode", "maybe"}},
      {{"type", "error"}, {"item", "boots"}},                                  // no code
      {{"type", "visit"}},                                                     // no ref
      {{"type", "conversion"}, {"item", "boots"}, {"value", -1}},
      {{"type", "conversion"}, {"item", "boots"}, {"value", 2e9}},
      {{"type", "conversion"}, {"item", "boots"}, {"value", "12"}},
      42,
  }));
  EXPECT_EQ(batch.events.size(), 1u);
  EXPECT_EQ(batch.dropped, 16u);
  EXPECT_EQ(batch.first_problem, "unknown event type");
  EXPECT_EQ(read_ok(json::array({{{"type", "impression"}, {"item", std::string(kMaxItemBytes, 'a')}}})).events.size(), 1u);
}

TEST(AnalyticsBatch, RefusesABodyThatIsNotUtf8) {
  // Written by hand: nlohmann refuses to write invalid UTF-8 itself. A
  // JSON text must be UTF-8, so this is no batch at all.
  const auto batch = read_batch(std::string(R"({"v":1,"id":")") + kBatchId +
                                R"(","events":[{"type":"impression","item":")" + "\xff\xfe" + R"("}]})");
  EXPECT_EQ(batch.error().code, "invalid-batch");
}

TEST(AnalyticsBatch, IgnoresARefWhereNoneBelongs) {
  const Batch batch = read_ok(json::array({{{"type", "impression"}, {"item", "boots"}, {"ref", kRef}}}));
  ASSERT_EQ(batch.events.size(), 1u);
  EXPECT_EQ(batch.events[0].ref, "");
}

TEST(AnalyticsAggregate, SumsPerDayItemNetworkEventAndDetail) {
  const Batch batch = read_ok(json::array({
      {{"type", "impression"}, {"item", "boots"}},
      {{"type", "impression"}, {"item", "boots"}},
      {{"type", "share"}, {"item", "boots"}, {"network", "x"}},
      {{"type", "share"}, {"item", "boots"}, {"network", "facebook"}},
      {{"type", "unlock"}, {"item", "boots"}, {"network", "x"}, {"mode", "intent"}},
      {{"type", "unlock"}, {"item", "boots"}, {"network", "x"}, {"mode", "verified"}},
  }));
  const Aggregate sums = aggregate(batch, kNoon, {});
  ASSERT_EQ(sums.increments.size(), 6u);
  const std::int64_t day = 20782;
  EXPECT_EQ(sums.increments[0], (Increment{{day, "boots", "", "impression", ""}, 2, 0}));
  // Two networks, one shopper: the badge's "people who shared" counts one.
  EXPECT_EQ(sums.increments[1], (Increment{{day, "boots", "", "sharer", ""}, 1, 0}));
  EXPECT_EQ(sums.increments[2], (Increment{{day, "boots", "facebook", "share", ""}, 1, 0}));
  EXPECT_EQ(sums.increments[3], (Increment{{day, "boots", "x", "share", ""}, 1, 0}));
  EXPECT_EQ(sums.increments[4], (Increment{{day, "boots", "x", "unlock", "intent"}, 1, 0}));
  EXPECT_EQ(sums.increments[5], (Increment{{day, "boots", "x", "unlock", "verified"}, 1, 0}));
  EXPECT_EQ(sums.repeats, 0u);
}

TEST(AnalyticsAggregate, APageViewCountsEachThingOnceOrBoundedly) {
  // A forged batch (any program can post one) of 100 copies adds what one
  // page view could: one share per network, not 100.
  json events = json::array();
  for (int i = 0; i < 20; ++i) {
    events.push_back({{"type", "share"}, {"item", "boots"}, {"network", "x"}});
    events.push_back({{"type", "impression"}, {"item", "boots"}});
    events.push_back({{"type", "proof-shown"}, {"item", "boots"}});
    events.push_back({{"type", "visit"}, {"ref", kRef}});
    events.push_back({{"type", "error"}, {"item", "boots"}, {"code", "feed-unavailable"}});
  }
  const Aggregate sums = aggregate(read_ok(events), kNoon, {{kRef, {"boots", "x"}}});
  std::map<std::string, std::int64_t> counted;
  for (const Increment& increment : sums.increments) counted[increment.key.event] += increment.count;
  EXPECT_EQ(counted["share"], 1);
  EXPECT_EQ(counted["sharer"], 1);
  EXPECT_EQ(counted["proof-shown"], 1);
  EXPECT_EQ(counted["visit"], 1);
  EXPECT_EQ(counted["impression"], kMaxImpressionsPerItem);
  EXPECT_EQ(counted["error"], kMaxRepeatsPerKey);
  EXPECT_EQ(sums.repeats, 100u - 1 - 1 - 1 - 10 - 10);
}

TEST(AnalyticsAggregate, APageViewCountsAtMostTwentyItems) {
  // Each new item is a new row in the store: a batch cannot add hundreds.
  json events = json::array();
  for (int i = 0; i < 30; ++i) events.push_back({{"type", "impression"}, {"item", "item-" + std::to_string(i)}});
  const Aggregate sums = aggregate(read_ok(events), kNoon, {});
  EXPECT_EQ(sums.increments.size(), kMaxItemsPerBatch);
  EXPECT_EQ(sums.repeats, 10u);
}

TEST(AnalyticsAggregate, APageViewAddsNoMoreCounterRowsThanAStoreTakes) {
  // 20 items, each seen once and shared on 4 networks: 100 events that
  // would make 20 impression rows, 80 share rows and 20 sharer rows.
  json events = json::array();
  for (int i = 0; i < 20; ++i) {
    const std::string item = "item-" + std::to_string(i);
    events.push_back({{"type", "impression"}, {"item", item}});
    for (const char* network : {"x", "bluesky", "mastodon", "email"}) {
      events.push_back({{"type", "share"}, {"item", item}, {"network", network}});
    }
  }
  const Aggregate sums = aggregate(read_ok(events), kNoon, {});
  EXPECT_EQ(sums.increments.size(), kMaxRowsPerBatch);
  EXPECT_GT(sums.repeats, 0u);
}

TEST(AnalyticsAggregate, UsesTheServersDayNotThePages) {
  const Batch batch = read_ok(json::array({{{"type", "impression"}, {"item", "boots"}, {"at", 0}}}));
  EXPECT_EQ(aggregate(batch, 20782 * kDay, {}).increments[0].key.day, 20782);
  EXPECT_EQ(aggregate(batch, 20783 * kDay - 1, {}).increments[0].key.day, 20782);
  EXPECT_EQ(aggregate(batch, 20783 * kDay, {}).increments[0].key.day, 20783);
  EXPECT_EQ(aggregate(batch, -1, {}).increments[0].key.day, -1);
}

TEST(AnalyticsAggregate, AttributesVisitsThroughKnownReferencesOnly) {
  const Batch batch = read_ok(json::array({
      {{"type", "visit"}, {"ref", kRef}},
      {{"type", "visit"}, {"ref", "ZZZZZZZZZZZ"}},
  }));
  EXPECT_EQ(referenced_refs(batch), (std::vector<std::string>{kRef, "ZZZZZZZZZZZ"}));
  const Aggregate sums = aggregate(batch, kNoon, {{kRef, {"boots", "whatsapp"}}});
  ASSERT_EQ(sums.increments.size(), 1u);
  EXPECT_EQ(sums.increments[0].key.item, "boots");
  EXPECT_EQ(sums.increments[0].key.network, "whatsapp");
  EXPECT_EQ(sums.increments[0].key.event, "visit");
  EXPECT_EQ(sums.unattributed, 1u);
}

TEST(AnalyticsAggregate, ASharesReferenceIsRecordedOnceAndServesTheSameBatch) {
  const Batch batch = read_ok(json::array({
      {{"type", "share"}, {"item", "boots"}, {"network", "telegram"}, {"ref", kRef}},
      {{"type", "visit"}, {"ref", kRef}},
  }));
  const Aggregate fresh = aggregate(batch, kNoon, {});
  EXPECT_EQ(fresh.refs.at(kRef), (RefTarget{"boots", "telegram"}));
  EXPECT_EQ(fresh.unattributed, 0u);
  // Known already: not introduced again, so the first share's target stands.
  const Aggregate known = aggregate(batch, kNoon, {{kRef, {"sandals", "x"}}});
  EXPECT_TRUE(known.refs.empty());
  ASSERT_EQ(known.increments.size(), 3u);  // boots' sharer and share, the visit
  EXPECT_EQ(known.increments[2].key.event, "visit");
  EXPECT_EQ(known.increments[2].key.item, "sandals");
}

TEST(AnalyticsAggregate, AttributesAConversionOnlyToAShareOfThatItem) {
  const Batch batch = read_ok(json::array({
      {{"type", "conversion"}, {"item", "boots"}, {"value", 10.5}, {"ref", kRef}},
      {{"type", "conversion"}, {"item", "hat"}, {"value", 3}, {"ref", kRef}},
      {{"type", "conversion"}, {"item", "boots"}, {"value", 0.25}},
  }));
  const Aggregate sums = aggregate(batch, kNoon, {{kRef, {"boots", "x"}}});
  ASSERT_EQ(sums.increments.size(), 3u);
  EXPECT_EQ(sums.increments[0], (Increment{{20782, "boots", "", "conversion", ""}, 1, 250}));
  EXPECT_EQ(sums.increments[1], (Increment{{20782, "boots", "x", "conversion", ""}, 1, 10'500}));
  EXPECT_EQ(sums.increments[2], (Increment{{20782, "hat", "", "conversion", ""}, 1, 3'000}));
}

TEST(AnalyticsAggregate, TheSameBatchAlwaysGivesTheSameCounters) {
  // A retried beacon repeats its batch id and content; the store keeps the
  // id so a retry adds nothing, which needs the same id out every time.
  const std::string body = batch_of(json::array({{{"type", "impression"}, {"item", "boots"}}}));
  const json first = json::parse(analytics_aggregate_batch(json{{"body", body}, {"now", kNoon}}.dump()));
  const json again = json::parse(analytics_aggregate_batch(json{{"body", body}, {"now", kNoon}}.dump()));
  EXPECT_EQ(first, again);
  EXPECT_EQ(first["id"], kBatchId);
}

TEST(AnalyticsRef, IsShortUnguessableAndStablePerLink) {
  const std::string seed = "0123456789abcdef";
  const std::string ref = share_ref(seed, "x", "https://shop.example/boots");
  EXPECT_EQ(ref.size(), kRefLength);
  EXPECT_EQ(ref, share_ref(seed, "x", "https://shop.example/boots"));
  EXPECT_NE(ref, share_ref(seed, "facebook", "https://shop.example/boots"));
  EXPECT_NE(ref, share_ref(seed, "x", "https://shop.example/hat"));
  EXPECT_NE(ref, share_ref("fedcba9876543210", "x", "https://shop.example/boots"));
  EXPECT_NE(share_ref(seed, "ab", "c"), share_ref(seed, "a", "bc"));
}

std::vector<Row> sample_rows() {
  return {
      {{20775, "boots", "x", "share", ""}, 4, 0},  // the 18th, 7 days before the 25th: outside 7 days
      {{20777, "boots", "x", "share", ""}, 3, 0},
      {{20782, "boots", "x", "share", ""}, 5, 0},
      {{20782, "boots", "facebook", "share", ""}, 2, 0},
      {{20782, "boots", "", "sharer", ""}, 6, 0},
      {{20777, "boots", "", "sharer", ""}, 3, 0},
      {{20775, "boots", "", "sharer", ""}, 4, 0},
      {{20782, "boots", "", "impression", ""}, 40, 0},
      {{20782, "boots", "x", "visit", ""}, 6, 0},
      {{20782, "boots", "x", "conversion", ""}, 1, 49'900},
      {{20782, "boots", "", "conversion", ""}, 2, 20'000},
      {{20781, "guide", "x", "unlock", "verified"}, 1, 0},
      {{20781, "guide", "", "error", "feed-unavailable"}, 3, 0},
  };
}

TEST(AnalyticsReport, CoversExactlyTheDaysAskedEndingToday) {
  EXPECT_EQ(report_range(kNoon, 7).value().first, 20776);
  EXPECT_EQ(report_range(kNoon, 7).value().last, 20782);
  EXPECT_EQ(report_range(kNoon, 0).error().code, "invalid-days");
  EXPECT_EQ(report_range(kNoon, 367).error().code, "invalid-days");
  EXPECT_TRUE(report_range(kNoon, 366).ok());
}

// What the stores' report queries (server/store/report-queries.js) answer
// for these rows, worked out here without SQL: sums per (day, network,
// event), per (item, network, event), per error code.
ReportSums sums_of(const std::vector<Row>& rows, DayRange range) {
  std::map<std::tuple<std::int64_t, std::string, std::string>, Row> by_day;
  std::map<std::tuple<std::string, std::string, std::string>, Row> funnel;
  std::map<std::string, Row> errors;
  for (const Row& row : rows) {
    if (row.key.day < range.first || row.key.day > range.last) continue;
    Row& day = by_day[{row.key.day, row.key.network, row.key.event}];
    day.key = {row.key.day, "", row.key.network, row.key.event, ""};
    day.count += row.count;
    day.value_milli += row.value_milli;
    Row& item = funnel[{row.key.item, row.key.network, row.key.event}];
    item.key = {range.first, row.key.item, row.key.network, row.key.event, ""};
    item.count += row.count;
    item.value_milli += row.value_milli;
    if (row.key.event == "error") {
      Row& code = errors[row.key.detail];
      code.key = {range.first, "", "", "error", row.key.detail};
      code.count += row.count;
    }
  }
  ReportSums sums;
  for (auto& [key, row] : by_day) sums.by_day.push_back(row);
  for (auto& [key, row] : funnel) sums.funnel.push_back(row);
  for (auto& [key, row] : errors) sums.errors.push_back(row);
  return sums;
}

TEST(AnalyticsReport, TotalsDaysNetworksFunnelAndErrors) {
  const json report = json::parse(report_json(sums_of(sample_rows(), {20777, 20782}), {20777, 20782}));
  EXPECT_EQ(report["from"], "2026-11-20");
  EXPECT_EQ(report["to"], "2026-11-25");
  ASSERT_EQ(report["days"].size(), 6u);
  EXPECT_EQ(report["days"][0]["share"], 3);
  EXPECT_EQ(report["days"][1]["share"], 0);  // an empty day is still on the chart
  EXPECT_EQ(report["days"][5]["share"], 7);
  EXPECT_EQ(report["days"][4]["unlock"], 1);
  EXPECT_EQ(report["totals"]["share"], 10);  // the 4 of the 19th are outside
  EXPECT_EQ(report["totals"]["conversion"], 3);
  EXPECT_DOUBLE_EQ(report["totals"]["value"].get<double>(), 69.9);
  EXPECT_EQ(report["totals"]["error"], 3);
  ASSERT_EQ(report["networks"].size(), 2u);
  EXPECT_EQ(report["networks"][0], (json{{"network", "x"}, {"share", 8}, {"unlock", 1}, {"visit", 6}, {"conversion", 1}}));
  EXPECT_EQ(report["networks"][1]["network"], "facebook");
  // guide has only an unlock and an error: nothing of the funnel, no row.
  ASSERT_EQ(report["funnel"].size(), 1u);
  EXPECT_EQ(report["funnel"][0]["item"], "boots");
  EXPECT_EQ(report["funnel"][0]["impression"], 40);
  EXPECT_EQ(report["funnel"][0]["share"], 10);
  EXPECT_EQ(report["funnel"][0]["visit"], 6);
  // The funnel follows shares: the 2 conversions without one are in the
  // totals only.
  EXPECT_EQ(report["funnel"][0]["conversion"], 1);
  EXPECT_DOUBLE_EQ(report["funnel"][0]["value"].get<double>(), 49.9);
  EXPECT_EQ(report["funnelItems"], 1);
  EXPECT_EQ(report["errors"], (json::array({{{"code", "feed-unavailable"}, {"count", 3}}})));
  EXPECT_EQ(report["errorCodes"], 1);
}

TEST(AnalyticsReport, ListsAtMostTheLimitAndSaysHowManyThereAre) {
  ReportSums sums;
  for (int i = 0; i < kReportListLimit + 5; ++i) {
    const std::string name = "item-" + std::to_string(1000 + i);
    sums.funnel.push_back({{20782, name, "x", "share", ""}, i, 0});
    sums.errors.push_back({{20782, "", "", "error", "code-" + std::to_string(1000 + i)}, 1000 - i, 0});
  }
  // The store sends the first kReportListLimit and counts the rest.
  sums.funnel_items = 2 * kReportListLimit;
  sums.error_codes = 3 * kReportListLimit;
  const json report = json::parse(report_json(sums, {20782, 20782}));
  ASSERT_EQ(report["funnel"].size(), static_cast<std::size_t>(kReportListLimit));
  EXPECT_EQ(report["funnel"][0]["item"], "item-" + std::to_string(1000 + kReportListLimit + 4));  // most shared first
  EXPECT_EQ(report["funnelItems"], 2 * kReportListLimit);
  ASSERT_EQ(report["errors"].size(), static_cast<std::size_t>(kReportListLimit));
  EXPECT_EQ(report["errors"][0], (json{{"code", "code-1000"}, {"count", 1000}}));  // most frequent first
  EXPECT_EQ(report["errorCodes"], 3 * kReportListLimit);
  // A store that counted fewer than it sent cannot make the count a lie.
  sums.funnel_items = 0;
  EXPECT_EQ(json::parse(report_json(sums, {20782, 20782}))["funnelItems"], kReportListLimit + 5);
}

TEST(AnalyticsReport, AnEmptyStoreGivesZerosNotGaps) {
  const json report = json::parse(report_json(ReportSums{}, {20782, 20782}));
  EXPECT_EQ(report["days"].size(), 1u);
  EXPECT_EQ(report["totals"]["share"], 0);
  EXPECT_TRUE(report["funnel"].empty());
}

TEST(AnalyticsCsv, QuotesAndDefusesFormulas) {
  const std::string csv = rows_csv({
      {{20782, "=HYPERLINK(\"http://evil\")", "x", "share", ""}, 2, 0},
      {{20782, "boots, red", "", "conversion", ""}, 1, 49'900},
      {{20782, "hat", "", "conversion", ""}, 1, 3'000},
  });
  EXPECT_EQ(csv,
            "date,item,network,event,detail,count,value\r\n"
            "2026-11-25,\"'=HYPERLINK(\"\"http://evil\"\")\",x,share,,2,0\r\n"
            "2026-11-25,\"boots, red\",,conversion,,1,49.9\r\n"
            "2026-11-25,hat,,conversion,,1,3\r\n");
}

TEST(AnalyticsCsv, QuotesSemicolonsAndTabsForLocalesThatSplitOnThem) {
  // In es, de or fr spreadsheets ';' separates cells: unquoted, "=1+2"
  // would be a cell of its own, and a formula.
  const std::string csv = rows_csv({
      {{20782, "a;=1+2;", "x", "share", ""}, 1, 0},
      {{20782, "b\t=1+2", "x", "share", ""}, 1, 0},
  });
  EXPECT_EQ(csv,
            "date,item,network,event,detail,count,value\r\n"
            "2026-11-25,\"a;=1+2;\",x,share,,1,0\r\n"
            "2026-11-25,\"b\t=1+2\",x,share,,1,0\r\n");
}

TEST(AnalyticsCsv, LeavesTheHeaderOutForTheDaysAfterTheFirst) {
  const std::vector<Row> rows = {{{20782, "hat", "x", "share", ""}, 1, 0}};
  EXPECT_EQ(rows_csv(rows, false), "2026-11-25,hat,x,share,,1,0\r\n");
  const json answer = json::parse(analytics_csv(json{{"rows", {{{"day", 20782}, {"item", "hat"}, {"network", "x"},
                                                                 {"event", "share"}, {"count", 1}}}},
                                                     {"header", false}}.dump()));
  EXPECT_EQ(answer["csv"], "2026-11-25,hat,x,share,,1,0\r\n");
}

TEST(AnalyticsShareCounts, CountsSharersInSevenDaysNeverMoreAndAllTime) {
  const ShareCounts counts = share_counts(sample_rows(), "boots", kNoon);
  EXPECT_EQ(counts.last_7_days, 9);  // sharers of the 20th and the 25th; the 18th is out
  EXPECT_EQ(counts.all, 13);
  EXPECT_EQ(share_counts(sample_rows(), "guide", kNoon).all, 0);
  // A row from a later day than "now" (a clock set back) is not counted.
  EXPECT_EQ(share_counts({{{20783, "boots", "", "sharer", ""}, 9, 0}}, "boots", kNoon).all, 0);
}

TEST(AnalyticsApi, RefusesWithAStatusAndCode) {
  const json refused = json::parse(analytics_batch_refs(json{{"body", "{}"}}.dump()));
  EXPECT_EQ(refused["ok"], false);
  EXPECT_EQ(refused["status"], 400);
  const json huge = json::parse(analytics_batch_refs(json{{"body", std::string(kMaxBatchBytes + 1, ' ')}}.dump()));
  EXPECT_EQ(huge["status"], 413);
  const json range = json::parse(analytics_range(json{{"days", "7"}, {"now", kNoon}}.dump()));
  EXPECT_EQ(range["error"]["code"], "invalid-days");
}

TEST(AnalyticsApi, ReadsRowsDefensively) {
  const json counts = json::parse(analytics_share_counts(
      json{{"rows", json::array({42, {{"day", 20782}, {"item", "boots"}, {"event", "sharer"}, {"count", 3}},
                                 {{"day", "x"}, {"item", "boots"}, {"event", "sharer"}, {"count", 5}}})},
           {"item", "boots"},
           {"now", kNoon}}
          .dump()));
  EXPECT_EQ(counts["last7Days"], 3);  // the row with a bad day reads as day 0: outside 7 days
  EXPECT_EQ(counts["all"], 8);
}

}  // namespace
}  // namespace sharelock::analytics

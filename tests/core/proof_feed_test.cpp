// The version-1 social-proof feed as a hostile server could write it (the
// name and place rules are in proof_names_test.cpp). Every instant is
// written by hand relative to kNow. Feeds are written as text and handed to
// the core as the shim would: cut where it stops reading, parsed as
// JSON.parse parses, measured in bytes (proof_json.hpp).
#include "sharelock/proof_feed.hpp"

#include "proof_json.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace sharelock::proof {
namespace {

using nlohmann::json;

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;

// Wed 2026-11-25T14:30:00Z.
constexpr std::int64_t kNow = 1'795'617'000'000;

const char* const kBadCount = "a counter's \"count\" is not a whole number from 0 to 999999999999";
const char* const kTooManyRows = "only the first 1000 counters are read";

Result<Feed> parse_feed(std::string_view body, std::int64_t now) { return testing::parse_feed_text(body, now); }

Feed parse_ok(const std::string& body, std::int64_t now = kNow) {
  auto feed = parse_feed(body, now);
  EXPECT_TRUE(feed.ok()) << body.substr(0, 200) << ": " << (feed.ok() ? "" : feed.error().message);
  return feed.ok() ? std::move(feed).value() : Feed{};
}

std::string parse_error(const std::string& body) {
  auto feed = parse_feed(body, kNow);
  if (feed.ok()) return "(parsed)";
  EXPECT_EQ(feed.error().attribute, "");
  return feed.error().code;
}

json event(const std::string& at, const std::string& name = "", const std::string& id = "") {
  json row = {{"type", "purchase"}, {"item", "ebook"}, {"at", at}};
  if (!name.empty()) row["name"] = name;
  if (!id.empty()) row["id"] = id;
  return row;
}

std::string events_feed(const json& events) { return json({{"version", 1}, {"events", events}}).dump(); }
std::string counters_feed(const json& counters) { return json({{"version", 1}, {"counters", counters}}).dump(); }

// ---- valid feeds ----------------------------------------------------------

TEST(ProofFeed, ReadsAValidFeed) {
  const Feed feed = parse_ok(R"({
    "version": 1,
    "counters": [
      {"item": "ebook", "type": "purchase", "count": 1284, "window": "24h", "at": "2026-11-25T14:00:00Z"},
      {"type": "viewing", "count": 7, "at": "2026-11-25T15:29:30+01:00"},
      {"item": "ebook", "type": "unlock", "count": 0}
    ],
    "events": [
      {"type": "signup", "at": "2026-11-25T15:20:00+01:00"},
      {"type": "purchase", "item": "ebook", "at": "2026-11-25T14:25:00.500Z", "name": "Ana", "place": "Madrid",
       "id": "order-1"}
    ]
  })");
  EXPECT_EQ(feed.skipped, 0u);
  EXPECT_EQ(feed.first_problem, "");
  ASSERT_EQ(feed.counters.size(), 3u);
  EXPECT_EQ(feed.counters[0].item, "ebook");
  EXPECT_EQ(feed.counters[0].activity, Activity::kPurchase);
  EXPECT_EQ(feed.counters[0].window, "24h");
  EXPECT_EQ(feed.counters[0].count, 1284);
  EXPECT_EQ(feed.counters[0].at, kNow - 30 * kMinute);
  EXPECT_EQ(feed.counters[1].item, "");
  EXPECT_EQ(feed.counters[1].activity, Activity::kViewing);
  EXPECT_EQ(feed.counters[1].window, "all");
  EXPECT_EQ(feed.counters[1].count, 7);
  EXPECT_EQ(feed.counters[1].at, kNow - 30 * kSecond);
  EXPECT_EQ(feed.counters[2].activity, Activity::kUnlock);
  EXPECT_EQ(feed.counters[2].count, 0);
  EXPECT_FALSE(feed.counters[2].at.has_value());
  // Newest first, whatever order the feed used.
  ASSERT_EQ(feed.events.size(), 2u);
  EXPECT_EQ(feed.events[0].activity, Activity::kPurchase);
  EXPECT_EQ(feed.events[0].item, "ebook");
  EXPECT_EQ(feed.events[0].at, kNow - 5 * kMinute + 500);
  EXPECT_EQ(feed.events[0].name, "Ana");
  EXPECT_EQ(feed.events[0].place, "Madrid");
  EXPECT_EQ(feed.events[1].activity, Activity::kSignup);
  EXPECT_EQ(feed.events[1].item, "");
  EXPECT_EQ(feed.events[1].at, kNow - 10 * kMinute);
  EXPECT_EQ(feed.events[1].name, "");
  EXPECT_EQ(feed.events[1].place, "");
}

TEST(ProofFeed, EitherListAloneIsAFeed) {
  EXPECT_EQ(parse_ok(R"({"version":1,"counters":[]})").counters.size(), 0u);
  EXPECT_EQ(parse_ok(R"({"version":1,"events":[]})").events.size(), 0u);
  // A list of the wrong shape next to a good one is ignored.
  const Feed feed = parse_ok(R"({"version":1,"counters":{"count":5},"events":[]})");
  EXPECT_EQ(feed.counters.size(), 0u);
  EXPECT_EQ(feed.skipped, 0u);
}

TEST(ProofFeed, UnknownFieldsAreIgnored) {
  const Feed feed = parse_ok(R"({"version":1,"generator":"shop","events":[
    {"type":"purchase","at":"2026-11-25T14:00:00Z","name":"Ana","email":"ana@example.com","surname":"López",
     "phone":"+34 600 000 000"}]})");
  ASSERT_EQ(feed.events.size(), 1u);
  EXPECT_EQ(feed.events[0].name, "Ana");
  EXPECT_EQ(feed.events[0].place, "");
  EXPECT_EQ(feed.skipped, 0u);
}

// ---- not a feed -----------------------------------------------------------

TEST(ProofFeed, RefusesWhatIsNotAJsonObject) {
  for (const char* body : {"", "not json", "{\"version\":1,", "[]", "[{\"version\":1}]", "\"feed\"", "42", "null"}) {
    auto feed = parse_feed(body, kNow);
    ASSERT_FALSE(feed.ok()) << body;
    EXPECT_EQ(feed.error().code, "invalid-feed") << body;
    EXPECT_EQ(feed.error().message, "the feed is not a JSON object") << body;
  }
}

TEST(ProofFeed, RefusesOtherVersions) {
  for (const char* body : {R"({"counters":[]})", R"({"version":2,"counters":[]})", R"({"version":0,"counters":[]})",
                           R"({"version":-1,"counters":[]})", R"({"version":"1","counters":[]})",
                           R"({"version":1.5,"counters":[]})", R"({"version":null,"counters":[]})",
                           R"({"version":18446744073709551615,"counters":[]})"}) {
    EXPECT_EQ(parse_error(body), "unsupported-feed-version") << body;
  }
  // To JSON.parse, 1.0 is the number 1 (the JSON core, reading the text
  // itself, refused it).
  EXPECT_EQ(parse_ok(R"({"version":1.0,"counters":[]})").skipped, 0u);
}

TEST(ProofFeed, RefusesAFeedWithoutLists) {
  for (const char* body : {R"({"version":1})", R"({"version":1,"counters":{},"events":"none"})",
                           R"({"version":1,"counters":null,"events":42})"}) {
    auto feed = parse_feed(body, kNow);
    ASSERT_FALSE(feed.ok()) << body;
    EXPECT_EQ(feed.error().code, "invalid-feed") << body;
    EXPECT_EQ(feed.error().message, "the feed has neither a \"counters\" nor an \"events\" list") << body;
  }
}

// ---- size bounds ----------------------------------------------------------

TEST(ProofFeed, RefusesAFeedOverOneMebibyteUnread) {
  // Ten megabytes that would parse as a valid feed: refused by size alone.
  std::string huge = R"({"version":1,"events":[)";
  const std::string row = event("2026-11-25T14:00:00Z").dump();
  while (huge.size() < 10u << 20) huge += row + ",";
  huge += row + "]}";
  ASSERT_GT(huge.size(), 10u << 20);
  auto feed = parse_feed(huge, kNow);
  ASSERT_FALSE(feed.ok());
  EXPECT_EQ(feed.error().code, "feed-too-large");
  EXPECT_EQ(feed.error().message, "the feed is over 1 MiB; serve the recent rows only");
  // Ten megabytes of garbage: the same answer, not a parse error.
  EXPECT_EQ(parse_error(std::string(10u << 20, '[')), "feed-too-large");
}

TEST(ProofFeed, AcceptsExactlyOneMebibyte) {
  std::string body = R"({"version":1,"counters":[{"type":"purchase","count":3}]})";
  body.insert(1, kMaxFeedBytes - body.size(), ' ');
  ASSERT_EQ(body.size(), kMaxFeedBytes);
  EXPECT_EQ(parse_ok(body).counters.size(), 1u);
  body.insert(1, " ");
  EXPECT_EQ(parse_error(body), "feed-too-large");
}

TEST(ProofFeed, ReadsAtMostAThousandRowsPerList) {
  json counters = json::array();
  for (int i = 0; i < 1500; ++i) {
    counters.push_back({{"type", "purchase"}, {"item", "i" + std::to_string(i)}, {"count", i}});
  }
  json events = json::array();
  for (int i = 0; i < 1200; ++i) {
    events.push_back({{"type", "share"}, {"id", std::to_string(i)}, {"at", "2026-11-25T14:00:00Z"}});
  }
  const Feed feed = parse_ok(json({{"version", 1}, {"counters", counters}, {"events", events}}).dump());
  ASSERT_EQ(feed.counters.size(), 1000u);
  EXPECT_EQ(feed.counters.back().item, "i999");
  EXPECT_EQ(feed.events.size(), 1000u);
  EXPECT_EQ(feed.skipped, 500u + 200u);
  EXPECT_EQ(feed.first_problem, kTooManyRows);
}

TEST(ProofFeed, AFeedListedOldestFirstKeepsItsNewestThousandEvents) {
  json events = json::array();
  for (int i = 0; i < 1200; ++i) {  // oldest first: minute i of the day
    const std::string minute = (i / 60 < 10 ? "0" : "") + std::to_string(i / 60) + ":" + (i % 60 < 10 ? "0" : "") +
                               std::to_string(i % 60);
    events.push_back({{"type", "share"}, {"id", std::to_string(i)}, {"at", "2026-11-24T" + minute + ":00Z"}});
  }
  const Feed feed = parse_ok(json({{"version", 1}, {"events", events}}).dump());
  ASSERT_EQ(feed.events.size(), 1000u);
  // The newest (minute 1199 = 19:59) is kept; the 200 oldest are not.
  EXPECT_EQ(feed.events.front().at, parse_ok(json({{"version", 1}, {"events", {events[1199]}}}).dump()).events[0].at);
  EXPECT_EQ(feed.events.back().at, parse_ok(json({{"version", 1}, {"events", {events[200]}}}).dump()).events[0].at);
  EXPECT_EQ(feed.skipped, 200u);
  EXPECT_EQ(feed.first_problem, "only the newest 1000 events are read");
}

TEST(ProofFeed, ExactlyAThousandRowsAreAllRead) {
  json counters = json::array();
  for (int i = 0; i < 1000; ++i) counters.push_back({{"type", "purchase"}, {"count", i}});
  const Feed feed = parse_ok(counters_feed(counters));
  EXPECT_EQ(feed.counters.size(), 1000u);
  EXPECT_EQ(feed.skipped, 0u);
  EXPECT_EQ(feed.first_problem, "");
}

TEST(ProofFeed, TheFirstBadRowStaysTheFirstProblem) {
  json counters = json::array({{{"type", "purchase"}, {"count", -1}}});
  for (int i = 0; i < 1100; ++i) counters.push_back({{"type", "purchase"}, {"count", i}});
  const Feed feed = parse_ok(counters_feed(counters));
  EXPECT_EQ(feed.counters.size(), 999u);
  EXPECT_EQ(feed.skipped, 1u + 101u);
  EXPECT_EQ(feed.first_problem, kBadCount);
}

TEST(ProofFeed, DeepNestingIsOnlyABadRow) {
  const std::size_t depth = 300'000;
  const std::string body =
      R"({"version":1,"counters":[)" + std::string(depth, '[') + std::string(depth, ']') + "]}";
  ASSERT_LT(body.size(), kMaxFeedBytes);
  const Feed feed = parse_ok(body);
  EXPECT_EQ(feed.counters.size(), 0u);
  EXPECT_EQ(feed.skipped, 1u);
  EXPECT_EQ(feed.first_problem, "a counter is not an object");
}

// ---- hostile counters -----------------------------------------------------

TEST(ProofFeed, SkipsCountsThatAreNotWholeNumbersInRange) {
  const Feed feed = parse_ok(R"({"version":1,"counters":[
    {"type":"purchase","count":1e300},
    {"type":"purchase","count":18446744073709551615},
    {"type":"purchase","count":9223372036854775808},
    {"type":"purchase","count":9223372036854775807},
    {"type":"purchase","count":1000000000000},
    {"type":"purchase","count":-1},
    {"type":"purchase","count":-9223372036854775808},
    {"type":"purchase","count":12.5},
    {"type":"purchase","count":12.000001},
    {"type":"purchase","count":"12"},
    {"type":"purchase","count":null},
    {"type":"purchase","count":true},
    {"type":"purchase","count":[12]},
    {"type":"purchase"},
    {"type":"purchase","count":999999999999,"item":"max"},
    {"type":"purchase","count":0,"item":"zero"}
  ]})");
  ASSERT_EQ(feed.counters.size(), 2u);
  EXPECT_EQ(feed.counters[0].item, "max");
  EXPECT_EQ(feed.counters[0].count, kMaxCount);
  EXPECT_EQ(feed.counters[1].item, "zero");
  EXPECT_EQ(feed.counters[1].count, 0);
  EXPECT_EQ(feed.skipped, 14u);
  EXPECT_EQ(feed.first_problem, kBadCount);
  // To JSON.parse, 12.0 is the whole number 12 (the JSON core, reading the
  // text itself, refused it).
  EXPECT_EQ(parse_ok(R"({"version":1,"counters":[{"type":"purchase","count":12.0}]})").counters.at(0).count, 12);
}

TEST(ProofFeed, SkipsCountersOfTheWrongShape) {
  const std::string long_item(201, 'x');
  const Feed feed = parse_ok(json({{"version", 1},
                                   {"counters",
                                    {"purchase", json::array(), nullptr, 42, true,
                                     {{"type", "buy"}, {"count", 1}},
                                     {{"type", 1}, {"count", 1}},
                                     {{"count", 1}},
                                     {{"type", "purchase"}, {"count", 1}, {"item", 7}},
                                     {{"type", "purchase"}, {"count", 1}, {"item", nullptr}},
                                     {{"type", "purchase"}, {"count", 1}, {"item", long_item}},
                                     {{"type", "purchase"}, {"count", 1}, {"window", "2d"}},
                                     {{"type", "purchase"}, {"count", 1}, {"window", 24}},
                                     {{"type", "purchase"}, {"count", 1}, {"at", 1795617000000}},
                                     {{"type", "purchase"}, {"count", 1}, {"at", "yesterday"}},
                                     {{"type", "viewing"}, {"count", 1}},
                                     {{"type", "purchase"}, {"count", 2}, {"item", std::string(200, 'x')}}}}})
                                 .dump());
  ASSERT_EQ(feed.counters.size(), 1u);
  EXPECT_EQ(feed.counters[0].count, 2);
  EXPECT_EQ(feed.counters[0].item.size(), 200u);
  EXPECT_EQ(feed.skipped, 16u);
  EXPECT_EQ(feed.first_problem, "a counter is not an object");
}

TEST(ProofFeed, NamesWhyTheFirstCounterWasSkipped) {
  const auto problem = [](const json& row) { return parse_ok(counters_feed(json::array({row}))).first_problem; };
  EXPECT_EQ(problem({{"type", "buy"}, {"count", 1}}), "a counter has no known \"type\"");
  EXPECT_EQ(problem({{"type", "purchase"}, {"count", 1}, {"item", 7}}),
            "a counter's \"item\" is not a short string");
  EXPECT_EQ(problem({{"type", "purchase"}, {"count", -3}}), kBadCount);
  EXPECT_EQ(problem({{"type", "purchase"}, {"count", 1}, {"window", "2d"}}),
            "a counter's \"window\" is not 1h, 24h, 7d, 30d or all");
  EXPECT_EQ(problem({{"type", "purchase"}, {"count", 1}, {"at", "2026-11-25T14:00:00"}}),
            "a counter's \"at\" is not an ISO 8601 time with an offset");
  EXPECT_EQ(problem({{"type", "purchase"}, {"count", 1}, {"at", "2026-11-26T14:00:00Z"}}),
            "a counter's \"at\" is in the future");
  EXPECT_EQ(problem({{"type", "viewing"}, {"count", 1}}), "a \"viewing\" counter needs \"at\"");
}

TEST(ProofFeed, CounterTimesMayRunAtMostTwoMinutesAhead) {
  const Feed feed = parse_ok(counters_feed({
      {{"type", "viewing"}, {"count", 1}, {"at", "2026-11-25T14:32:00Z"}},      // exactly 2 min ahead: kept
      {{"type", "viewing"}, {"count", 2}, {"at", "2026-11-25T14:32:00.001Z"}},  // 1 ms more: skipped
      {{"type", "purchase"}, {"count", 3}, {"at", "2026-11-25T15:31:00+01:00"}},
      {{"type", "purchase"}, {"count", 4}, {"at", "2027-01-01T00:00:00Z"}},
  }));
  ASSERT_EQ(feed.counters.size(), 2u);
  EXPECT_EQ(feed.counters[0].count, 1);
  EXPECT_EQ(feed.counters[0].at, kNow + 2 * kMinute);
  EXPECT_EQ(feed.counters[1].count, 3);
  EXPECT_EQ(feed.counters[1].at, kNow + kMinute);
  EXPECT_EQ(feed.skipped, 2u);
  EXPECT_EQ(feed.first_problem, "a counter's \"at\" is in the future");
}

// ---- hostile events -------------------------------------------------------

TEST(ProofFeed, EventTimesMayRunAtMostTwoMinutesAhead) {
  const Feed feed = parse_ok(events_feed({
      event("2026-11-25T14:31:59Z", "Ana"),
      event("2026-11-25T14:32:00Z", "Bea"),
      event("2026-11-25T14:32:01Z", "Carla"),
      event("2026-11-26T14:30:00Z", "Dana"),
      event("2126-11-25T14:30:00Z", "Eva"),
  }));
  ASSERT_EQ(feed.events.size(), 2u);
  EXPECT_EQ(feed.events[0].name, "Bea");
  EXPECT_EQ(feed.events[0].at, kNow + 2 * kMinute);
  EXPECT_EQ(feed.events[1].name, "Ana");
  EXPECT_EQ(feed.skipped, 3u);
  EXPECT_EQ(feed.first_problem, "an event's \"at\" is in the future");
}

TEST(ProofFeed, EventTimesNeedAnOffset) {
  const Feed feed = parse_ok(events_feed({
      event("2026-11-25T14:00:00"),
      event("2026-11-25 14:00:00Z"),
      event("2026-11-25"),
      event("1795617000000"),
      {{"type", "purchase"}, {"at", 1795617000000}},
      {{"type", "purchase"}},
      event("2026-11-25T10:00:00-03:00", "Lía"),  // 13:00Z
  }));
  ASSERT_EQ(feed.events.size(), 1u);
  EXPECT_EQ(feed.events[0].name, "Lía");
  EXPECT_EQ(feed.events[0].at, kNow - kHour - 30 * kMinute);
  EXPECT_EQ(feed.skipped, 6u);
  EXPECT_EQ(feed.first_problem, "an event's \"at\" is missing or not an ISO 8601 time with an offset");
}

TEST(ProofFeed, SkipsEventsOfTheWrongShape) {
  const Feed feed = parse_ok(events_feed({
      "purchase",
      json::array({"purchase", "2026-11-25T14:00:00Z"}),
      nullptr,
      12,
      {{"type", "viewing"}, {"at", "2026-11-25T14:00:00Z"}},
      {{"type", "refund"}, {"at", "2026-11-25T14:00:00Z"}},
      {{"type", nullptr}, {"at", "2026-11-25T14:00:00Z"}},
      {{"type", "purchase"}, {"item", json::array()}, {"at", "2026-11-25T14:00:00Z"}},
      // A name or place of the wrong type is just absent.
      {{"type", "purchase"}, {"name", 42}, {"place", json::array({"Madrid"})}, {"at", "2026-11-25T14:00:00Z"}},
  }));
  ASSERT_EQ(feed.events.size(), 1u);
  EXPECT_EQ(feed.events[0].name, "");
  EXPECT_EQ(feed.events[0].place, "");
  EXPECT_EQ(feed.skipped, 8u);
  EXPECT_EQ(feed.first_problem, "an event is not an object");

  EXPECT_EQ(parse_ok(events_feed({{{"type", "viewing"}, {"at", "2026-11-25T14:00:00Z"}}})).first_problem,
            "an event has no known \"type\"");
  EXPECT_EQ(parse_ok(events_feed({{{"type", "share"}, {"item", 3}, {"at", "2026-11-25T14:00:00Z"}}})).first_problem,
            "an event's \"item\" is not a short string");
}

TEST(ProofFeed, DropsDuplicateEvents) {
  const Feed feed = parse_ok(events_feed({
      // The same order twice (a retried webhook), even with other details.
      event("2026-11-25T14:00:00Z", "Ana", "order-7"),
      event("2026-11-25T14:05:00Z", "Bea", "order-7"),
      // The same row twice without an id, even with the offset written differently.
      event("2026-11-25T13:00:00Z", "Carla"),
      event("2026-11-25T14:00:00+01:00", "Carla"),
      // Same moment, different people: two events.
      event("2026-11-25T12:00:00Z", "Dana"),
      event("2026-11-25T12:00:00Z", "Eva"),
      // Same content, different ids: two orders.
      event("2026-11-25T11:00:00Z", "Fe", "order-8"),
      event("2026-11-25T11:00:00Z", "Fe", "order-9"),
  }));
  ASSERT_EQ(feed.events.size(), 6u);
  EXPECT_EQ(feed.events[0].name, "Ana");
  EXPECT_EQ(feed.events[0].at, kNow - 30 * kMinute);
  EXPECT_EQ(feed.events[1].name, "Carla");
  EXPECT_EQ(feed.events[2].name, "Dana");
  EXPECT_EQ(feed.events[3].name, "Eva");
  EXPECT_EQ(feed.events[4].name, "Fe");
  EXPECT_EQ(feed.events[5].name, "Fe");
  // A duplicate is not a bad row.
  EXPECT_EQ(feed.skipped, 0u);
}

TEST(ProofFeed, SortsEventsNewestFirst) {
  const Feed feed = parse_ok(events_feed({
      event("2026-11-25T10:00:00Z", "A"),
      event("2026-11-25T14:10:00+02:00", "B"),  // 12:10Z
      event("2026-11-25T14:29:00Z", "C"),
      event("2026-11-24T23:00:00-12:00", "D"),  // 11:00Z on the 25th
      event("2026-11-25T14:29:00Z", "E"),       // a tie keeps the feed's order
  }));
  ASSERT_EQ(feed.events.size(), 5u);
  const std::string order = feed.events[0].name + feed.events[1].name + feed.events[2].name + feed.events[3].name +
                            feed.events[4].name;
  EXPECT_EQ(order, "CEBDA");
  EXPECT_EQ(feed.events[3].at, kNow - 3 * kHour - 30 * kMinute);
}

TEST(ProofFeed, KeepsOnlyAFirstNameAndAPlace) {
  const Feed feed = parse_ok(events_feed({
      {{"type", "purchase"}, {"at", "2026-11-25T14:00:00Z"}, {"name", "Ana María López"}, {"place", "Madrid 28001"}},
      {{"type", "purchase"}, {"at", "2026-11-25T13:00:00Z"}, {"name", "ana@example.com"}, {"place", "Sevilla"}},
  }));
  ASSERT_EQ(feed.events.size(), 2u);
  EXPECT_EQ(feed.events[0].name, "Ana");
  EXPECT_EQ(feed.events[0].place, "");
  EXPECT_EQ(feed.events[1].name, "");
  EXPECT_EQ(feed.events[1].place, "Sevilla");
}

}  // namespace
}  // namespace sharelock::proof

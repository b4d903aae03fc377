// <sharelock-countdown>'s calls, as the shim drives them: the plan (with its
// "need" round trips for stored values and zone offsets), the per-second
// view, the stock feed and the clock-skew rule. The requests and answers are
// written as JSON through countdown_json.hpp, the shapes the boundary had
// before it was typed. Expected instants were worked out by hand from the
// calendar and the zone rules.
#include "sharelock/countdown_widget.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "countdown_json.hpp"

namespace sharelock {
namespace {

using nlohmann::json;

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;
constexpr double kNoStart = std::numeric_limits<double>::quiet_NaN();

// 2026-01-01T00:00:00Z: 20 454 days after the epoch.
constexpr std::int64_t k2026 = 20'454 * kDay;
// Wed 2026-11-25T14:30:00Z (day 20 782).
constexpr std::int64_t kNow = 1'795'617'000'000;
// 2026-12-01T00:00:00+01:00 = day 20 788 at 00:00 UTC, minus an hour.
constexpr std::int64_t kDecemberFirst = 1'796'079'600'000;

// UTC instant of a 2026 date (day of the year counted by hand per test).
constexpr std::int64_t in_2026(std::int64_t day_of_year, int hour, int minute = 0) {
  return k2026 + day_of_year * kDay + hour * kHour + minute * kMinute;
}
// Days before the 1st of March, October and November 2026.
constexpr std::int64_t kMar = 31 + 28;
constexpr std::int64_t kOct = kMar + 31 + 30 + 31 + 30 + 31 + 31 + 30;
constexpr std::int64_t kNov = kOct + 31;

json page() { return {{"url", "https://shop.example/drop?utm_source=news#top"}, {"lang", "en"}}; }

json plan(json attributes, std::int64_t now = kNow, json extra = json::object()) {
  json request = {{"attributes", std::move(attributes)}, {"page", page()}, {"now", now}};
  request.update(extra);
  return testing::plan_countdown_json(request);
}

std::vector<std::string> error_codes(const json& response) {
  std::vector<std::string> codes;
  for (const json& error : response["errors"]) codes.push_back(error["code"]);
  return codes;
}

// The typed view as JSON, for comparisons: an ended view is {"phase": "ended"}
// once its other fields are checked to be empty.
json view_json(const sharelock::CountdownView& shown) {
  if (shown.phase == "ended") {
    EXPECT_TRUE(shown.parts.empty() && shown.text.empty() && shown.spoken.empty());
    return {{"phase", "ended"}};
  }
  json parts = json::array();
  for (const auto& part : shown.parts) parts.push_back({{"unit", part.unit}, {"value", part.value}, {"label", part.label}});
  return {{"phase", shown.phase}, {"parts", parts}, {"text", shown.text}, {"spoken", shown.spoken}};
}

json view(std::int64_t ends_at, double opens_at, std::int64_t now, const std::string& lang = "en",
          const std::string& format = "full") {
  return view_json(countdown_view(static_cast<double>(ends_at), opens_at, static_cast<double>(now), lang, format));
}

// ---- fixed deadlines ------------------------------------------------------

TEST(CountdownPlan, FixedDeadline) {
  const json response = plan({{"ends", "2026-12-01T00:00:00+01:00"}});
  EXPECT_FALSE(response["fatal"]);
  EXPECT_EQ(response["errors"], json::array());
  EXPECT_FALSE(response.contains("need"));
  EXPECT_EQ(response["kind"], "fixed");
  EXPECT_EQ(response["endsAt"], kDecemberFirst);
  EXPECT_FALSE(response["rolls"]);
  EXPECT_TRUE(response["opensAt"].is_null());
  EXPECT_EQ(response["format"], "full");
  EXPECT_EQ(response["onEnd"], "message");
  EXPECT_EQ(response["pay"], "");
  EXPECT_TRUE(response["stock"].is_null());
  EXPECT_TRUE(response["stockSrc"].is_null());
  EXPECT_EQ(response["effects"], json::array());
  EXPECT_EQ(response["lang"], "en");
  EXPECT_EQ(response["messages"]["endsIn"], "Ends in");
  EXPECT_EQ(response["messages"]["opensIn"], "Opens in");
  EXPECT_EQ(response["messages"]["ended"], "This offer has ended");
}

TEST(CountdownPlan, AFixedDeadlineDoesNotMoveWithNow) {
  EXPECT_EQ(plan({{"ends", "2026-12-01T00:00:00Z"}}, kNow)["endsAt"], kDecemberFirst + kHour);
  // Long after the end the plan still names the same instant: it never restarts.
  const json later = plan({{"ends", "2026-12-01T00:00:00+01:00"}}, kDecemberFirst + 30 * kDay);
  EXPECT_EQ(later["endsAt"], kDecemberFirst);
  EXPECT_EQ(view(later["endsAt"], kNoStart, kDecemberFirst + 30 * kDay), json({{"phase", "ended"}}));
}

TEST(CountdownPlan, AFixedDeadlineWithoutOffsetIsFatal) {
  const json response = plan({{"ends", "2026-12-01T00:00:00"}});
  EXPECT_TRUE(response["fatal"]);
  ASSERT_EQ(response["errors"].size(), 1u);
  EXPECT_EQ(response["errors"][0]["code"], "invalid-date");
  EXPECT_EQ(response["errors"][0]["attribute"], "ends");
  EXPECT_NE(response["errors"][0]["message"].get<std::string>().find("no UTC offset"), std::string::npos);
  EXPECT_FALSE(response.contains("endsAt"));
}

TEST(CountdownPlan, NotARealDateIsFatal) {
  const json response = plan({{"ends", "2027-02-29T00:00:00Z"}});
  EXPECT_TRUE(response["fatal"]);
  EXPECT_EQ(error_codes(response), std::vector<std::string>{"invalid-date"});
}

TEST(CountdownPlan, ExactlyOneDeadline) {
  const json none = plan(json::object());
  EXPECT_TRUE(none["fatal"]);
  EXPECT_EQ(error_codes(none), std::vector<std::string>{"missing-deadline"});
  const json two = plan({{"ends", "2026-12-01T00:00:00Z"}, {"evergreen", "48h"}});
  EXPECT_TRUE(two["fatal"]);
  EXPECT_EQ(error_codes(two), std::vector<std::string>{"conflicting-deadline"});
  const json three =
      plan({{"ends", "2026-12-01T00:00:00Z"}, {"evergreen", "48h"}, {"daily", "20:00"}, {"tz", "Europe/Madrid"}});
  EXPECT_TRUE(three["fatal"]);
  EXPECT_EQ(error_codes(three), std::vector<std::string>{"conflicting-deadline"});
  // A non-string attribute is no deadline.
  const json number = plan({{"ends", 1796079600000}});
  EXPECT_EQ(error_codes(number), std::vector<std::string>{"missing-deadline"});
}

TEST(CountdownPlan, AnEmptyRequestHasNoDeadline) {
  // The typed boundary has no request text to refuse: what the shim builds
  // from nothing at all (no attributes, no page, no clock) is still answered.
  const CountdownPlan empty = plan_countdown(CountdownRequest{});
  EXPECT_TRUE(empty.fatal);
  ASSERT_EQ(empty.errors.size(), 1u);
  EXPECT_EQ(empty.errors[0].code, "missing-deadline");
  EXPECT_EQ(empty.errors[0].attribute, "ends");
  // A clock that is no number reads as 0, as a request without "now" did.
  CountdownRequest no_clock;
  no_clock.attributes = {{"evergreen", "48h"}, {"offer", "drop-1"}};
  no_clock.now = std::numeric_limits<double>::quiet_NaN();
  no_clock.stored = {{"sharelock:evergreen:drop-1", {}}};
  EXPECT_EQ(plan_countdown(no_clock).ends_at, 48 * kHour);
  no_clock.now = 1.5;
  EXPECT_EQ(plan_countdown(no_clock).ends_at, 48 * kHour);
}

TEST(CountdownPlan, RefusesOverlongAttributes) {
  const json response = plan({{"ends", "2026-12-01T00:00:00+01:00" + std::string(20, '0')}});
  EXPECT_TRUE(response["fatal"]);
  EXPECT_EQ(error_codes(response), std::vector<std::string>{"attribute-too-long"});
}

// ---- starts ---------------------------------------------------------------

TEST(CountdownPlan, StartsBeforeTheEndOpensTheDrop) {
  const json response = plan({{"ends", "2026-12-01T00:00:00+01:00"}, {"starts", "2026-11-30T00:00:00+01:00"}});
  EXPECT_EQ(response["errors"], json::array());
  EXPECT_EQ(response["opensAt"], kDecemberFirst - kDay);
}

TEST(CountdownPlan, StartsAfterOrAtTheEndIsIgnoredWithAnError) {
  for (const char* starts : {"2026-12-02T00:00:00+01:00", "2026-12-01T00:00:00+01:00", "2026-11-30T23:00:00Z"}) {
    const json response = plan({{"ends", "2026-12-01T00:00:00+01:00"}, {"starts", starts}});
    EXPECT_FALSE(response["fatal"]) << starts;
    ASSERT_EQ(response["errors"].size(), 1u) << starts;
    EXPECT_EQ(response["errors"][0]["code"], "invalid-date");
    EXPECT_EQ(response["errors"][0]["attribute"], "starts");
    EXPECT_TRUE(response["opensAt"].is_null());
    EXPECT_EQ(response["endsAt"], kDecemberFirst);
  }
}

TEST(CountdownPlan, AnUnparsableStartIsIgnoredWithAnError) {
  const json response = plan({{"ends", "2026-12-01T00:00:00+01:00"}, {"starts", "2026-11-30T00:00:00"}});
  EXPECT_FALSE(response["fatal"]);
  EXPECT_EQ(error_codes(response), std::vector<std::string>{"invalid-date"});
  EXPECT_EQ(response["errors"][0]["attribute"], "starts");
  EXPECT_TRUE(response["opensAt"].is_null());
}

// ---- evergreen ------------------------------------------------------------

const std::string kOfferKey = "sharelock:evergreen:drop-1";

json evergreen(json stored, std::int64_t now = kNow, json attributes = {{"evergreen", "48h"}, {"offer", "drop-1"}}) {
  json extra = json::object();
  if (!stored.is_null()) extra["stored"] = std::move(stored);
  return plan(std::move(attributes), now, extra);
}

TEST(EvergreenPlan, AsksForTheStoredStartFirst) {
  const json response = evergreen(nullptr);
  EXPECT_FALSE(response["fatal"]);
  EXPECT_EQ(response["need"]["stored"], json::array({kOfferKey}));
  EXPECT_EQ(response["need"]["offsets"], json::array());
  EXPECT_FALSE(response.contains("endsAt"));
  // Stored values for other keys are not the answer.
  EXPECT_EQ(evergreen({{"sharelock:evergreen:other", nullptr}})["need"]["stored"], json::array({kOfferKey}));
}

TEST(EvergreenPlan, TheFirstViewStoresItsStart) {
  const json response = evergreen({{kOfferKey, nullptr}});
  EXPECT_FALSE(response["fatal"]);
  EXPECT_FALSE(response.contains("need"));
  EXPECT_EQ(response["kind"], "evergreen");
  EXPECT_EQ(response["keys"]["evergreen"], kOfferKey);
  EXPECT_EQ(response["endsAt"], kNow + 48 * kHour);
  EXPECT_FALSE(response["rolls"]);
  ASSERT_EQ(response["effects"].size(), 1u);
  const json& effect = response["effects"][0];
  EXPECT_EQ(effect["type"], "store");
  EXPECT_EQ(effect["key"], kOfferKey);
  ASSERT_TRUE(effect["value"].is_string());
  // Byte for byte the record written before the boundary was typed, so
  // records already on shoppers' devices and new ones read alike.
  EXPECT_EQ(effect["value"], "{\"v\":1,\"start\":" + std::to_string(kNow) + "}");
}

TEST(EvergreenPlan, ARecordWrittenBeforeIsRead) {
  // As the old core wrote it, read back through JSON.parse's document.
  const std::string text = "{\"v\":1,\"start\":" + std::to_string(kNow - 5 * kHour) + "}";
  CountdownRequest request;
  request.attributes = {{"evergreen", "48h"}, {"offer", "drop-1"}};
  request.now = static_cast<double>(kNow);
  request.stored = {{kOfferKey, testing::json_document(text)}};
  const CountdownPlan plan = plan_countdown(request);
  EXPECT_FALSE(plan.needs_more);
  EXPECT_EQ(plan.ends_at, static_cast<double>(kNow - 5 * kHour + 48 * kHour));
  EXPECT_TRUE(plan.effects.empty());
}

TEST(EvergreenPlan, AStoredStartIsKept) {
  const std::int64_t start = kNow - 5 * kHour;
  const json stored = {{kOfferKey, json({{"v", 1}, {"start", start}}).dump()}};
  const json response = evergreen(stored);
  EXPECT_EQ(response["endsAt"], start + 48 * kHour);
  EXPECT_EQ(response["effects"], json::array());
  // Whenever the page is reloaded, the same end.
  EXPECT_EQ(evergreen(stored, kNow + 20 * kHour)["endsAt"], start + 48 * kHour);
}

TEST(EvergreenPlan, AnEndedWindowStaysEnded) {
  const std::int64_t start = kNow - 30 * kDay;
  const json stored = {{kOfferKey, json({{"v", 1}, {"start", start}}).dump()}};
  for (const std::int64_t now : {start + 48 * kHour, start + 48 * kHour + 1, kNow, kNow + 400 * kDay}) {
    const json response = evergreen(stored, now);
    EXPECT_EQ(response["endsAt"], start + 48 * kHour) << now;
    EXPECT_EQ(response["effects"], json::array()) << now;  // never a new start
    EXPECT_EQ(view(response["endsAt"], kNoStart, now), json({{"phase", "ended"}})) << now;
  }
}

TEST(EvergreenPlan, AMalformedRecordStartsAnew) {
  for (const json& value : {json("garbage"), json("{}"), json("[]"), json("{\"v\":2,\"start\":1}"),
                            json("{\"v\":1}"), json("{\"v\":1,\"start\":\"1764000000000\"}"),
                            json("{\"start\":1764000000000}"), json(42), json(true),
                            // Beyond a JavaScript Date (adding the window would overflow).
                            json("{\"v\":1,\"start\":9223372036854775807}"),
                            json("{\"v\":1,\"start\":-9223372036854775808}"),
                            json("{\"v\":1,\"start\":8640000000000001}")}) {
    const json response = evergreen({{kOfferKey, value}});
    EXPECT_FALSE(response["fatal"]) << value;
    EXPECT_EQ(response["endsAt"], kNow + 48 * kHour) << value;
    ASSERT_EQ(response["effects"].size(), 1u) << value;
    EXPECT_EQ(response["effects"][0]["type"], "store");
    EXPECT_EQ(json::parse(response["effects"][0]["value"].get<std::string>()), json({{"v", 1}, {"start", kNow}}));
  }
}

TEST(EvergreenPlan, TheOfferDefaultsToThePageWithoutQueryOrFragment) {
  const json response = evergreen(nullptr, kNow, {{"evergreen", "2d"}});
  EXPECT_EQ(response["need"]["stored"], json::array({"sharelock:evergreen:https://shop.example/drop"}));
  const json other = evergreen(nullptr, kNow, {{"evergreen", "2d"}, {"offer", "spring-drop"}});
  EXPECT_EQ(other["need"]["stored"], json::array({"sharelock:evergreen:spring-drop"}));
}

TEST(EvergreenPlan, DurationsInMinutesHoursAndDays) {
  EXPECT_EQ(evergreen({{kOfferKey, nullptr}}, kNow, {{"evergreen", "90m"}, {"offer", "drop-1"}})["endsAt"],
            kNow + 90 * kMinute);
  EXPECT_EQ(evergreen({{kOfferKey, nullptr}}, kNow, {{"evergreen", "2d"}, {"offer", "drop-1"}})["endsAt"],
            kNow + 2 * kDay);
}

TEST(EvergreenPlan, AnInvalidDurationIsFatal) {
  for (const char* duration : {"forever", "0h", "48", "400d", ""}) {
    const json response = evergreen({{kOfferKey, nullptr}}, kNow, {{"evergreen", duration}, {"offer", "drop-1"}});
    EXPECT_TRUE(response["fatal"]) << duration;
    EXPECT_EQ(error_codes(response), std::vector<std::string>{"invalid-duration"}) << duration;
    EXPECT_EQ(response["errors"][0]["attribute"], "evergreen");
  }
}

// ---- daily ----------------------------------------------------------------

// Europe/Madrid and America/New_York in 2026, from the rules: summer time
// from 2026-03-29T01:00Z to 2026-10-25T01:00Z (last Sundays of March and
// October), and from 2026-03-08T07:00Z to 2026-11-01T06:00Z (second Sunday
// of March, first Sunday of November).
std::string madrid_2026(std::int64_t instant) {
  EXPECT_GE(instant, k2026 - 2 * kDay);
  EXPECT_LT(instant, k2026 + 367 * kDay);
  const bool summer = instant >= in_2026(kMar + 28, 1) && instant < in_2026(kOct + 24, 1);
  return summer ? "GMT+02:00" : "GMT+01:00";
}

std::string new_york_2026(std::int64_t instant) {
  EXPECT_GE(instant, k2026 - 2 * kDay);
  EXPECT_LT(instant, k2026 + 367 * kDay);
  const bool summer = instant >= in_2026(kMar + 7, 7) && instant < in_2026(kNov, 6);
  // As some locales write it, with U+2212 MINUS SIGN.
  return summer ? "GMT\u221204:00" : "GMT-5";
}

// Answers the plan's "need.offsets" until it has an answer, as the shim does.
json converge(json attributes, std::int64_t now, std::string (*zone)(std::int64_t), int* rounds) {
  json offsets = json::object();
  for (*rounds = 1; *rounds <= 10; ++*rounds) {
    const json response = plan(attributes, now, {{"offsets", offsets}});
    if (!response.contains("need")) return response;
    EXPECT_EQ(response["need"]["stored"], json::array());
    EXPECT_FALSE(response["need"]["offsets"].empty());
    if (response["need"]["offsets"].empty()) return response;
    for (const json& instant : response["need"]["offsets"]) {
      EXPECT_TRUE(instant.is_number_integer());
      const std::string key = std::to_string(instant.get<std::int64_t>());
      EXPECT_FALSE(offsets.contains(key)) << "asked again for " << key;
      offsets[key] = zone(instant.get<std::int64_t>());
    }
  }
  ADD_FAILURE() << "no plan after 10 rounds";
  return json::object();
}

json madrid_at(const std::string& time, std::int64_t now) {
  int rounds = 0;
  json response = converge({{"daily", time}, {"tz", "Europe/Madrid"}}, now, madrid_2026, &rounds);
  EXPECT_LE(rounds, 6);
  return response;
}

json new_york_at(const std::string& time, std::int64_t now) {
  int rounds = 0;
  json response = converge({{"daily", time}, {"tz", "America/New_York"}}, now, new_york_2026, &rounds);
  EXPECT_LE(rounds, 6);
  return response;
}

TEST(DailyPlan, AsksForTheZoneOffsetAtNowFirst) {
  const json response = plan({{"daily", "20:00"}, {"tz", "Europe/Madrid"}});
  EXPECT_FALSE(response["fatal"]);
  EXPECT_EQ(response["need"]["offsets"], json::array({kNow}));
  EXPECT_EQ(response["need"]["stored"], json::array());
  EXPECT_FALSE(response.contains("endsAt"));
}

TEST(DailyPlan, ConvergesOnTheNextEightPmInMadrid) {
  // 2026-11-25 14:30 UTC is 15:30 CET: today's 20:00 CET is 19:00 UTC.
  const json response = madrid_at("20:00", kNow);
  EXPECT_FALSE(response["fatal"]);
  EXPECT_EQ(response["errors"], json::array());
  EXPECT_EQ(response["kind"], "daily");
  EXPECT_EQ(response["zone"], "Europe/Madrid");
  EXPECT_TRUE(response["rolls"]);
  EXPECT_EQ(response["endsAt"], in_2026(kNov + 24, 19));
  // After it, tomorrow's.
  EXPECT_EQ(madrid_at("20:00", in_2026(kNov + 24, 19))["endsAt"], in_2026(kNov + 25, 19));
  // Summer: 20:00 CEST is 18:00 UTC.
  EXPECT_EQ(madrid_at("20:00", in_2026(180, 12))["endsAt"], in_2026(180, 18));
}

TEST(DailyPlan, MadridAcrossBothChanges) {
  // Day before, of and after 2026-03-29 (CET → CEST).
  EXPECT_EQ(madrid_at("20:00", in_2026(kMar + 27, 10))["endsAt"], in_2026(kMar + 27, 19));
  EXPECT_EQ(madrid_at("20:00", in_2026(kMar + 27, 19, 30))["endsAt"], in_2026(kMar + 28, 18));
  EXPECT_EQ(madrid_at("20:00", in_2026(kMar + 28, 10))["endsAt"], in_2026(kMar + 28, 18));
  EXPECT_EQ(madrid_at("20:00", in_2026(kMar + 29, 10))["endsAt"], in_2026(kMar + 29, 18));
  // Day before, of and after 2026-10-25 (CEST → CET).
  EXPECT_EQ(madrid_at("20:00", in_2026(kOct + 23, 10))["endsAt"], in_2026(kOct + 23, 18));
  EXPECT_EQ(madrid_at("20:00", in_2026(kOct + 23, 18, 30))["endsAt"], in_2026(kOct + 24, 19));
  EXPECT_EQ(madrid_at("20:00", in_2026(kOct + 24, 10))["endsAt"], in_2026(kOct + 24, 19));
  EXPECT_EQ(madrid_at("20:00", in_2026(kOct + 25, 10))["endsAt"], in_2026(kOct + 25, 19));
  // The spring gap (02:30 → when the clocks show 03:30, 01:30 UTC) and the
  // autumn overlap (02:30 → the first one, 00:30 UTC).
  EXPECT_EQ(madrid_at("02:30", in_2026(kMar + 27, 12))["endsAt"], in_2026(kMar + 28, 1, 30));
  EXPECT_EQ(madrid_at("02:30", in_2026(kOct + 23, 12))["endsAt"], in_2026(kOct + 24, 0, 30));
}

TEST(DailyPlan, NewYorkAcrossBothChanges) {
  // 2026-03-07 20:00 EST = 03-08 01:00 UTC; 03-08 20:00 EDT = 03-09 00:00 UTC.
  EXPECT_EQ(new_york_at("20:00", in_2026(kMar + 6, 12))["endsAt"], in_2026(kMar + 7, 1));
  EXPECT_EQ(new_york_at("20:00", in_2026(kMar + 7, 1))["endsAt"], in_2026(kMar + 8, 0));
  EXPECT_EQ(new_york_at("20:00", in_2026(kMar + 7, 12))["endsAt"], in_2026(kMar + 8, 0));
  // 2026-10-31 20:00 EDT = 11-01 00:00 UTC; 11-01 20:00 EST = 11-02 01:00 UTC.
  EXPECT_EQ(new_york_at("20:00", in_2026(kOct + 30, 12))["endsAt"], in_2026(kNov, 0));
  EXPECT_EQ(new_york_at("20:00", in_2026(kNov, 0))["endsAt"], in_2026(kNov + 1, 1));
  EXPECT_EQ(new_york_at("20:00", in_2026(kNov, 12))["endsAt"], in_2026(kNov + 1, 1));
  // Gap: 02:30 on 03-08 → 03:30 EDT = 07:30 UTC. Overlap: 01:30 on 11-01 → 05:30 UTC (EDT).
  EXPECT_EQ(new_york_at("02:30", in_2026(kMar + 6, 12))["endsAt"], in_2026(kMar + 7, 7, 30));
  EXPECT_EQ(new_york_at("01:30", in_2026(kOct + 30, 12))["endsAt"], in_2026(kNov, 5, 30));
}

TEST(DailyPlan, TheTimeZoneMustBeValid) {
  for (const json& attributes :
       {json({{"daily", "20:00"}}), json({{"daily", "20:00"}, {"tz", ""}}),
        json({{"daily", "20:00"}, {"tz", "Europe/Madrid; drop"}}), json({{"daily", "20:00"}, {"tz", "/Europe"}}),
        json({{"daily", "20:00"}, {"tz", "Europe/"}}), json({{"daily", "20:00"}, {"tz", "Europe/Madrid\u00e9"}})}) {
    const json response = plan(attributes);
    EXPECT_TRUE(response["fatal"]) << attributes;
    EXPECT_EQ(error_codes(response), std::vector<std::string>{"invalid-time-zone"}) << attributes;
    EXPECT_EQ(response["errors"][0]["attribute"], "tz");
  }
  // Well formed, but the browser does not know it (the shim says so).
  const json unknown = plan({{"daily", "20:00"}, {"tz", "Mars/Olympus_Mons"}}, kNow, {{"zoneKnown", false}});
  EXPECT_TRUE(unknown["fatal"]);
  EXPECT_EQ(error_codes(unknown), std::vector<std::string>{"invalid-time-zone"});
  // Known zones with digits, '+', '-', '_' are fine.
  for (const char* zone : {"Etc/GMT+5", "America/Port-au-Prince", "America/Argentina/Buenos_Aires", "UTC"}) {
    const json known = plan({{"daily", "20:00"}, {"tz", zone}}, kNow, {{"zoneKnown", true}});
    EXPECT_FALSE(known["fatal"]) << zone;
    EXPECT_TRUE(known.contains("need")) << zone;
  }
}

TEST(DailyPlan, TheTimeMustBeATimeOfDay) {
  for (const char* time : {"24:00", "8pm", "20:00:00", "7:30"}) {
    const json response = plan({{"daily", time}, {"tz", "Europe/Madrid"}});
    EXPECT_TRUE(response["fatal"]) << time;
    EXPECT_EQ(error_codes(response), std::vector<std::string>{"invalid-time"}) << time;
    EXPECT_EQ(response["errors"][0]["attribute"], "daily");
  }
}

// ---- what happens at zero, format, language -------------------------------

TEST(CountdownPlan, LockWithoutPayFallsBackToTheMessage) {
  for (const char* on_end : {"lock", "unlock"}) {
    const json response = plan({{"ends", "2026-12-01T00:00:00Z"}, {"on-end", on_end}});
    EXPECT_FALSE(response["fatal"]);
    EXPECT_EQ(error_codes(response), std::vector<std::string>{"missing-pay"}) << on_end;
    EXPECT_EQ(response["errors"][0]["attribute"], "pay");
    EXPECT_EQ(response["onEnd"], "message");
  }
}

TEST(CountdownPlan, OnEndChoices) {
  const json lock = plan({{"ends", "2026-12-01T00:00:00Z"}, {"on-end", "lock"}, {"pay", "ebook-pay"}});
  EXPECT_EQ(lock["errors"], json::array());
  EXPECT_EQ(lock["onEnd"], "lock");
  EXPECT_EQ(lock["pay"], "ebook-pay");
  EXPECT_EQ(plan({{"ends", "2026-12-01T00:00:00Z"}, {"on-end", "unlock"}, {"pay", "p"}})["onEnd"], "unlock");
  EXPECT_EQ(plan({{"ends", "2026-12-01T00:00:00Z"}, {"on-end", "hide"}})["onEnd"], "hide");
  EXPECT_EQ(plan({{"ends", "2026-12-01T00:00:00Z"}, {"on-end", "message"}})["onEnd"], "message");
  const json bad = plan({{"ends", "2026-12-01T00:00:00Z"}, {"on-end", "explode"}});
  EXPECT_FALSE(bad["fatal"]);
  EXPECT_EQ(error_codes(bad), std::vector<std::string>{"invalid-on-end"});
  EXPECT_EQ(bad["onEnd"], "message");
}

TEST(CountdownPlan, EndedTextOverridesTheMessage) {
  const json response = plan({{"ends", "2026-12-01T00:00:00Z"}, {"ended-text", "Back next week"}});
  EXPECT_EQ(response["messages"]["ended"], "Back next week");
}

TEST(CountdownPlan, Format) {
  EXPECT_EQ(plan({{"ends", "2026-12-01T00:00:00Z"}, {"format", "compact"}})["format"], "compact");
  EXPECT_EQ(plan({{"ends", "2026-12-01T00:00:00Z"}, {"format", "full"}})["format"], "full");
  const json bad = plan({{"ends", "2026-12-01T00:00:00Z"}, {"format", "tiny"}});
  EXPECT_FALSE(bad["fatal"]);
  EXPECT_EQ(error_codes(bad), std::vector<std::string>{"invalid-format"});
  EXPECT_EQ(bad["format"], "full");
}

TEST(CountdownPlan, SpanishFromTheAttributeOrThePage) {
  const json response = plan({{"ends", "2026-12-01T00:00:00Z"}, {"lang", "es"}});
  EXPECT_EQ(response["lang"], "es");
  EXPECT_EQ(response["messages"]["endsIn"], "Termina en");
  EXPECT_EQ(response["messages"]["opensIn"], "Abre en");
  EXPECT_EQ(response["messages"]["ended"], "Esta oferta ha terminado");
  json request = {{"attributes", {{"ends", "2026-12-01T00:00:00Z"}}},
                  {"page", {{"url", "https://shop.example/"}, {"lang", "es-ES"}}},
                  {"now", kNow}};
  EXPECT_EQ(testing::plan_countdown_json(request)["lang"], "es");
}

// ---- stock ----------------------------------------------------------------

json stock_plan(const std::string& stock, const std::string& lang = "en") {
  return plan({{"ends", "2026-12-01T00:00:00Z"}, {"stock", stock}, {"lang", lang}});
}

TEST(CountdownPlan, StockLine) {
  EXPECT_EQ(stock_plan("12")["stock"], "Only 12 left");
  EXPECT_EQ(stock_plan("1")["stock"], "Only 1 left");
  EXPECT_EQ(stock_plan("0")["stock"], "Sold out");
  EXPECT_EQ(stock_plan("1000000")["stock"], "Only 1000000 left");
  EXPECT_EQ(stock_plan("12", "es")["stock"], "Solo quedan 12");
  EXPECT_EQ(stock_plan("1", "es")["stock"], "Solo queda 1");
  EXPECT_EQ(stock_plan("0", "es")["stock"], "Agotado");
  EXPECT_EQ(stock_plan("12")["errors"], json::array());
}

TEST(CountdownPlan, InvalidStockIsDroppedWithAnError) {
  for (const char* stock : {"-1", "1000001", "12.5", "twelve", "", " 12", "0x10", "9999999999"}) {
    const json response = stock_plan(stock);
    EXPECT_FALSE(response["fatal"]) << stock;
    EXPECT_TRUE(response["stock"].is_null()) << stock;
    EXPECT_EQ(error_codes(response), std::vector<std::string>{"invalid-stock"}) << stock;
  }
}

// ---- countdown_view -------------------------------------------------------

// 2 d 3 h 4 min 5 s.
constexpr std::int64_t kLeft = ((2 * 24 + 3) * 60 + 4) * kMinute + 5 * kSecond;

TEST(CountdownView, RunningFullFormat) {
  const json shown = view(kNow + kLeft, kNoStart, kNow);
  EXPECT_EQ(shown["phase"], "running");
  EXPECT_EQ(shown["parts"], json::parse(R"([
    {"unit": "days", "value": "2", "label": "days"},
    {"unit": "hours", "value": "03", "label": "hours"},
    {"unit": "minutes", "value": "04", "label": "minutes"},
    {"unit": "seconds", "value": "05", "label": "seconds"}])"));
  EXPECT_EQ(shown["text"], "2 days 3 hours 4 minutes 5 seconds");
  EXPECT_EQ(shown["spoken"], "2 days 3 hours 5 minutes");
}

TEST(CountdownView, SingularLabels) {
  const json shown = view(kNow + kDay + kHour + kMinute + kSecond, kNoStart, kNow);
  EXPECT_EQ(shown["parts"], json::parse(R"([
    {"unit": "days", "value": "1", "label": "day"},
    {"unit": "hours", "value": "01", "label": "hour"},
    {"unit": "minutes", "value": "01", "label": "minute"},
    {"unit": "seconds", "value": "01", "label": "second"}])"));
  EXPECT_EQ(shown["text"], "1 day 1 hour 1 minute 1 second");
}

TEST(CountdownView, SpanishLabels) {
  const json shown = view(kNow + kLeft, kNoStart, kNow, "es");
  EXPECT_EQ(shown["parts"][0]["label"], "días");
  EXPECT_EQ(shown["parts"][1]["label"], "horas");
  EXPECT_EQ(shown["parts"][2]["label"], "minutos");
  EXPECT_EQ(shown["parts"][3]["label"], "segundos");
  EXPECT_EQ(shown["text"], "2 días 3 horas 4 minutos 5 segundos");
  EXPECT_EQ(shown["spoken"], "2 días 3 horas 5 minutos");
  const json one = view(kNow + kDay + kHour + kMinute + kSecond, kNoStart, kNow, "es-MX");
  EXPECT_EQ(one["text"], "1 día 1 hora 1 minuto 1 segundo");
}

TEST(CountdownView, UnderADayHasNoDaysPart) {
  const json shown = view(kNow + 10 * kHour + 5 * kSecond, kNoStart, kNow);
  ASSERT_EQ(shown["parts"].size(), 3u);
  EXPECT_EQ(shown["parts"][0], json({{"unit", "hours"}, {"value", "10"}, {"label", "hours"}}));
  EXPECT_EQ(shown["parts"][1], json({{"unit", "minutes"}, {"value", "00"}, {"label", "minutes"}}));
  EXPECT_EQ(shown["parts"][2], json({{"unit", "seconds"}, {"value", "05"}, {"label", "seconds"}}));
  EXPECT_EQ(shown["text"], "10 hours 0 minutes 5 seconds");
}

TEST(CountdownView, CompactText) {
  EXPECT_EQ(view(kNow + kLeft, kNoStart, kNow, "en", "compact")["text"], "2d 03:04:05");
  EXPECT_EQ(view(kNow + kLeft, kNoStart, kNow, "es", "compact")["text"], "2 d 03:04:05");
  EXPECT_EQ(view(kNow + 3 * kHour + 4 * kMinute + 5 * kSecond, kNoStart, kNow, "en", "compact")["text"], "03:04:05");
  // The spoken text is the same whatever the visible format.
  EXPECT_EQ(view(kNow + kLeft, kNoStart, kNow, "en", "compact")["spoken"], "2 days 3 hours 5 minutes");
}

TEST(CountdownView, TheLastSecondAndTheEnd) {
  const json last = view(kNow + 1, kNoStart, kNow, "en", "compact");
  EXPECT_EQ(last["phase"], "running");
  EXPECT_EQ(last["text"], "00:00:01");
  EXPECT_EQ(last["spoken"], "1 minute");
  const json fraction = view_json(countdown_view(1000.5, kNoStart, 1000.0, "en", "compact"));
  EXPECT_EQ(fraction["text"], "00:00:01");
  EXPECT_EQ(view(kNow, kNoStart, kNow), json({{"phase", "ended"}}));
  EXPECT_EQ(view(kNow, kNoStart, kNow + 1), json({{"phase", "ended"}}));
  EXPECT_EQ(view(kNow, kNoStart, kNow + 365 * kDay), json({{"phase", "ended"}}));
}

TEST(CountdownView, UpcomingCountsToTheOpening) {
  const std::int64_t opens = kNow + 2 * kDay + 3 * kHour;
  const json shown = view(opens + 7 * kDay, static_cast<double>(opens), kNow, "en", "compact");
  EXPECT_EQ(shown["phase"], "upcoming");
  EXPECT_EQ(shown["text"], "2d 03:00:00");
  EXPECT_EQ(shown["parts"][0], json({{"unit", "days"}, {"value", "2"}, {"label", "days"}}));
  EXPECT_EQ(shown["spoken"], "2 days 3 hours");
  // At the opening it counts down to the end.
  const json open = view(opens + 7 * kDay, static_cast<double>(opens), opens, "en", "compact");
  EXPECT_EQ(open["phase"], "running");
  EXPECT_EQ(open["text"], "7d 00:00:00");
  // A start in the past is only a running countdown.
  EXPECT_EQ(view(kNow + kHour, static_cast<double>(kNow - kHour), kNow)["phase"], "running");
}

TEST(CountdownView, NoNumberToCountToMeansEnded) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(view_json(countdown_view(nan, kNoStart, static_cast<double>(kNow), "en", "full")),
            json({{"phase", "ended"}}));
  EXPECT_EQ(view_json(countdown_view(static_cast<double>(kNow), kNoStart, nan, "en", "full")),
            json({{"phase", "ended"}}));
  EXPECT_EQ(view_json(countdown_view(inf, kNoStart, static_cast<double>(kNow), "en", "full")),
            json({{"phase", "ended"}}));
}

}  // namespace
}  // namespace sharelock

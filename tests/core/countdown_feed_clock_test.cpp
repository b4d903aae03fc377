// <sharelock-countdown>'s two calls beside the plan: the stock line read
// from a feed's body (the document JSON.parse made of it), and how far the
// device's clock is off the server's Date. Samples written as JSON go
// through countdown_json.hpp, as the shim would build them.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "countdown_json.hpp"
#include "json_document_json.hpp"
#include "sharelock/countdown_widget.hpp"

namespace sharelock {
namespace {

using nlohmann::json;

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;
// Wed 2026-11-25T14:30:00Z.
constexpr std::int64_t kNow = 1'795'617'000'000;

// ---- stock_from_feed ------------------------------------------------------

json feed(const std::string& body, const std::string& lang = "en") {
  return testing::stock_json(stock_from_feed(testing::json_document(body), lang));
}

TEST(StockFeed, Valid) {
  EXPECT_EQ(feed(R"({"stock": 12})"), json({{"ok", true}, {"text", "Only 12 left"}}));
  EXPECT_EQ(feed(R"({"stock": 1})"), json({{"ok", true}, {"text", "Only 1 left"}}));
  EXPECT_EQ(feed(R"({"stock": 0})"), json({{"ok", true}, {"text", "Sold out"}}));
  EXPECT_EQ(feed(R"({"stock": 12, "other": "x"})", "es"), json({{"ok", true}, {"text", "Solo quedan 12"}}));
  EXPECT_EQ(feed(R"({"stock": 1})", "es"), json({{"ok", true}, {"text", "Solo queda 1"}}));
  EXPECT_EQ(feed(R"({"stock": 0})", "es"), json({{"ok", true}, {"text", "Agotado"}}));
  EXPECT_EQ(feed(R"({"stock": 1000000})")["text"], "Only 1000000 left");
}

TEST(StockFeed, Invalid) {
  for (const char* body : {R"({"stock": -1})", R"({"stock": 1000001})", R"({"stock": 1e30})",
                           R"({"stock": 18446744073709551615})", R"({"stock": 9223372036854775808})",
                           R"({"stock": "12"})", R"({"stock": 12.5})", R"({"stock": null})", R"({"stock": true})",
                           R"({"count": 12})", R"([12])", "12", "not json", "", "{\"stock\": 12"}) {
    const json response = feed(body);
    EXPECT_EQ(response["ok"], false) << body;
    EXPECT_EQ(response["code"], "invalid-feed") << body;
    EXPECT_EQ(response["attribute"], "stock-src") << body;
    EXPECT_TRUE(response["message"].is_string()) << body;
  }
  // No body at all (what jsonDocument gives for anything but text).
  const StockFeedResult nothing = stock_from_feed(JsonDocument{}, "en");
  EXPECT_FALSE(nothing.ok);
  EXPECT_EQ(nothing.error.code, "invalid-feed");
  EXPECT_EQ(nothing.error.message, "the stock feed is not a JSON object");
  EXPECT_EQ(feed(R"({"stock": "12"})")["message"], "the stock feed needs \"stock\": a whole number from 0 to 1000000");
}

// ---- clock_skew -----------------------------------------------------------

std::int64_t skew(std::int64_t sent, std::int64_t received, const std::string& date) {
  return clock_skew(testing::clock_sample({{"sentAt", sent}, {"receivedAt", received}, {"date", date}}));
}

// "Wed, 25 Nov 2026 14:30:00 GMT" = kNow. The server's second is taken at
// its middle (+500 ms) and compared with the middle of the request.
constexpr const char* kDate = "Wed, 25 Nov 2026 14:30:00 GMT";

TEST(ClockSkew, SmallDifferencesAreNoise) {
  EXPECT_EQ(skew(kNow, kNow + 200, kDate), 0);
  EXPECT_EQ(skew(kNow - 10 * kSecond, kNow - 9 * kSecond, kDate), 0);
  EXPECT_EQ(skew(kNow + 20 * kSecond, kNow + 21 * kSecond, kDate), 0);
  // 500 - (-29 499) = 29 999 ms: still noise.
  EXPECT_EQ(skew(kNow - 29'499, kNow - 29'499, kDate), 0);
  // 500 - 29 500 = -29 000 ms.
  EXPECT_EQ(skew(kNow + 29'500, kNow + 29'500, kDate), 0);
}

TEST(ClockSkew, LargeSkewsAreCorrected) {
  // The shopper's clock is 2 minutes slow: middle of the request at
  // kNow - 119 500 ms, server middle at kNow + 500 ms.
  EXPECT_EQ(skew(kNow - 2 * kMinute, kNow - 2 * kMinute + 1000, kDate), 120'000);
  // The shopper's clock is an hour fast.
  EXPECT_EQ(skew(kNow + kHour, kNow + kHour, kDate), 500 - kHour);
  // A day slow, with a slow request.
  EXPECT_EQ(skew(kNow - kDay - 3000, kNow - kDay + 1000, kDate), kDay + 500 + 1000);
  // Exactly 30 s counts.
  EXPECT_EQ(skew(kNow - 29'500, kNow - 29'500, kDate), 30'000);
  EXPECT_EQ(skew(kNow + 30'500, kNow + 30'500, kDate), -30'000);
}

TEST(ClockSkew, AgeFromACacheInBetweenIsAddedToTheDate) {
  const auto with_age = [](json age) {
    return clock_skew(testing::clock_sample(
        {{"sentAt", kNow + 2 * kHour}, {"receivedAt", kNow + 2 * kHour}, {"date", kDate}, {"age", age}}));
  };
  // The response was stamped two hours ago and kept by a CDN: the clocks agree.
  EXPECT_EQ(with_age(7200), 0);
  // Without the Age the same response would look like a clock two hours fast.
  EXPECT_EQ(with_age(0), 500 - 2 * kHour);
  // Nonsense ages are ignored.
  EXPECT_EQ(with_age(-7200), 500 - 2 * kHour);
  EXPECT_EQ(with_age("7200"), 500 - 2 * kHour);
}

TEST(ClockSkew, WithoutAUsableDateNothingChanges) {
  EXPECT_EQ(skew(kNow - kHour, kNow - kHour, ""), 0);
  EXPECT_EQ(skew(kNow - kHour, kNow - kHour, "yesterday"), 0);
  EXPECT_EQ(skew(kNow - kHour, kNow - kHour, "Wed, 25 Nov 2026 14:30:00 UTC"), 0);
  EXPECT_EQ(skew(kNow - kHour, kNow - kHour, "Wed, 31 Nov 2026 14:30:00 GMT"), 0);
  EXPECT_EQ(skew(kNow - kHour, kNow - kHour, "2026-11-25T14:30:00Z"), 0);
  // A response received before it was sent is not a measurement.
  EXPECT_EQ(skew(kNow - kHour, kNow - kHour - 1, kDate), 0);
  const auto sample = [](const char* text) { return testing::clock_sample(json::parse(text, nullptr, false)); };
  EXPECT_EQ(clock_skew(sample(R"({"date": "Wed, 25 Nov 2026 14:30:00 GMT"})")), 0);
  EXPECT_EQ(clock_skew(sample("not json")), 0);
  EXPECT_EQ(clock_skew(sample(R"({"sentAt": "1", "receivedAt": "2", "date": "Wed, 25 Nov 2026 14:30:00 GMT"})")), 0);
}

TEST(ClockSkew, NumbersADateCannotHoldAreNotMeasurements) {
  // Found by fuzz/countdown_widget: a sentAt of 1.8e20 was converted to an
  // integer (undefined behaviour), and integers near INT64_MAX overflowed
  // the middle of the request. Only instants within a JavaScript Date's
  // range (±8.64e15 ms) are read.
  const auto raw = [](const std::string& sent, const std::string& received) {
    return clock_skew(testing::clock_sample(json::parse(R"({"sentAt": )" + sent + R"(, "receivedAt": )" + received +
                                                        R"(, "date": "Wed, 25 Nov 2026 14:30:00 GMT"})")));
  };
  EXPECT_EQ(raw("179561699995617000400", "179561699995617000400"), 0);  // the fuzzer's input
  EXPECT_EQ(raw("1.8e20", "1.8e20"), 0);
  EXPECT_EQ(raw("-1.8e20", "1795617000000"), 0);
  EXPECT_EQ(raw("9223372036854775807", "9223372036854775807"), 0);
  EXPECT_EQ(raw("18446744073709551615", "18446744073709551615"), 0);
  EXPECT_EQ(raw("8640000000000001", "8640000000000001"), 0);
  // Within the range a fraction of a millisecond is fine: two minutes slow.
  EXPECT_EQ(raw("1795616880000.75", "1795616880000.75"), 120'500);
}

}  // namespace
}  // namespace sharelock

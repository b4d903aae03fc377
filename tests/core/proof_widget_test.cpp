// <sharelock-proof>, as the shim drives it: the "need" round trip for the
// feed, the count badge with its windows and thresholds, the activity
// toasts and their per-visitor cap. Requests are written as the shim's
// objects and answers read back as JSON (proof_json.hpp).
#include "sharelock/proof_widget.hpp"

#include "proof_json.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sharelock {
namespace {

using nlohmann::json;

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

// Wed 2026-11-25T14:30:00Z.
constexpr std::int64_t kNow = 1'795'617'000'000;

json page(const std::string& url = "https://shop.example/products/ebook?utm_source=news") {
  return {{"url", url}, {"lang", "en"}};
}

// The answer to a request written as the shim's object.
json describe_json(const json& request) { return testing::proof_json(describe_proof(testing::proof_request(request))); }

json describe(json attributes, json extra = json::object()) {
  json request = {{"attributes", std::move(attributes)}, {"page", page()}, {"now", kNow}};
  request.update(extra);
  return describe_json(request);
}

// With the feed already fetched.
json with_feed(json attributes, const json& feed) { return describe(std::move(attributes), {{"body", feed.dump()}}); }

std::vector<std::string> error_codes(const json& response) {
  std::vector<std::string> codes;
  for (const json& error : response["errors"]) codes.push_back(error["code"]);
  return codes;
}

// A fatal answer with exactly one error: its code and attribute.
void expect_fatal(const json& response, const std::string& code, const std::string& attribute) {
  EXPECT_TRUE(response["fatal"]) << response.dump();
  ASSERT_EQ(response["errors"].size(), 1u) << response.dump();
  EXPECT_EQ(response["errors"][0]["code"], code) << response.dump();
  EXPECT_EQ(response["errors"][0]["attribute"], attribute) << response.dump();
  EXPECT_FALSE(response.contains("show")) << response.dump();
  EXPECT_FALSE(response.contains("need")) << response.dump();
}

json counters(json rows) { return {{"version", 1}, {"counters", std::move(rows)}}; }
json events(json rows) { return {{"version", 1}, {"events", std::move(rows)}}; }
// counters({row}) and events({row}): a braced list of rows is always an
// array. Bound to `json rows`, {row} is a one-element array with g++ but a
// copy of the row itself with Clang (CWG 1467), the compiler of the wasm
// and sanitizer builds.
json counters(std::initializer_list<json> rows) { return counters(json::array_t(rows)); }
json events(std::initializer_list<json> rows) { return events(json::array_t(rows)); }

json counter(const std::string& type, std::int64_t count, const std::string& window, const std::string& at = "",
             const std::string& item = "") {
  json row = {{"type", type}, {"count", count}, {"window", window}};
  if (!at.empty()) row["at"] = at;
  if (!item.empty()) row["item"] = item;
  return row;
}

json event(const std::string& type, const std::string& at, const std::string& name = "",
           const std::string& item = "") {
  json row = {{"type", type}, {"at", at}};
  if (!name.empty()) row["name"] = name;
  if (!item.empty()) row["item"] = item;
  return row;
}

// "2026-11-25T14:MM:SSZ"-style instants minutes before kNow, for long lists.
std::string minutes_ago(int minutes) {
  const int total = 14 * 60 + 30 - minutes;
  const auto two = [](int n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
  return "2026-11-25T" + two(total / 60) + ":" + two(total % 60) + ":00Z";
}

// ---- the feed round trip ---------------------------------------------------

TEST(ProofNeed, ASameSiteFeedIsFetchedWithCookies) {
  const json response = describe({{"src", "/proof.json"}});
  EXPECT_FALSE(response["fatal"]);
  EXPECT_EQ(response["errors"], json::array());
  EXPECT_EQ(response["need"], json({{"fetch", "https://shop.example/proof.json"},
                                    {"credentials", "same-origin"},
                                    {"referrerPolicy", "strict-origin-when-cross-origin"},
                                    {"attribute", "src"},
                                    {"refreshAfter", nullptr}}));
  // A live count is read again every 30 s, even if this first read fails.
  EXPECT_EQ(describe({{"src", "/proof.json"}, {"type", "viewing"}})["need"]["refreshAfter"], 30 * kSecond);
  EXPECT_FALSE(response.contains("show"));
  EXPECT_EQ(describe({{"src", "./proof.json?v=2"}})["need"]["fetch"], "https://shop.example/products/proof.json?v=2");
  EXPECT_EQ(describe({{"src", "https://shop.example/api/proof.json"}})["need"]["fetch"],
            "https://shop.example/api/proof.json");
}

TEST(ProofNeed, TheVerificationServerIsAskedWithoutCookies) {
  const json response = describe({{"server", "https://verify.example/"}, {"item", "ebook 1/2&x=#"}});
  EXPECT_FALSE(response["fatal"]);
  EXPECT_EQ(response["errors"], json::array());
  // No cookies and no page address: the verification server is told of
  // the count being read, not of who reads it where.
  EXPECT_EQ(response["need"], json({{"fetch", "https://verify.example/v1/proof?item=ebook%201%2F2%26x%3D%23"},
                                    {"credentials", "omit"},
                                    {"referrerPolicy", "no-referrer"},
                                    {"attribute", "server"},
                                    {"refreshAfter", nullptr}}));
  EXPECT_EQ(describe({{"server", "https://verify.example/api/"}, {"item", "ebook"}})["need"]["fetch"],
            "https://verify.example/api/v1/proof?item=ebook");
  // The server's own query and fragment are not carried over.
  EXPECT_EQ(describe({{"server", "https://verify.example/api?key=1#top"}, {"item", "ebook"}})["need"]["fetch"],
            "https://verify.example/api/v1/proof?item=ebook");
}

TEST(ProofNeed, AThirdPartyFeedIsRefused) {
  for (const char* src : {"https://cdn.other.example/proof.json", "http://shop.example/proof.json",
                          "https://shop.example:8443/proof.json", "https://evil.shop.example/proof.json"}) {
    const json response = describe({{"src", src}});
    expect_fatal(response, "third-party-feed", "src");
    EXPECT_NE(response["errors"][0]["message"].get<std::string>().find("https://shop.example"), std::string::npos);
  }
  // A page without an http(s) address has no site to be the same as.
  json request = {{"attributes", {{"src", "https://shop.example/proof.json"}}},
                  {"page", {{"url", "file:///home/me/page.html"}}},
                  {"now", kNow}};
  expect_fatal(describe_json(request), "third-party-feed", "src");
  expect_fatal(describe({{"src", "javascript:alert(1)"}}), "unsafe-url", "src");
}

TEST(ProofNeed, AnInsecureServerIsRefusedUnlessLocalOrSameOrigin) {
  expect_fatal(describe({{"server", "http://verify.example"}, {"item", "ebook"}}), "insecure-url", "server");
  EXPECT_EQ(describe({{"server", "http://localhost:8080"}, {"item", "ebook"}})["need"]["fetch"],
            "http://localhost:8080/v1/proof?item=ebook");
  EXPECT_EQ(describe({{"server", "http://127.0.0.1:3000/"}, {"item", "ebook"}})["need"]["fetch"],
            "http://127.0.0.1:3000/v1/proof?item=ebook");
  EXPECT_EQ(describe({{"server", "http://[::1]:3000"}, {"item", "ebook"}})["need"]["fetch"],
            "http://[::1]:3000/v1/proof?item=ebook");
  // A plain-http shop may use its own origin.
  json request = {{"attributes", {{"server", "http://shop.test/verify"}, {"item", "ebook"}}},
                  {"page", {{"url", "http://shop.test/products/ebook"}}},
                  {"now", kNow}};
  EXPECT_EQ(describe_json(request)["need"]["fetch"],
            "http://shop.test/verify/v1/proof?item=ebook");
  expect_fatal(describe({{"server", "ftp://verify.example"}, {"item", "ebook"}}), "unsafe-url", "server");
}

TEST(ProofNeed, TheServerMayBeAPathOnThePagesSite) {
  json request = {{"attributes", {{"server", "/verify"}, {"item", "ebook"}}},
                  {"page", {{"url", "http://127.0.0.1:8080/products/ebook?x=1"}}},
                  {"now", kNow}};
  EXPECT_EQ(describe_json(request)["need"]["fetch"], "http://127.0.0.1:8080/verify/v1/proof?item=ebook");
  request["attributes"]["server"] = "../verify/";
  EXPECT_EQ(describe_json(request)["need"]["fetch"], "http://127.0.0.1:8080/verify/v1/proof?item=ebook");
  // A bare word is a URL missing its scheme far more often than a path.
  request["attributes"]["server"] = "verify.example";
  expect_fatal(describe_json(request), "invalid-url", "server");
}

TEST(ProofNeed, TheServerNeedsAnItem) {
  expect_fatal(describe({{"server", "https://verify.example"}}), "missing-item", "item");
}

TEST(ProofNeed, ExactlyOneSource) {
  expect_fatal(describe(json::object()), "missing-source", "src");
  expect_fatal(describe({{"count", 12}}), "missing-source", "src");  // not a string
  expect_fatal(describe({{"count", "12"}, {"src", "/proof.json"}}), "conflicting-source", "");
  expect_fatal(describe({{"src", "/proof.json"}, {"server", "https://verify.example"}, {"item", "x"}}),
               "conflicting-source", "");
  expect_fatal(describe({{"count", "12"}, {"src", "/p.json"}, {"server", "https://verify.example"}}),
               "conflicting-source", "");
}

// ---- configuration problems -----------------------------------------------

TEST(ProofConfig, RecentActivityNeedsAFeed) {
  expect_fatal(describe({{"kind", "recent"}, {"count", "12"}}), "missing-feed", "count");
}

TEST(ProofConfig, ViewingNowNeedsALiveSource) {
  expect_fatal(describe({{"type", "viewing"}, {"count", "12"}}), "no-live-source", "count");
}

TEST(ProofConfig, AnUnknownTypeOrKindIsFatal) {
  expect_fatal(describe({{"type", "refund"}, {"count", "12"}}), "invalid-type", "type");
  expect_fatal(describe({{"kind", "recent"}, {"type", "viewing"}, {"src", "/proof.json"}}), "invalid-type", "type");
  expect_fatal(describe({{"kind", "popup"}, {"count", "12"}}), "invalid-kind", "kind");
}

TEST(ProofConfig, AnInlineCountMustBeAWholeNumberInRange) {
  for (const char* count : {"12.5", "-1", "1e3", " 12", "twelve", "", "1000000000000"}) {
    expect_fatal(describe({{"count", count}}), "invalid-count", "count");
  }
  EXPECT_EQ(describe({{"count", "999999999999"}})["count"], 999999999999);
}

TEST(ProofConfig, OverlongAttributesAreFatal) {
  expect_fatal(describe({{"count", std::string(21, '1')}}), "attribute-too-long", "count");
  expect_fatal(describe({{"count", "12"}, {"item", std::string(201, 'x')}}), "attribute-too-long", "item");
  expect_fatal(describe({{"src", "/" + std::string(2048, 'p')}}), "attribute-too-long", "src");
  expect_fatal(describe({{"count", "12"}, {"avoid", std::string(501, 'a')}}), "attribute-too-long", "avoid");
  // At the limit is fine.
  const json at_limit = describe({{"count", "12"}, {"item", std::string(200, 'x')}});
  EXPECT_FALSE(at_limit["fatal"]);
  EXPECT_TRUE(at_limit["show"]);
}

TEST(ProofConfig, RejectsWhatIsNotARequest) {
  // No request text crosses any more ("invalid-request" is gone with it):
  // what the shim makes of a request that is not an object is a request
  // with no attributes, no page and no time, which has no source.
  for (const char* body : {"", "not json", "[]", "42", "{\"attributes\":"}) {
    const json response = describe_json(json::parse(body, nullptr, false));
    EXPECT_TRUE(response["fatal"]) << body;
    EXPECT_EQ(error_codes(response), std::vector<std::string>{"missing-source"}) << body;
  }
}

TEST(ProofConfig, BadOptionalSettingsFallBackToDefaults) {
  json response = describe({{"count", "12345"}, {"window", "2d"}, {"notation", "short"}, {"min", "ten"}});
  EXPECT_FALSE(response["fatal"]);
  EXPECT_EQ(error_codes(response), (std::vector<std::string>{"invalid-window", "invalid-notation", "invalid-number"}));
  EXPECT_EQ(response["errors"][0]["attribute"], "window");
  EXPECT_EQ(response["errors"][1]["attribute"], "notation");
  EXPECT_EQ(response["errors"][2]["attribute"], "min");
  EXPECT_EQ(response["errors"][2]["message"], "min is a whole number from 0 to 999999999999; using 1");
  EXPECT_TRUE(response["show"]);
  EXPECT_EQ(response["text"], "12K people bought this");  // window "all", notation "auto"
  EXPECT_EQ(error_codes(describe({{"count", "5"}, {"min", "-1"}})), std::vector<std::string>{"invalid-number"});
}

// ---- the count badge -------------------------------------------------------

TEST(ProofCount, AnInlineCount) {
  json response = describe({{"count", "1284"}});
  EXPECT_FALSE(response["fatal"]);
  EXPECT_EQ(response["errors"], json::array());
  EXPECT_EQ(response["lang"], "en");
  EXPECT_EQ(response["kind"], "count");
  EXPECT_TRUE(response["show"]);
  EXPECT_EQ(response["count"], 1284);
  EXPECT_EQ(response["text"], "1,284 people bought this");
  EXPECT_TRUE(response["expiresAt"].is_null());
  EXPECT_TRUE(response["refreshAfter"].is_null());
  EXPECT_FALSE(response.contains("toasts"));
  EXPECT_EQ(describe({{"count", "1"}, {"type", "signup"}, {"window", "7d"}})["text"],
            "1 person signed up in the last 7 days");
  EXPECT_EQ(describe({{"count", "1284"}, {"notation", "compact"}})["text"], "1.2K people bought this");
}

TEST(ProofCount, SpeaksTheWidgetsOrThePagesLanguage) {
  json response = describe({{"count", "1284"}, {"lang", "es"}});
  EXPECT_EQ(response["lang"], "es");
  EXPECT_EQ(response["text"], "1284 personas lo han comprado");
  json request = {
      {"attributes", {{"count", "12345"}, {"window", "24h"}}}, {"page", {{"lang", "es-ES"}}}, {"now", kNow}};
  EXPECT_EQ(describe_json(request)["text"],
            "12\u00A0mil personas lo han comprado en las últimas 24 horas");
  EXPECT_EQ(describe({{"count", "1"}, {"lang", "es-419"}, {"type", "share"}})["text"], "1 persona lo ha compartido");
}

TEST(ProofCount, TheMinimumHidesSmallCounts) {
  json below = describe({{"count", "9"}, {"min", "10"}});
  EXPECT_FALSE(below["fatal"]);
  EXPECT_EQ(below["errors"], json::array());
  EXPECT_FALSE(below["show"]);
  EXPECT_FALSE(below.contains("text"));
  EXPECT_FALSE(below.contains("count"));
  json at = describe({{"count", "10"}, {"min", "10"}});
  EXPECT_TRUE(at["show"]);
  EXPECT_EQ(at["text"], "10 people bought this");
  // By default a zero is not shown; min="0" shows it.
  EXPECT_FALSE(describe({{"count", "0"}})["show"]);
  EXPECT_EQ(describe({{"count", "0"}, {"min", "0"}})["text"], "0 people bought this");
}

TEST(ProofCount, PicksTheCounterOfTheWindow) {
  // Windowed counts carry the time they were taken (half an hour ago).
  const std::string taken = "2026-11-25T14:00:00Z";
  const json feed = counters({counter("purchase", 5000, "all"), counter("purchase", 120, "24h", taken),
                              counter("purchase", 800, "7d", taken), counter("signup", 42, "24h", taken)});
  json all = with_feed({{"src", "/proof.json"}}, feed);
  EXPECT_FALSE(all["fatal"]);
  EXPECT_EQ(all["errors"], json::array());
  EXPECT_EQ(all["text"], "5,000 people bought this");
  json day = with_feed({{"src", "/proof.json"}, {"window", "24h"}}, feed);
  EXPECT_EQ(day["text"], "120 people bought this in the last 24 hours");
  // Taken down an hour after it was counted (1/24 of its window).
  EXPECT_EQ(day["expiresAt"], kNow + 30 * kMinute);
  EXPECT_EQ(all["expiresAt"], nullptr);
  EXPECT_EQ(with_feed({{"src", "/proof.json"}, {"window", "7d"}}, feed)["text"],
            "800 people bought this in the last 7 days");
  EXPECT_EQ(with_feed({{"src", "/proof.json"}, {"window", "24h"}, {"type", "signup"}}, feed)["text"],
            "42 people signed up in the last 24 hours");
  // No counter for that window: nothing is made up.
  json none = with_feed({{"src", "/proof.json"}, {"window", "1h"}}, feed);
  EXPECT_FALSE(none["fatal"]);
  EXPECT_FALSE(none["show"]);
  EXPECT_FALSE(none.contains("text"));
  EXPECT_FALSE(with_feed({{"src", "/proof.json"}, {"window", "30d"}, {"type", "signup"}}, feed)["show"]);
}

TEST(ProofCount, PicksTheCounterOfTheItem) {
  const json feed = counters({counter("purchase", 10, "all", "", "course"), counter("purchase", 20, "all", "", "ebook"),
                              counter("purchase", 30, "all")});
  EXPECT_EQ(with_feed({{"src", "/proof.json"}, {"item", "ebook"}}, feed)["count"], 20);
  EXPECT_EQ(with_feed({{"src", "/proof.json"}, {"item", "course"}}, feed)["count"], 10);
  EXPECT_FALSE(with_feed({{"src", "/proof.json"}, {"item", "mug"}}, feed)["show"]);
  // Without item, only a row that names no item is about "this": never
  // another product's count.
  EXPECT_EQ(with_feed({{"src", "/proof.json"}}, feed)["count"], 30);
  EXPECT_FALSE(with_feed({{"src", "/proof.json"}}, counters({counter("purchase", 10, "all", "", "course")}))["show"]);
}

TEST(ProofCount, AStaleWindowedCountIsIgnored) {
  const auto count_at = [](const std::string& window, const std::string& at) {
    json response =
        with_feed({{"src", "/proof.json"}, {"window", window}}, counters({counter("purchase", 77, window, at)}));
    return response["show"].get<bool>() ? response["count"].get<std::int64_t>() : -1;
  };
  // 24h: less than an hour old.
  EXPECT_EQ(count_at("24h", "2026-11-25T13:30:01Z"), 77);
  EXPECT_EQ(count_at("24h", "2026-11-25T13:30:00Z"), -1);
  // 1h: less than 2.5 minutes old.
  EXPECT_EQ(count_at("1h", "2026-11-25T14:27:31Z"), 77);
  EXPECT_EQ(count_at("1h", "2026-11-25T14:27:30Z"), -1);
  // 7d: less than 7 hours old; 30d: less than 30 hours old.
  EXPECT_EQ(count_at("7d", "2026-11-25T07:31:00Z"), 77);
  EXPECT_EQ(count_at("7d", "2026-11-25T07:30:00Z"), -1);
  EXPECT_EQ(count_at("30d", "2026-11-24T08:31:00Z"), 77);
  EXPECT_EQ(count_at("30d", "2026-11-24T08:30:00Z"), -1);
  // "all" is never stale; a windowed count without "at" is never shown (a
  // static file would claim "in the last 24 hours" for ever).
  EXPECT_EQ(count_at("all", "2020-01-01T00:00:00Z"), 77);
  EXPECT_EQ(count_at("24h", ""), -1);
  // A stale counter gives way to a fresh one of the same window.
  const json feed = counters({counter("purchase", 1, "24h", "2026-11-24T14:30:00Z"),
                              counter("purchase", 2, "24h", "2026-11-25T14:29:00Z")});
  EXPECT_EQ(with_feed({{"src", "/proof.json"}, {"window", "24h"}}, feed)["count"], 2);
}

TEST(ProofCount, TheVerificationServerCountsUnlocks) {
  const json feed =
      counters({counter("purchase", 900, "all", "", "ebook"), counter("unlock", 321, "all", "", "ebook")});
  json response = with_feed({{"server", "https://verify.example"}, {"item", "ebook"}}, feed);
  EXPECT_FALSE(response["fatal"]);
  EXPECT_EQ(response["text"], "321 people unlocked this by sharing");
}

TEST(ProofCount, ViewingNowNeedsACountFromTheLastTwoMinutes) {
  const auto viewing = [](const std::string& at, json extra = json::object()) {
    json attributes = {{"src", "/proof.json"}, {"type", "viewing"}};
    attributes.update(extra);
    return with_feed(attributes, counters({counter("viewing", 3, "all", at)}));
  };
  json fresh = viewing("2026-11-25T14:28:30Z");
  EXPECT_FALSE(fresh["fatal"]);
  EXPECT_TRUE(fresh["show"]);
  EXPECT_EQ(fresh["text"], "3 people are viewing this now");
  EXPECT_EQ(fresh["expiresAt"], kNow - 90 * kSecond + 2 * kMinute);
  EXPECT_EQ(fresh["refreshAfter"], 30 * kSecond);
  EXPECT_TRUE(viewing("2026-11-25T14:28:00Z")["show"]);
  json stale = viewing("2026-11-25T14:27:59Z");
  EXPECT_FALSE(stale["show"]);
  EXPECT_FALSE(stale.contains("text"));
  EXPECT_TRUE(stale["expiresAt"].is_null());
  // A clock a minute ahead is still "now".
  EXPECT_EQ(viewing("2026-11-25T14:31:00Z")["expiresAt"], kNow + 3 * kMinute);
  // No window phrase, in either language.
  EXPECT_EQ(viewing("2026-11-25T14:30:00Z", {{"window", "24h"}})["text"], "3 people are viewing this now");
  EXPECT_EQ(viewing("2026-11-25T14:30:00Z", {{"lang", "es"}})["text"], "3 personas lo están viendo ahora");
  json one = with_feed({{"src", "/proof.json"}, {"type", "viewing"}},
                       counters({counter("viewing", 1, "all", "2026-11-25T14:30:00Z")}));
  EXPECT_EQ(one["text"], "1 person is viewing this now");
  // A viewing counter without "at" never reaches the badge.
  json untimed = with_feed({{"src", "/proof.json"}, {"type", "viewing"}},
                           {{"version", 1}, {"counters", {{{"type", "viewing"}, {"count", 3}}}}});
  EXPECT_FALSE(untimed["show"]);
  EXPECT_EQ(error_codes(untimed), std::vector<std::string>{"invalid-feed-rows"});
}

// ---- feed problems ---------------------------------------------------------

TEST(ProofFeedErrors, AnUnreadableFeedIsFatalOnItsAttribute) {
  expect_fatal(describe({{"src", "/proof.json"}}, {{"body", "<html>Not found</html>"}}), "invalid-feed", "src");
  expect_fatal(describe({{"src", "/proof.json"}}, {{"body", nullptr}}), "invalid-feed", "src");
  expect_fatal(describe({{"src", "/proof.json"}}, {{"body", R"({"version":2,"counters":[]})"}}),
               "unsupported-feed-version", "src");
  expect_fatal(describe({{"server", "https://verify.example"}, {"item", "ebook"}}, {{"body", "{}"}}),
               "unsupported-feed-version", "server");
  expect_fatal(describe({{"server", "https://verify.example"}, {"item", "ebook"}},
                        {{"body", std::string((1 << 20) + 1, ' ')}}),
               "feed-too-large", "server");
  expect_fatal(describe({{"kind", "recent"}, {"src", "/proof.json"}}, {{"body", R"({"version":1})"}}), "invalid-feed",
               "src");
}

TEST(ProofFeedErrors, SkippedRowsAreReportedButNotFatal) {
  const json feed = counters({{{"type", "purchase"}, {"count", 1e300}}, {{"type", "purchase"}, {"count", -4}},
                              counter("purchase", 55, "all")});
  json response = with_feed({{"src", "/proof.json"}}, feed);
  EXPECT_FALSE(response["fatal"]);
  ASSERT_EQ(response["errors"].size(), 1u);
  EXPECT_EQ(response["errors"][0]["code"], "invalid-feed-rows");
  EXPECT_EQ(response["errors"][0]["attribute"], "src");
  EXPECT_EQ(response["errors"][0]["message"],
            "2 row(s) of the feed were skipped; the first because a counter's \"count\" is not a whole number from 0 "
            "to 999999999999");
  EXPECT_EQ(response["text"], "55 people bought this");
  json server = with_feed({{"server", "https://verify.example"}, {"item", "e"}},
                          counters({{{"type", "unlock"}, {"count", "9"}}}));
  EXPECT_EQ(server["errors"][0]["attribute"], "server");
  EXPECT_FALSE(server["show"]);
}

// ---- recent activity -------------------------------------------------------

TEST(ProofRecent, ShowsTheNewestEventsOfTheWindow) {
  const json feed = events({
      event("purchase", "2026-11-25T13:00:00Z", "Bea"),
      event("purchase", "2026-11-25T14:25:00Z", "Ana"),
      event("signup", "2026-11-25T14:00:00Z", "Carla"),
      event("purchase", "2026-11-24T14:29:00Z", "Old"),  // 24 h 1 min ago
  });
  json response = with_feed({{"kind", "recent"}, {"src", "/proof.json"}}, feed);
  EXPECT_FALSE(response["fatal"]);
  EXPECT_EQ(response["errors"], json::array());
  EXPECT_EQ(response["kind"], "recent");
  EXPECT_TRUE(response["show"]);
  EXPECT_EQ(response["toasts"],
            json::parse(R"([
              {"type":"purchase","name":"Ana","place":"","at":1795616700000},
              {"type":"signup","name":"Carla","place":"","at":1795615200000},
              {"type":"purchase","name":"Bea","place":"","at":1795611600000}])"));
  EXPECT_EQ(response["toasts"][0]["at"], kNow - 5 * kMinute);
  EXPECT_FALSE(response.contains("text"));
}

TEST(ProofRecent, EventsOlderThanTheWindowAreNeverShown) {
  const json feed = events({event("share", "2026-11-25T13:30:00Z", "Edge"),
                            event("share", "2026-11-25T13:29:59Z", "Out"),
                            event("share", "2026-11-20T14:30:00Z", "Week")});
  json hour = with_feed({{"kind", "recent"}, {"src", "/proof.json"}, {"window", "1h"}}, feed);
  ASSERT_EQ(hour["toasts"].size(), 1u);
  EXPECT_EQ(hour["toasts"][0]["name"], "Edge");
  EXPECT_EQ(with_feed({{"kind", "recent"}, {"src", "/proof.json"}, {"window", "7d"}}, feed)["toasts"].size(), 3u);
  json empty = with_feed({{"kind", "recent"}, {"src", "/proof.json"}},
                         events({event("share", "2026-11-23T14:30:00Z", "Old")}));
  EXPECT_FALSE(empty["show"]);
  EXPECT_EQ(empty["toasts"], json::array());
  // "all" is no window for recent activity: refused, 24h kept.
  json all = with_feed({{"kind", "recent"}, {"src", "/proof.json"}, {"window", "all"}}, feed);
  EXPECT_EQ(error_codes(all), std::vector<std::string>{"invalid-window"});
  EXPECT_EQ(all["toasts"].size(), 2u);
}

TEST(ProofRecent, AtMostTwentyToastsOfTheItemAndType) {
  json rows = json::array();
  for (int i = 0; i < 30; ++i) rows.push_back(event("purchase", minutes_ago(i), "N", "ebook"));
  rows.push_back(event("purchase", minutes_ago(0), "Mug", "mug"));
  rows.push_back(event("signup", minutes_ago(0), "Signup", "ebook"));
  rows.push_back(event("purchase", minutes_ago(0), "Nobody"));
  json response = with_feed({{"kind", "recent"}, {"src", "/proof.json"}, {"item", "ebook"}, {"type", "purchase"}},
                            events(rows));
  ASSERT_EQ(response["toasts"].size(), 20u);
  for (std::size_t i = 0; i < 20; ++i) {
    EXPECT_EQ(response["toasts"][i]["at"], kNow - static_cast<std::int64_t>(i) * kMinute) << i;
    EXPECT_EQ(response["toasts"][i]["name"], "N") << i;
  }
  // All thirty count towards min, though only twenty are listed.
  EXPECT_TRUE(with_feed({{"kind", "recent"}, {"src", "/proof.json"}, {"item", "ebook"}, {"type", "purchase"},
                         {"min", "30"}},
                        events(rows))["show"]);
  EXPECT_FALSE(with_feed({{"kind", "recent"}, {"src", "/proof.json"}, {"item", "ebook"}, {"type", "purchase"},
                          {"min", "31"}},
                         events(rows))["show"]);
  // Without a type, every activity of the item.
  json any_type = with_feed({{"kind", "recent"}, {"src", "/proof.json"}, {"item", "ebook"}, {"min", "31"}}, events(rows));
  EXPECT_TRUE(any_type["show"]);
  EXPECT_EQ(any_type["toasts"].size(), 20u);
  // Without an item, only the events that name none ("Nobody"): a sale of
  // another product is never "this".
  json no_item = with_feed({{"kind", "recent"}, {"src", "/proof.json"}}, events(rows));
  ASSERT_EQ(no_item["toasts"].size(), 1u);
  EXPECT_EQ(no_item["toasts"][0]["name"], "Nobody");
}

TEST(ProofRecent, MinCountsEvents) {
  const json two = events({event("purchase", minutes_ago(1), "A"), event("purchase", minutes_ago(2), "B")});
  json below = with_feed({{"kind", "recent"}, {"src", "/proof.json"}, {"min", "3"}}, two);
  EXPECT_FALSE(below["show"]);
  EXPECT_EQ(below["toasts"].size(), 2u);
  EXPECT_TRUE(with_feed({{"kind", "recent"}, {"src", "/proof.json"}, {"min", "2"}}, two)["show"]);
  // Nothing to show even with min="0".
  EXPECT_FALSE(with_feed({{"kind", "recent"}, {"src", "/proof.json"}, {"min", "0"}}, events(json::array()))["show"]);
}

TEST(ProofRecent, ToastSettings) {
  const json feed = events({event("purchase", minutes_ago(1), "Ana")});
  json defaults = with_feed({{"kind", "recent"}, {"src", "/proof.json"}}, feed);
  EXPECT_EQ(defaults["toast"], json({{"position", "bottom-left"},
                                     {"avoid", "[data-sharelock-avoid], sharelock-pay, sharelock-share"},
                                     {"duration", 6000},
                                     {"interval", 20000},
                                     {"window", kDay},
                                     {"gateKey", "sharelock:proof-toasts"},
                                     {"limit", 5},
                                     {"snooze", 7 * kDay}}));
  EXPECT_EQ(defaults["messages"], json({{"region", "Recent activity"}, {"dismiss", "Dismiss activity notices"}}));

  json custom = with_feed({{"kind", "recent"},
                           {"src", "/proof.json"},
                           {"position", "top-right"},
                           {"avoid", ".cookie-banner"},
                           {"duration", "10"},
                           {"interval", "30"},
                           {"max-toasts", "3"},
                           {"snooze", "12h"},
                           {"lang", "es"}},
                          feed);
  EXPECT_EQ(custom["errors"], json::array());
  EXPECT_EQ(custom["toast"]["position"], "top-right");
  EXPECT_EQ(custom["toast"]["avoid"], ".cookie-banner");
  EXPECT_EQ(custom["toast"]["duration"], 10000);
  EXPECT_EQ(custom["toast"]["interval"], 30000);
  EXPECT_EQ(custom["toast"]["limit"], 3);
  EXPECT_EQ(custom["toast"]["snooze"], 43200000);
  EXPECT_EQ(custom["messages"], json({{"region", "Actividad reciente"}, {"dismiss", "Cerrar avisos de actividad"}}));

  // The next toast comes at least a second after the last one went.
  json tight = with_feed({{"kind", "recent"}, {"src", "/proof.json"}, {"duration", "10"}, {"interval", "5"}}, feed);
  EXPECT_EQ(tight["errors"], json::array());
  EXPECT_EQ(tight["toast"]["duration"], 10000);
  EXPECT_EQ(tight["toast"]["interval"], 11000);

  for (const char* snooze : {"0", "session", "0d"}) {
    EXPECT_EQ(with_feed({{"kind", "recent"}, {"src", "/proof.json"}, {"snooze", snooze}}, feed)["toast"]["snooze"], 0)
        << snooze;
  }
  EXPECT_EQ(with_feed({{"kind", "recent"}, {"src", "/proof.json"}, {"snooze", "30d"}}, feed)["toast"]["snooze"],
            30 * kDay);
}

TEST(ProofRecent, BadToastSettingsFallBackToDefaults) {
  const json feed = events({event("purchase", minutes_ago(1), "Ana")});
  json response = with_feed({{"kind", "recent"},
                             {"src", "/proof.json"},
                             {"position", "middle"},
                             {"duration", "1"},
                             {"interval", "3601"},
                             {"max-toasts", "0"},
                             {"snooze", "forever"}},
                            feed);
  EXPECT_FALSE(response["fatal"]);
  EXPECT_EQ(error_codes(response), (std::vector<std::string>{"invalid-position", "invalid-number", "invalid-number",
                                                             "invalid-duration", "invalid-number"}));
  EXPECT_EQ(response["errors"][1]["attribute"], "duration");
  EXPECT_EQ(response["errors"][2]["attribute"], "interval");
  EXPECT_EQ(response["errors"][3]["attribute"], "snooze");
  EXPECT_EQ(response["errors"][4]["attribute"], "max-toasts");
  EXPECT_EQ(response["toast"]["position"], "bottom-left");
  EXPECT_EQ(response["toast"]["duration"], 6000);
  EXPECT_EQ(response["toast"]["interval"], 20000);
  EXPECT_EQ(response["toast"]["limit"], 5);
  EXPECT_EQ(response["toast"]["snooze"], 7 * kDay);
  EXPECT_TRUE(response["show"]);
  EXPECT_EQ(error_codes(with_feed({{"kind", "recent"}, {"src", "/proof.json"}, {"snooze", "400d"}}, feed)),
            std::vector<std::string>{"invalid-duration"});
}

// ---- privacy ---------------------------------------------------------------

TEST(ProofPrivacy, OnlyAFirstNameAndAPlaceLeaveTheCore) {
  const json feed = events({
      {{"type", "purchase"},
       {"at", "2026-11-25T14:20:00Z"},
       {"name", "Ana López García"},
       {"surname", "Fernández"},
       {"email", "ana.lopez@correo.example"},
       {"phone", "+34 600 123 456"},
       {"address", "Calle Mayor 5"},
       {"place", "San Sebastián de los Reyes"}},
      {{"type", "purchase"}, {"at", "2026-11-25T14:10:00Z"}, {"name", "zz@correo.example"}, {"place", "Madrid 28001"}},
      {{"type", "purchase"}, {"at", "2026-11-25T14:00:00Z"}, {"name", "\u202E\u2066Luis\u200F"}},
  });
  const std::string dumped = describe_json({{"attributes", {{"kind", "recent"}, {"src", "/proof.json"}}},
                                           {"page", page()},
                                           {"now", kNow},
                                           {"body", feed.dump()}})
                                 .dump();
  for (const char* secret : {"López", "García", "Fernández", "surname", "email", "correo", "phone", "123 456",
                             "address", "Mayor", "28001", "\u202E", "\u2066", "\u200F"}) {
    EXPECT_EQ(dumped.find(secret), std::string::npos) << secret;
  }
  const json response = json::parse(dumped);
  ASSERT_EQ(response["toasts"].size(), 3u);
  EXPECT_EQ(response["toasts"][0]["name"], "Ana");
  EXPECT_EQ(response["toasts"][0]["place"], "San Sebastián de los Reyes");
  EXPECT_EQ(response["toasts"][1]["name"], "");
  EXPECT_EQ(response["toasts"][1]["place"], "");
  EXPECT_EQ(response["toasts"][2]["name"], "Luis");
}

TEST(ProofPrivacy, MarkupIsPassedVerbatimForTheDomToEscape) {
  json response = with_feed({{"kind", "recent"}, {"src", "/proof.json"}},
                            events({{{"type", "share"}, {"at", "2026-11-25T14:20:00Z"}, {"name", "<b>Ana</b>"}}}));
  EXPECT_EQ(response["toasts"][0]["name"], "<b>Ana</b>");
}

// ---- hostile numbers from the shim -------------------------------------------

TEST(ProofHostileNumbers, ANowOutsideTheDateRangeReadsAsTheEpoch) {
  // 1e300 is not an integer and would be undefined behaviour to convert.
  for (const char* now : {"1e300", "-1e300", "18446744073709551615", "9223372036854775807", "\"soon\""}) {
    const json response = describe_json(json::parse(
        std::string(R"({"attributes":{"count":"12"},"page":{"url":"https://shop.example/"},"now":)") + now + "}"));
    EXPECT_FALSE(response["fatal"]) << now;
    EXPECT_EQ(response["text"], "12 people bought this") << now;
  }
}

}  // namespace
}  // namespace sharelock

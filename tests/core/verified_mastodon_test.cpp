// Verified unlocks through Mastodon: how a post is counted (500 graphemes,
// every URL as 23), the post the widget proposes, the shopper's server
// carried from the redirect to the callback, and the server's checks.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "sharelock/base64url.hpp"
#include "sharelock/post_length.hpp"
#include "sharelock/verification_server.hpp"
#include "sharelock/verified_pay.hpp"
#include "verified_json.hpp"

namespace sharelock {
namespace {

using nlohmann::json;

constexpr std::int64_t kNow = 1'764'000'000'000;
constexpr char kLink[] = "https://shop.example/members";

json attributes() {
  return {{"mode", "verified"}, {"server", "https://verify.shop.example"}, {"item", "club"},
          {"network", "mastodon"}, {"text", "Joining the club"}, {"url", kLink}, {"hashtags", "ShopSmall"}};
}

json page() { return {{"url", "https://shop.example/club?ref=1#top"}, {"lang", "en"}}; }

json call(std::string (*function)(std::string_view), const json& request) {
  return json::parse(function(request.dump()));
}

std::string random48() { return base64url::encode(std::string(48, '\x2a')); }

json mastodon_client() {
  return {{"network", "mastodon"}, {"host", "mastodon.example"},
          {"authorizeEndpoint", "https://mastodon.example/oauth/authorize"}, {"clientId", "abc"},
          {"redirectUri", "https://shop.example/club"}, {"scopes", {"write:statuses"}}};
}

TEST(MastodonLength, CountsGraphemesWithEveryUrlAs23) {
  EXPECT_EQ(post_length::mastodon_length("hello"), 5u);
  EXPECT_EQ(post_length::mastodon_length("e\xCC\x81"), 1u);  // e + combining acute: one grapheme
  EXPECT_EQ(post_length::mastodon_length("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"), 1u);  // thumbs up + skin tone
  EXPECT_EQ(post_length::mastodon_length("\xE6\x97\xA5"), 1u);  // 日: 1 here, 2 on X
  EXPECT_EQ(post_length::x_weighted_length("\xE6\x97\xA5"), 2u);
  EXPECT_EQ(post_length::mastodon_length("see https://example.com/a/very/long/path/that/goes/on/and/on"), 4u + 23u);
  EXPECT_EQ(post_length::mastodon_length("https://a.example https://b.example"), 23u + 1u + 23u);
}

TEST(MastodonLength, ShortensToFiveHundredWithoutCuttingTheLink) {
  const std::string text = std::string(600, 'a') + " " + kLink;
  const std::string cut = post_length::shorten(text, post_length::kMastodonLimit, post_length::Measure::kMastodon);
  EXPECT_LE(post_length::mastodon_length(cut), post_length::kMastodonLimit);
  EXPECT_NE(cut.find("…"), std::string::npos);
}

TEST(VerifiedMastodon, ProposesTextHashtagsThenTheLinkAndSpeaksOfMastodon) {
  const json d = call(testing::describe_verified, {{"attributes", attributes()}, {"page", page()}, {"now", kNow},
                                          {"mastodonHost", "Mastodon.Example"}});
  ASSERT_FALSE(d["fatal"]) << d.dump();
  EXPECT_EQ(d["network"], "mastodon");
  EXPECT_EQ(d["mastodonHost"], "mastodon.example");
  EXPECT_EQ(d["postText"], std::string("Joining the club #ShopSmall ") + kLink);
  EXPECT_EQ(d["messages"]["button"], "Post on Mastodon and unlock");
  EXPECT_EQ(d["messages"]["hostLabel"], "Your Mastodon server");
}

TEST(VerifiedMastodon, AStoredServerThatIsNotAHostNameIsIgnored) {
  const json d = call(testing::describe_verified, {{"attributes", attributes()}, {"page", page()}, {"now", kNow},
                                          {"mastodonHost", "not a host"}});
  ASSERT_FALSE(d["fatal"]);
  EXPECT_EQ(d["mastodonHost"], "");
}

TEST(VerifiedMastodon, ALongTextIsShortenedToFiveHundred) {
  json a = attributes();
  a["text"] = std::string(700, 'b');
  const json d = call(testing::describe_verified, {{"attributes", a}, {"page", page()}, {"now", kNow}});
  const std::string post = d["postText"];
  EXPECT_EQ(post_length::mastodon_length(post), post_length::kMastodonLimit);
  EXPECT_NE(post.find(kLink), std::string::npos);
}

TEST(VerifiedMastodon, ThePostCheckUsesMastodonsLimit) {
  const std::string fits = std::string(476, 'c') + " " + kLink;  // 476 + 1 + 23 = 500
  json c = call(testing::check_verified_post, {{"attributes", attributes()}, {"page", page()}, {"text", fits}});
  EXPECT_EQ(c["length"], 500);
  EXPECT_EQ(c["limit"], 500);
  EXPECT_TRUE(c["fits"]);
  c = call(testing::check_verified_post, {{"attributes", attributes()}, {"page", page()}, {"text", "c" + fits}});
  EXPECT_EQ(c["problem"], "too-long");
  EXPECT_EQ(c["message"], "Your post is too long for Mastodon.");
}

TEST(VerifiedMastodon, BeginNeedsTheShoppersServerAndTheCallbackCarriesIt) {
  const std::string text = std::string("Joining ") + kLink;
  json request = {{"attributes", attributes()}, {"page", page()}, {"now", kNow}, {"random", random48()},
                  {"text", text}, {"clientStatus", 200}, {"client", mastodon_client()}};
  json begun = call(testing::begin_verified, request);
  ASSERT_TRUE(begun["fatal"]);
  EXPECT_EQ(begun["errors"][0]["code"], "missing-mastodon-host");

  request["mastodonHost"] = "mastodon.example";
  begun = call(testing::begin_verified, request);
  ASSERT_FALSE(begun["fatal"]) << begun.dump();
  const std::string url = begun["authorizeUrl"];
  EXPECT_EQ(url.rfind("https://mastodon.example/oauth/authorize?response_type=code&client_id=abc&", 0), 0u) << url;
  EXPECT_NE(url.find("scope=write%3Astatuses"), std::string::npos) << url;

  const std::string state = base64url::encode(std::string(16, '\x2a'));
  const json back = call(testing::accept_verified_callback, {{"query", "?code=xyz&state=" + state},
                                                    {"page", "https://shop.example/club?code=xyz&state=" + state},
                                                    {"stored", begun["record"]}, {"now", kNow + 1000}});
  EXPECT_EQ(back["outcome"], "exchange");
  EXPECT_EQ(back["network"], "mastodon");
  EXPECT_EQ(back["host"], "mastodon.example");
  EXPECT_EQ(back["text"], text);
  EXPECT_EQ(back["returnPath"], "/club?ref=1");
}

json unlock_request(const json& body) {
  return {{"body", body.dump()}, {"items", {{"club", {{"url", kLink}}}}}};
}

TEST(ServerMastodon, AcceptsAPostWithTheServerNormalized) {
  const json checked = call(check_unlock_request, unlock_request({{"item", "club"}, {"network", "mastodon"},
      {"host", "@me@Mastodon.Example"}, {"code", "abc"}, {"codeVerifier", std::string(43, 'v')},
      {"text", std::string("Joining ") + kLink}}));
  ASSERT_TRUE(checked["ok"]) << checked.dump();
  EXPECT_EQ(checked["host"], "mastodon.example");
}

TEST(ServerMastodon, RefusesAMissingServerAndAPostOverFiveHundred) {
  json body = {{"item", "club"}, {"network", "mastodon"}, {"code", "abc"},
               {"codeVerifier", std::string(43, 'v')}, {"text", std::string("Joining ") + kLink}};
  json checked = call(check_unlock_request, unlock_request(body));
  EXPECT_EQ(checked["status"], 400);
  EXPECT_EQ(checked["error"]["code"], "invalid-host");

  body["host"] = "mastodon.example";
  body["text"] = std::string(477, 'd') + " " + kLink;  // 501
  checked = call(check_unlock_request, unlock_request(body));
  EXPECT_EQ(checked["status"], 422);
  EXPECT_EQ(checked["error"]["code"], "post-too-long");

  // The same 300 CJK characters are within Mastodon's 500 but over X's 280.
  std::string cjk;
  for (int i = 0; i < 200; ++i) cjk += "\xE6\x97\xA5";
  body["text"] = cjk + " " + kLink;
  EXPECT_TRUE(call(check_unlock_request, unlock_request(body))["ok"]);
  body["network"] = "x";
  EXPECT_EQ(call(check_unlock_request, unlock_request(body))["error"]["code"], "post-too-long");
}

TEST(ServerMastodon, NormalizeHostRefusesWhatIsNotAServerName) {
  EXPECT_EQ(json::parse(normalize_host("https://Mastodon.Social/"))["host"], "mastodon.social");
  EXPECT_FALSE(json::parse(normalize_host("localhost"))["ok"]);
  EXPECT_FALSE(json::parse(normalize_host("two words"))["ok"]);
}

}  // namespace
}  // namespace sharelock

// <sharelock-pay mode="verified">, the browser's side, as the shim drives it:
// describe, the post check, the redirect to the provider (state + PKCE
// S256), the callback and the verification server's answer. Expected
// values are written out here (the post, its X weight, the authorize URL);
// the PKCE challenge is recomputed with pkce::challenge_s256 (itself tested
// against RFC 7636 appendix B in pkce_test.cpp). The typed calls are driven
// with JSON requests and read back as JSON (verified_json.hpp).
#include "sharelock/verified_pay.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sharelock/base64url.hpp"
#include "sharelock/pkce.hpp"
#include "sharelock/post_length.hpp"
#include "verified_json.hpp"

namespace sharelock {
namespace {

using nlohmann::json;

constexpr std::int64_t kT0 = 1'764'000'000'000;  // an instant in 2025, in ms
constexpr std::int64_t kTenMinutes = 10 * 60 * 1000;

std::string counting_bytes(int first, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out.push_back(static_cast<char>(first + i));
  return out;
}

// 16 bytes for the state, then 32 for the PKCE verifier.
const std::string kRandom = counting_bytes(0, 48);
constexpr char kState[] = "AAECAwQFBgcICQoLDA0ODw";  // base64url of bytes 0…15
const std::string kVerifier = base64url::encode(counting_bytes(16, 32));

constexpr char kLink[] = "https://shop.example/ebook";
constexpr char kPost[] = "Free ebook https://shop.example/ebook #SeedSale";

json ebook() {
  return {{"mode", "verified"},   {"item", "ebook-1"}, {"network", "x"},
          {"server", "https://verify.example/api/"}, {"text", "Free ebook"},
          {"url", kLink},         {"hashtags", "SeedSale"}};
}

json page() { return {{"url", "https://shop.example/ebook?edition=2#reviews"}, {"lang", "en"}}; }

json x_client() {
  return {{"authorizeEndpoint", "https://x.com/i/oauth2/authorize"},
          {"clientId", "M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ"},
          {"redirectUri", "https://shop.example/sharelock/callback"},
          {"scopes", {"tweet.read", "tweet.write", "users.read"}}};
}

json describe(json attributes, json stored = json::object(), std::int64_t now = kT0, json pg = page()) {
  const json request = {{"attributes", std::move(attributes)}, {"page", std::move(pg)}, {"now", now},
                        {"stored", std::move(stored)}};
  return json::parse(testing::describe_verified(request.dump()));
}

json check_post(const std::string& text, json attributes = ebook()) {
  const json request = {{"attributes", std::move(attributes)}, {"page", page()}, {"text", text}};
  return json::parse(testing::check_verified_post(request.dump()));
}

json begin_request(json attributes = ebook()) {
  return {{"attributes", std::move(attributes)}, {"page", page()}, {"now", kT0},
          {"random", base64url::encode(kRandom)}, {"text", kPost}, {"clientStatus", 200}, {"client", x_client()}};
}

json start_flow(const json& request) { return json::parse(testing::begin_verified(request.dump())); }

// The provider sends the shopper back to the client's redirect URI.
constexpr char kRedirectUri[] = "https://shop.example/sharelock/callback";

json callback(const std::string& query, const std::string& stored, std::int64_t now = kT0 + 1000,
              const std::string& page = "") {
  const json request = {{"query", query}, {"stored", stored}, {"now", now},
                        {"page", page.empty() ? kRedirectUri + query : page}};
  return json::parse(testing::accept_verified_callback(request.dump()));
}

std::string begun_record() {
  const json begun = start_flow(begin_request());
  EXPECT_FALSE(begun["fatal"]) << begun.dump();
  return begun.value("record", std::string());
}

std::string first_error(const json& response) {
  if (!response["errors"].is_array() || response["errors"].empty()) return "(none)";
  return response["errors"][0]["code"].get<std::string>() + " " +
         response["errors"][0]["attribute"].get<std::string>();
}

// ---------------------------------------------------------------------------
// describe_verified

TEST(VerifiedDescribe, DescribesTheItemServerPostAndTokenKey) {
  const json d = describe(ebook());
  EXPECT_FALSE(d["fatal"]) << d.dump();
  EXPECT_TRUE(d["errors"].empty());
  EXPECT_EQ(d["item"], "ebook-1");
  EXPECT_EQ(d["lang"], "en");
  EXPECT_EQ(d["network"], "x");
  EXPECT_EQ(d["server"], "https://verify.example/api");  // trailing '/' trimmed
  EXPECT_EQ(d["postText"], kPost);
  EXPECT_EQ(d["keys"]["token"], "sharelock:verified:ebook-1");
  EXPECT_EQ(d["token"], "");
  EXPECT_EQ(d["messages"]["title"], "Post to unlock");
  EXPECT_EQ(d["messages"]["button"], "Post on X and unlock");
  EXPECT_EQ(d["messages"]["unlocked"], "Unlocked. Thanks for sharing!");
}

TEST(VerifiedDescribe, APostCarriesNoAnalyticsReference) {
  // The server checks the post for the item's own link: an sl_ref would
  // make it refuse a post the page itself composed.
  json pg = page();
  pg["refSeed"] = "c2VlZC1vZi10aGlzLXBhZ2U";
  const json d = describe(ebook(), json::object(), kT0, pg);
  EXPECT_EQ(d["postText"], kPost);
  EXPECT_EQ(d["postText"].get<std::string>().find("sl_ref"), std::string::npos);
}

TEST(VerifiedDescribe, ServerTrailingSlashesAreTrimmedAndAnOriginStaysBare) {
  json attributes = ebook();
  attributes["server"] = "https://verify.example/";
  EXPECT_EQ(describe(attributes)["server"], "https://verify.example");
  attributes["server"] = "https://verify.example";
  EXPECT_EQ(describe(attributes)["server"], "https://verify.example");
  attributes["server"] = "https://Verify.Example:8443/v/";
  EXPECT_EQ(describe(attributes)["server"], "https://verify.example:8443/v");
}

TEST(VerifiedDescribe, ARelativeServerResolvesAgainstThePage) {
  json attributes = ebook();
  attributes["server"] = "/sharelock/";
  EXPECT_EQ(describe(attributes)["server"], "https://shop.example/sharelock");
  attributes["server"] = "../verify";
  json pg = page();
  pg["url"] = "https://shop.example/books/ebook";
  EXPECT_EQ(describe(attributes, json::object(), kT0, pg)["server"], "https://shop.example/verify");
  // On a plain-http page a relative server is plain http too: refused.
  pg["url"] = "http://shop.example/books/ebook";
  const json d = describe(attributes, json::object(), kT0, pg);
  EXPECT_TRUE(d["fatal"]);
  EXPECT_EQ(first_error(d), "unsafe-url server");
}

TEST(VerifiedDescribe, HttpOnlyOnLoopback) {
  json attributes = ebook();
  attributes["server"] = "http://localhost:8787";
  EXPECT_EQ(describe(attributes)["server"], "http://localhost:8787");
  attributes["server"] = "http://127.0.0.1:8787/";
  EXPECT_EQ(describe(attributes)["server"], "http://127.0.0.1:8787");
  attributes["server"] = "http://verify.example";
  const json d = describe(attributes);
  EXPECT_TRUE(d["fatal"]);
  EXPECT_EQ(first_error(d), "unsafe-url server");
}

TEST(VerifiedDescribe, FatalConfigurationErrors) {
  const auto fatal_error = [](json attributes) {
    const json d = describe(std::move(attributes));
    EXPECT_TRUE(d["fatal"]) << d.dump();
    EXPECT_FALSE(d.contains("postText"));
    EXPECT_FALSE(d["errors"].empty());
    if (!d["errors"].empty()) EXPECT_FALSE(d["errors"][0]["message"].get<std::string>().empty());
    return first_error(d);
  };
  json a = ebook();
  a.erase("server");
  EXPECT_EQ(fatal_error(a), "missing-server server");
  a["server"] = 42;  // not a string: as good as missing
  EXPECT_EQ(fatal_error(a), "missing-server server");
  a["server"] = "https://verify.example/api?key=1";
  EXPECT_EQ(fatal_error(a), "invalid-url server");
  a["server"] = "https://verify.example/api#top";
  EXPECT_EQ(fatal_error(a), "invalid-url server");
  a["server"] = "javascript:alert(1)";
  EXPECT_EQ(fatal_error(a), "unsafe-url server");
  a["server"] = "verify.example";  // a bare word is not a relative reference
  EXPECT_EQ(fatal_error(a), "invalid-url server");

  for (const char* network : {"bluesky", "facebook", "threads", "copy", ""}) {
    json b = ebook();
    b["network"] = network;
    EXPECT_EQ(fatal_error(b), "network-not-verifiable network") << network;
  }
  json c = ebook();
  c.erase("item");
  EXPECT_EQ(fatal_error(c), "missing-item item");
  c["item"] = "";
  EXPECT_EQ(fatal_error(c), "missing-item item");
  c["item"] = std::string(201, 'i');
  EXPECT_EQ(fatal_error(c), "attribute-too-long item");

  EXPECT_TRUE(json::parse(testing::describe_verified("{"))["fatal"]);
  // No request text to be malformed any more: a request with nothing in it
  // is a widget without attributes.
  EXPECT_EQ(json::parse(testing::describe_verified("[]"))["errors"][0]["code"], "missing-item");
}

TEST(VerifiedDescribe, NetworkDefaultsToXAndAcceptsUpperCase) {
  json a = ebook();
  a.erase("network");
  EXPECT_FALSE(describe(a)["fatal"]);
  a["network"] = "X";
  const json d = describe(a);
  EXPECT_FALSE(d["fatal"]);
  EXPECT_EQ(d["network"], "x");
}

TEST(VerifiedDescribe, PostTextHasTextLinkHashtagsAndVia) {
  json a = ebook();
  a["hashtags"] = "SeedSale, #Books";
  a["via"] = "@shop";
  EXPECT_EQ(describe(a)["postText"],
            "Free ebook https://shop.example/ebook #SeedSale #Books via @shop");
  // No text: the post starts with the link.
  a["text"] = "";
  EXPECT_EQ(describe(a)["postText"], "https://shop.example/ebook #SeedSale #Books via @shop");
}

TEST(VerifiedDescribe, ALongTextIsShortenedSoThatThePostFitsX) {
  json a = ebook();
  std::string words;
  while (words.size() < 990) words += "lorem ";
  a["text"] = words;
  const std::string post = describe(a)["postText"];
  EXPECT_LE(post_length::x_weighted_length(post), post_length::kXLimit);
  EXPECT_GE(post_length::x_weighted_length(post), post_length::kXLimit - 10);  // not cut needlessly
  EXPECT_EQ(post.rfind("lorem lorem", 0), 0u);
  EXPECT_NE(post.find("… https://shop.example/ebook #SeedSale"), std::string::npos) << post;
  EXPECT_EQ(post.substr(post.size() - 9), "#SeedSale");
  // The shortened post passes the post check as it is.
  EXPECT_TRUE(check_post(post, a)["fits"]);
}

TEST(VerifiedDescribe, AStoredTokenIsReturnedOnlyWhileItLives) {
  const std::string token = "v1.k1.MTc2NDAwMzYwMDAwMC5aR1ZtWjJocGFtdHNiVzV2Y0hGeWN3LmVib29rLTE.Fl9vTQ-_";
  const std::string record =
      json{{"v", 1}, {"token", token}, {"expiresAt", kT0 + 1000}}.dump();
  EXPECT_EQ(describe(ebook(), {{"token", record}}, kT0)["token"], token);
  EXPECT_EQ(describe(ebook(), {{"token", record}}, kT0 + 999)["token"], token);
  EXPECT_EQ(describe(ebook(), {{"token", record}}, kT0 + 1000)["token"], "");  // expired at expiresAt
  EXPECT_EQ(describe(ebook(), {{"token", record}}, kT0 + 5000)["token"], "");
}

TEST(VerifiedDescribe, StoredRecordsThatAreNotTokensReadAsAbsent) {
  const auto stored_token = [](const json& token_value) {
    const json d = describe(ebook(), {{"token", token_value}}, kT0);
    EXPECT_FALSE(d["fatal"]);
    return d["token"];
  };
  const auto record = [](json token, json expires, json v = 1) {
    return json{{"v", std::move(v)}, {"token", std::move(token)}, {"expiresAt", std::move(expires)}}.dump();
  };
  EXPECT_EQ(stored_token(nullptr), "");
  EXPECT_EQ(stored_token(42), "");
  EXPECT_EQ(stored_token("not json"), "");
  EXPECT_EQ(stored_token("[1]"), "");
  EXPECT_EQ(stored_token(record("abc", kT0 + 1000, 2)), "");                 // another version
  EXPECT_EQ(stored_token(record("abc", std::to_string(kT0 + 1000))), "");     // expiresAt a string
  EXPECT_EQ(stored_token(record("abc", nullptr)), "");
  EXPECT_EQ(stored_token(record("", kT0 + 1000)), "");
  EXPECT_EQ(stored_token(record(123, kT0 + 1000)), "");
  // Only token characters ([A-Za-z0-9._-]): a stored "token" goes into a
  // URL and a header.
  EXPECT_EQ(stored_token(record("abc<script>", kT0 + 1000)), "");
  EXPECT_EQ(stored_token(record("abc def", kT0 + 1000)), "");
  EXPECT_EQ(stored_token(record("abc\r\nX-Evil: 1", kT0 + 1000)), "");
  EXPECT_EQ(stored_token(record(std::string(4097, 'a'), kT0 + 1000)), "");
  EXPECT_EQ(stored_token(record(std::string(4096, 'a'), kT0 + 1000)), std::string(4096, 'a'));
  EXPECT_EQ(stored_token(record("aZ09._-", kT0 + 1000)), "aZ09._-");
}

// Storage is as untrusted as attributes: a "v" of the wrong type must read
// as absent like any other bad record, not stop the core.
TEST(VerifiedDescribe, AStoredRecordWithAVersionOfAnotherTypeReadsAsAbsent) {
  for (const char* stored : {R"({"v":"1","token":"abc","expiresAt":1764000001000})",
                             R"({"v":null,"token":"abc","expiresAt":1764000001000})",
                             R"({"v":[1],"token":"abc","expiresAt":1764000001000})"}) {
    const json d = describe(ebook(), {{"token", stored}}, kT0);
    EXPECT_FALSE(d["fatal"]) << stored;
    EXPECT_EQ(d["token"], "") << stored;
  }
}

TEST(VerifiedDescribe, SpeaksSpanish) {
  json a = ebook();
  a["lang"] = "es";
  const json d = describe(a);
  EXPECT_EQ(d["lang"], "es");
  EXPECT_EQ(d["messages"]["title"], "Publica para desbloquear");
  EXPECT_EQ(d["messages"]["button"], "Publicar en X y desbloquear");
  EXPECT_EQ(d["messages"]["retry"], "Reintentar");
  EXPECT_EQ(d["messages"]["unlocked"], "Desbloqueado. ¡Gracias por compartir!");
  // The page's language counts when the attribute is absent.
  json pg = page();
  pg["lang"] = "es-MX";
  EXPECT_EQ(describe(ebook(), json::object(), kT0, pg)["messages"]["title"], "Publica para desbloquear");
}

// ---------------------------------------------------------------------------
// check_verified_post

TEST(VerifiedPost, TheProposedPostFits) {
  const json c = check_post(kPost);
  EXPECT_FALSE(c["fatal"]);
  EXPECT_TRUE(c["fits"]);
  EXPECT_EQ(c["problem"], "");
  EXPECT_EQ(c["message"], "");
  EXPECT_EQ(c["limit"], 280);
  // "Free ebook " + the link + " #SeedSale": X links no host without a real
  // top-level domain, so shop.example counts its 26 characters.
  EXPECT_EQ(c["length"], 11 + 26 + 10);
}

TEST(VerifiedPost, LengthIsXWeighted) {
  // CJK weighs 2, a link 23 whatever its length (example.com: a real
  // top-level domain).
  const json c = check_post("日本語 https://shop.example/ebook https://shop.example.com/ebook/a/long/path");
  EXPECT_TRUE(c["fits"]);
  EXPECT_EQ(c["length"], 6 + 1 + 26 + 1 + 23);
}

TEST(VerifiedPost, EmptyOrBlank) {
  for (const char* text : {"", " ", "\n\t \r\n"}) {
    const json c = check_post(text);
    EXPECT_FALSE(c["fits"]) << text;
    EXPECT_EQ(c["problem"], "empty") << text;
    EXPECT_EQ(c["message"], "Write something to post.");
  }
}

TEST(VerifiedPost, TooLongAtTheFirstCharacterOver280) {
  const std::string fits = std::string(253, 'a') + " " + kLink;  // 253 + 1 + 26 = 280
  const json ok = check_post(fits);
  EXPECT_TRUE(ok["fits"]);
  EXPECT_EQ(ok["length"], 280);
  const json over = check_post("a" + fits);
  EXPECT_FALSE(over["fits"]);
  EXPECT_EQ(over["length"], 281);
  EXPECT_EQ(over["problem"], "too-long");
  EXPECT_EQ(over["message"], "Your post is too long for X.");
}

TEST(VerifiedPost, MustKeepTheSharedLink) {
  for (const char* text : {"Free ebook", "Free ebook https://shop.example/", "Free ebook shop.example/ebook",
                           "Free ebook https://shop.example/EBOOK"}) {
    const json c = check_post(text);
    EXPECT_FALSE(c["fits"]) << text;
    EXPECT_EQ(c["problem"], "missing-link") << text;
  }
  EXPECT_EQ(check_post("Free ebook")["message"],
            "Keep the link in your post: it is what unlocks the content.");
  // Anywhere in the text.
  EXPECT_TRUE(check_post(std::string(kLink) + " is great")["fits"]);
}

TEST(VerifiedPost, ACharacterXRefusesIsNamedOnX) {
  const json c = check_post(std::string("Free\uFEFF ebook ") + kLink);
  EXPECT_FALSE(c["fits"]);
  EXPECT_EQ(c["problem"], "refused-character");
  EXPECT_EQ(c["message"], "Your post holds an invisible character X refuses. Delete it and try again.");
  EXPECT_TRUE(check_post(std::string("Free ebook ") + kLink)["fits"]);
}

TEST(VerifiedPost, TheLinkIsTheSharedOneWithItsUtmTags) {
  json a = ebook();
  a["utm-campaign"] = "spring";
  EXPECT_EQ(check_post(kPost, a)["problem"], "missing-link");
  const std::string tagged = describe(a)["postText"];
  EXPECT_NE(tagged.find("utm_source=x"), std::string::npos) << tagged;
  EXPECT_TRUE(check_post(tagged, a)["fits"]);
}

TEST(VerifiedPost, SpanishMessagesAndFatalConfiguration) {
  json a = ebook();
  a["lang"] = "es";
  EXPECT_EQ(check_post("hola", a)["message"],
            "Mantén el enlace en tu publicación: es lo que desbloquea el contenido.");
  EXPECT_EQ(check_post("", a)["message"], "Escribe algo para publicar.");
  a.erase("server");
  const json c = check_post(kPost, a);
  EXPECT_TRUE(c["fatal"]);
  EXPECT_EQ(first_error(c), "missing-server server");
}

// ---------------------------------------------------------------------------
// begin_verified

TEST(VerifiedBegin, RecordAndAuthorizeUrlWithPkceS256) {
  const json b = start_flow(begin_request());
  ASSERT_FALSE(b["fatal"]) << b.dump();
  EXPECT_TRUE(b["errors"].empty());
  EXPECT_EQ(b["storageKey"], "sharelock:oauth");

  const json record = json::parse(b["record"].get<std::string>());
  EXPECT_EQ(record["v"], 1);
  EXPECT_EQ(record["state"], kState);
  EXPECT_EQ(record["item"], "ebook-1");
  EXPECT_EQ(record["returnPath"], "/ebook?edition=2");  // the page's path + query, no fragment
  EXPECT_EQ(record["expiresAt"], kT0 + kTenMinutes);
  EXPECT_EQ(record["consumed"], false);
  EXPECT_EQ(record["codeVerifier"], kVerifier);
  EXPECT_EQ(kVerifier.size(), 43u);
  const json context = json::parse(record["context"].get<std::string>());
  EXPECT_EQ(context["server"], "https://verify.example/api");
  EXPECT_EQ(context["network"], "x");
  EXPECT_EQ(context["text"], kPost);

  const auto challenge = pkce::challenge_s256(record["codeVerifier"].get<std::string>());
  ASSERT_TRUE(challenge.ok());
  EXPECT_EQ(b["authorizeUrl"],
            "https://x.com/i/oauth2/authorize?response_type=code"
            "&client_id=M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ"
            "&redirect_uri=https%3A%2F%2Fshop.example%2Fsharelock%2Fcallback"
            "&scope=tweet.read%20tweet.write%20users.read"
            "&state=AAECAwQFBgcICQoLDA0ODw"
            "&code_challenge=" +
                challenge.value() + "&code_challenge_method=S256");
  // The verifier itself never goes to the provider.
  EXPECT_EQ(b["authorizeUrl"].get<std::string>().find(kVerifier), std::string::npos);
}

TEST(VerifiedBegin, OtherRandomBytesGiveAnotherStateAndVerifier) {
  json request = begin_request();
  request["random"] = base64url::encode(counting_bytes(100, 48));
  const json b = start_flow(request);
  ASSERT_FALSE(b["fatal"]);
  const json record = json::parse(b["record"].get<std::string>());
  EXPECT_EQ(record["state"], base64url::encode(counting_bytes(100, 16)));
  EXPECT_EQ(record["codeVerifier"], base64url::encode(counting_bytes(116, 32)));
}

TEST(VerifiedBegin, ReturnPathWithoutQueryIsThePath) {
  json request = begin_request();
  request["page"]["url"] = "https://shop.example/books/ebook#buy";
  const json b = start_flow(request);
  ASSERT_FALSE(b["fatal"]) << b.dump();
  EXPECT_EQ(json::parse(b["record"].get<std::string>())["returnPath"], "/books/ebook");
}

TEST(VerifiedBegin, NeedsExactly48RandomBytes) {
  for (const json& random : {json(base64url::encode(counting_bytes(0, 47))),
                             json(base64url::encode(counting_bytes(0, 49))), json(""), json("!!!!"),
                             json(base64url::encode(kRandom) + "="), json(nullptr), json(48)}) {
    json request = begin_request();
    request["random"] = random;
    const json b = start_flow(request);
    EXPECT_TRUE(b["fatal"]) << random;
    EXPECT_EQ(b["errors"][0]["code"], "invalid-request") << random;
    EXPECT_FALSE(b.contains("record"));
  }
}

TEST(VerifiedBegin, RefusesAnUnsafeOrBrokenClient) {
  const auto begin_error = [](json client) {
    json request = begin_request();
    request["client"] = std::move(client);
    const json b = start_flow(request);
    EXPECT_TRUE(b["fatal"]) << b.dump();
    EXPECT_FALSE(b.contains("authorizeUrl"));
    return first_error(b);
  };
  json c = x_client();
  c["authorizeEndpoint"] = "javascript:alert(1)";
  EXPECT_EQ(begin_error(c), "unsafe-url authorizeEndpoint");
  c["authorizeEndpoint"] = "http://x.com/i/oauth2/authorize";
  EXPECT_EQ(begin_error(c), "unsafe-url authorizeEndpoint");
  c["authorizeEndpoint"] = "data:text/html,<script>alert(1)</script>";
  EXPECT_EQ(begin_error(c), "unsafe-url authorizeEndpoint");
  c["authorizeEndpoint"] = "";
  EXPECT_EQ(begin_error(c), "invalid-url authorizeEndpoint");
  c = x_client();
  c["redirectUri"] = "http://shop.example/cb";
  EXPECT_EQ(begin_error(c), "unsafe-url redirectUri");
  c = x_client();
  c["clientId"] = "";
  EXPECT_EQ(begin_error(c), "invalid-authorize-request clientId");
  c = x_client();
  c["scopes"] = json::array();
  EXPECT_EQ(begin_error(c), "invalid-authorize-request scopes");
  c["scopes"] = "tweet.read";  // not a list
  EXPECT_EQ(begin_error(c), "invalid-authorize-request scopes");
  EXPECT_EQ(begin_error(nullptr), "invalid-url authorizeEndpoint");

  // On this machine, for development, plain http is fine.
  c = x_client();
  c["authorizeEndpoint"] = "http://127.0.0.1:9000/authorize";
  json request = begin_request();
  request["client"] = c;
  const json b = start_flow(request);
  EXPECT_FALSE(b["fatal"]) << b.dump();
  EXPECT_EQ(b["authorizeUrl"].get<std::string>().rfind("http://127.0.0.1:9000/authorize?response_type=code&", 0),
            0u);
}

TEST(VerifiedBegin, AServerThatGaveNoClientIsSaidByItsCode) {
  const auto begin_with = [](int status, json body) {
    json request = begin_request();
    request["clientStatus"] = status;
    request["client"] = std::move(body);
    const json b = start_flow(request);
    EXPECT_TRUE(b["fatal"]) << b.dump();
    EXPECT_FALSE(b.contains("record"));
    return b["errors"][0];
  };
  // No answer at all: the shopper is told the server cannot be reached.
  EXPECT_EQ(begin_with(0, nullptr)["code"], "server-unreachable");
  // The server's own code, when it is a plain one; a usable client body
  // with another status is still a refusal.
  const json refused = begin_with(400, {{"error", {{"code", "host-not-allowed"}}}});
  EXPECT_EQ(refused["code"], "host-not-allowed");
  EXPECT_NE(refused["message"].get<std::string>().find("400"), std::string::npos) << refused.dump();
  EXPECT_EQ(begin_with(503, x_client())["code"], "server-error");
  // A code that is not [a-z0-9-] (it reaches events and logs) is not repeated.
  EXPECT_EQ(begin_with(500, {{"error", {{"code", "<img src=x>"}}}})["code"], "server-error");
  EXPECT_EQ(begin_with(500, {{"error", {{"code", std::string(41, 'a')}}}})["code"], "server-error");
  EXPECT_EQ(begin_with(404, "not json")["code"], "server-error");
}

TEST(VerifiedBegin, ThePostMustPassTheCheck) {
  const auto begin_error = [](const std::string& text) {
    json request = begin_request();
    request["text"] = text;
    const json b = start_flow(request);
    EXPECT_TRUE(b["fatal"]);
    EXPECT_FALSE(b.contains("record"));
    return first_error(b);
  };
  EXPECT_EQ(begin_error("Free ebook"), "post-missing-link text");
  EXPECT_EQ(begin_error("  "), "post-empty text");
  EXPECT_EQ(begin_error(std::string(300, 'a') + " " + kLink), "post-too-long text");
}

TEST(VerifiedBegin, AnEditedPostIsTheOneBoundToTheState) {
  json request = begin_request();
  request["text"] = "I got it! https://shop.example/ebook";
  const json b = start_flow(request);
  ASSERT_FALSE(b["fatal"]);
  const json record = json::parse(b["record"].get<std::string>());
  EXPECT_EQ(json::parse(record["context"].get<std::string>())["text"], "I got it! https://shop.example/ebook");
}

TEST(VerifiedBegin, AnUnsafePagePathIsRefused) {
  json request = begin_request();
  request["page"]["url"] = "https://shop.example/a//b";
  const json b = start_flow(request);
  EXPECT_TRUE(b["fatal"]);
  EXPECT_EQ(first_error(b), "unsafe-return-path returnPath");
}

// ---------------------------------------------------------------------------
// accept_verified_callback

TEST(VerifiedCallback, ExchangeWithBeginsRecordThenReused) {
  const std::string record = begun_record();
  const std::string query = std::string("?code=VGhlQ29kZQ&state=") + kState;
  const json r = callback(query, record);
  EXPECT_EQ(r["outcome"], "exchange") << r.dump();
  EXPECT_EQ(r["code"], "VGhlQ29kZQ");
  EXPECT_EQ(r["codeVerifier"], kVerifier);
  EXPECT_EQ(r["item"], "ebook-1");
  EXPECT_EQ(r["returnPath"], "/ebook?edition=2");
  EXPECT_EQ(r["server"], "https://verify.example/api");
  EXPECT_EQ(r["network"], "x");
  EXPECT_EQ(r["text"], kPost);
  EXPECT_FALSE(r.contains("error"));
  ASSERT_TRUE(r["consumedRecord"].is_string());
  const json consumed = json::parse(r["consumedRecord"].get<std::string>());
  EXPECT_EQ(consumed["consumed"], true);
  EXPECT_EQ(consumed["state"], kState);
  EXPECT_EQ(consumed["codeVerifier"], "");  // the verifier is handed out once, then forgotten
  EXPECT_EQ(consumed["context"], "");

  const json again = callback(query, r["consumedRecord"]);
  EXPECT_EQ(again["outcome"], "failed");
  EXPECT_EQ(again["error"]["code"], "state-reused");
  EXPECT_FALSE(again.contains("code"));
  EXPECT_FALSE(again.contains("codeVerifier"));
}

TEST(VerifiedCallback, AWrongStateIsAMismatch) {
  const json r = callback("?code=abc&state=AAECAwQFBgcICQoLDA0ODx", begun_record());
  EXPECT_EQ(r["outcome"], "failed");
  EXPECT_EQ(r["error"]["code"], "state-mismatch");
  EXPECT_FALSE(r["error"]["message"].get<std::string>().empty());
  EXPECT_FALSE(r.contains("codeVerifier"));
  EXPECT_FALSE(r.contains("consumedRecord"));
}

TEST(VerifiedCallback, ExpiresTenMinutesAfterBegin) {
  const std::string record = begun_record();
  const std::string query = std::string("?code=abc&state=") + kState;
  EXPECT_EQ(callback(query, record, kT0 + kTenMinutes - 1)["outcome"], "exchange");
  const json expired = callback(query, record, kT0 + kTenMinutes);
  EXPECT_EQ(expired["outcome"], "failed");
  EXPECT_EQ(expired["error"]["code"], "state-expired");
  EXPECT_EQ(callback(query, record, kT0 + 3 * kTenMinutes)["error"]["code"], "state-expired");
}

TEST(VerifiedCallback, AccessDeniedIsDeniedAndConsumes) {
  const std::string record = begun_record();
  const std::string query = std::string("?error=access_denied&error_description=The+user+denied&state=") + kState;
  const json r = callback(query, record);
  EXPECT_EQ(r["outcome"], "denied") << r.dump();
  EXPECT_EQ(r["item"], "ebook-1");
  EXPECT_EQ(r["returnPath"], "/ebook?edition=2");
  EXPECT_FALSE(r.contains("error"));
  EXPECT_FALSE(r.contains("code"));
  EXPECT_FALSE(r.contains("codeVerifier"));  // nothing to exchange: the verifier stays in the record
  ASSERT_TRUE(r["consumedRecord"].is_string());
  EXPECT_EQ(callback(query, r["consumedRecord"])["error"]["code"], "state-reused");
  // A code for the same state later is refused too.
  EXPECT_EQ(callback(std::string("?code=abc&state=") + kState, r["consumedRecord"])["error"]["code"],
            "state-reused");
}

TEST(VerifiedCallback, AnyOtherProviderErrorFails) {
  const json r = callback(std::string("?error=server_error&state=") + kState, begun_record());
  EXPECT_EQ(r["outcome"], "failed");
  EXPECT_EQ(r["error"]["code"], "provider-error");
  EXPECT_NE(r["error"]["message"].get<std::string>().find("server_error"), std::string::npos);
  EXPECT_EQ(r["item"], "ebook-1");
  EXPECT_TRUE(r["consumedRecord"].is_string());
  EXPECT_FALSE(r.contains("codeVerifier"));
}

TEST(VerifiedCallback, NotACallbackIsNone) {
  const std::string record = begun_record();
  for (const char* query : {"", "?", "?edition=2", "?state=AAECAwQFBgcICQoLDA0ODw", "?utm_source=x"}) {
    const json r = callback(query, record);
    EXPECT_EQ(r, (json{{"outcome", "none"}})) << query;
  }
  // No flow in this tab: a code with no state is someone else's parameter.
  EXPECT_EQ(callback("?code=abc", "")["outcome"], "none");
  EXPECT_EQ(callback("?error=access_denied", "")["outcome"], "none");
  EXPECT_EQ(callback("?code=a&code=b", "")["outcome"], "none");  // malformed, but nothing pending
}

TEST(VerifiedCallback, AStateWithNoStoredRecordIsLeftAlone) {
  // A flow this tab does not know (its sessionStorage lost): nothing is done
  // with the code, and the address is not the core's to touch.
  EXPECT_EQ(callback(std::string("?code=abc&state=") + kState, ""), (json{{"outcome", "none"}}));
}
TEST(VerifiedCallback, ADamagedStoredRecordFailsTheSignIn) {
  // A record is there but is not one (not JSON, or JSON of another shape):
  // the flow this tab began was lost, which the shopper is told; the code
  // is not left for the page to reuse.
  for (const std::string damaged : {"{", "not json", "null", R"({"v":1})"}) {
    const json r = callback(std::string("?code=abc&state=") + kState, damaged);
    EXPECT_EQ(r["outcome"], "failed") << damaged;
    EXPECT_EQ(r["error"]["code"], "state-missing") << damaged;
  }
}


TEST(VerifiedCallback, AnotherStateThanAFinishedFlowsIsNotOurs) {
  const json first = callback(std::string("?code=abc&state=") + kState, begun_record());
  ASSERT_EQ(first["outcome"], "exchange");
  // Later, a shop page with its own ?code=…&state=… parameters.
  EXPECT_EQ(callback("?code=SUMMER&state=shop", first["consumedRecord"]), (json{{"outcome", "none"}}));
}

TEST(VerifiedCallback, ACodeArrivingAtAnotherAddressIsRefused) {
  const std::string query = std::string("?code=abc&state=") + kState;
  for (const std::string page : {std::string("https://shop.example/other") + query,
                                 std::string("https://evil.example/sharelock/callback") + query,
                                 std::string("http://shop.example/sharelock/callback") + query}) {
    const json r = callback(query, begun_record(), kT0 + 1000, page);
    EXPECT_EQ(r["outcome"], "failed") << page;
    EXPECT_EQ(r["error"]["code"], "callback-wrong-endpoint") << page;
    EXPECT_FALSE(r.contains("code"));
    EXPECT_FALSE(r.contains("codeVerifier"));
    EXPECT_TRUE(r["consumedRecord"].is_string());  // the flow is over either way
  }
}

TEST(VerifiedCallback, TheIssuerIsCheckedWhenTheProviderNamesIt) {
  const std::string query = std::string("?code=abc&state=") + kState;
  EXPECT_EQ(callback(query + "&iss=https%3A%2F%2Fx.com", begun_record())["outcome"], "exchange");
  const json wrong = callback(query + "&iss=https%3A%2F%2Fmastodon.example", begun_record());
  EXPECT_EQ(wrong["outcome"], "failed");
  EXPECT_EQ(wrong["error"]["code"], "callback-wrong-issuer");
  EXPECT_FALSE(wrong.contains("codeVerifier"));
}

TEST(VerifiedCallback, AMalformedCallbackWithAFlowPendingFails) {
  const std::string record = begun_record();
  const std::string state = std::string("&state=") + kState;
  for (const std::string query : {"?code=a&code=b" + state, "?code=%zz" + state, "?code=a&error=access_denied" + state,
                                  "?code=" + state}) {
    const json r = callback(query, record);
    EXPECT_EQ(r["outcome"], "failed") << query;
    EXPECT_EQ(r["error"]["code"], "callback-malformed") << query;
    EXPECT_FALSE(r.contains("code")) << query;
  }
}

TEST(VerifiedCallback, BrokenRequestsAreNone) {
  EXPECT_EQ(json::parse(testing::accept_verified_callback("{")), (json{{"outcome", "none"}}));
  EXPECT_EQ(json::parse(testing::accept_verified_callback("null")), (json{{"outcome", "none"}}));
}

// Regressions found by review.
TEST(VerifiedCallback, AQueryWithoutACodeParameterIsNotACallback) {
  for (const std::string query : {"?promocode=SAVE10", "?errors=3", "?barcode=1&terror=2"}) {
    EXPECT_EQ(callback(query, begun_record())["outcome"], "none") << query;
  }
}

TEST(VerifiedPostCheck, ALongerUrlStartingWithTheLinkIsNotTheLink) {
  EXPECT_EQ(check_post(std::string("Free ebook ") + kLink + "-other")["problem"], "missing-link");
  EXPECT_EQ(check_post(std::string("Free ebook ") + kLink + "/chapter-2")["problem"], "missing-link");
  EXPECT_EQ(check_post(std::string("Free ebook ") + kLink + "!")["problem"], "");
}

}  // namespace
}  // namespace sharelock

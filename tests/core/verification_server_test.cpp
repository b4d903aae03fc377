// The verification server's decisions: what a POST /v1/unlock must carry,
// the unlock tokens it issues and checks (JSON over unlock_token, whose
// exact format is pinned in unlock_token_test.cpp: the same vector is used
// here), and the hash under which a redeemed code is remembered (SHA-256
// of "abc" and of "" from FIPS 180-2, in base64url).
#include "sharelock/verification_server.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "sharelock/base64url.hpp"
#include "sharelock/sha256.hpp"

namespace sharelock {
namespace {

using nlohmann::json;

constexpr std::int64_t kT0 = 1'764'000'000'000;  // an instant in 2025, in ms
constexpr std::int64_t kHour = 3'600'000;

std::string counting_bytes(int first, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out.push_back(static_cast<char>(first + i));
  return out;
}

constexpr char kLink[] = "https://shop.example/ebook";
constexpr char kVerifier[] = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";  // RFC 7636 appendix B

json unlock_body() {
  return {{"item", "ebook-1"}, {"network", "x"}, {"code", "VGhlQ29kZQ"}, {"codeVerifier", kVerifier},
          {"text", std::string("Free ebook ") + kLink + " #SeedSale"}};
}

json items() { return {{"ebook-1", {{"url", kLink}}}, {"course", {{"url", "https://shop.example/course"}}}}; }

json check_request_text(const std::string& body_text) {
  const json request = {{"body", body_text}, {"items", items()}};
  return json::parse(check_unlock_request(request.dump()));
}

json check_request(const json& body) { return check_request_text(body.dump()); }

std::string refusal(const json& answer) {
  if (answer["ok"] != false) return "accepted: " + answer.dump();
  EXPECT_FALSE(answer["error"]["message"].get<std::string>().empty());
  return std::to_string(answer["status"].get<int>()) + " " + answer["error"]["code"].get<std::string>();
}

// ---------------------------------------------------------------------------
// check_unlock_request

TEST(UnlockRequest, AWellFormedRequestIsEchoedBack) {
  const json answer = check_request(unlock_body());
  ASSERT_EQ(answer["ok"], true) << answer.dump();
  EXPECT_EQ(answer["item"], "ebook-1");
  EXPECT_EQ(answer["network"], "x");
  EXPECT_EQ(answer["code"], "VGhlQ29kZQ");
  EXPECT_EQ(answer["codeVerifier"], kVerifier);
  EXPECT_EQ(answer["text"], "Free ebook https://shop.example/ebook #SeedSale");
  EXPECT_FALSE(answer.contains("status"));
}

TEST(UnlockRequest, BodyThatIsNotAJsonObject) {
  for (const char* body : {"", "{", "[]", "\"text\"", "null", "item=ebook-1&network=x"}) {
    EXPECT_EQ(refusal(check_request_text(body)), "400 invalid-json") << body;
  }
  // The envelope itself broken: no body at all.
  EXPECT_EQ(refusal(json::parse(check_unlock_request("{"))), "400 invalid-json");
}

TEST(UnlockRequest, BodyOver16KiBIsTooLarge) {
  std::string body = unlock_body().dump();
  body.append(16 * 1024 - body.size(), ' ');  // JSON white space: exactly 16 KiB
  ASSERT_EQ(body.size(), 16384u);
  EXPECT_EQ(check_request_text(body)["ok"], true);
  body.push_back(' ');
  EXPECT_EQ(refusal(check_request_text(body)), "413 body-too-large");
  EXPECT_EQ(refusal(check_request_text(std::string(100'000, '{'))), "413 body-too-large");
}

TEST(UnlockRequest, Item) {
  json body = unlock_body();
  body["item"] = "ebook-2";
  EXPECT_EQ(refusal(check_request(body)), "404 unknown-item");
  body["item"] = "course";  // configured, but the post links the ebook
  EXPECT_EQ(refusal(check_request(body)), "422 post-missing-link");
  body["item"] = "";
  EXPECT_EQ(refusal(check_request(body)), "400 invalid-item");
  body["item"] = 7;
  EXPECT_EQ(refusal(check_request(body)), "400 invalid-item");
  body["item"] = std::string(201, 'i');
  EXPECT_EQ(refusal(check_request(body)), "400 invalid-item");
  // An item listed with something other than an object is not configured.
  const json request = {{"body", unlock_body().dump()}, {"items", {{"ebook-1", kLink}}}};
  EXPECT_EQ(refusal(json::parse(check_unlock_request(request.dump()))), "404 unknown-item");
  const json no_items = {{"body", unlock_body().dump()}};
  EXPECT_EQ(refusal(json::parse(check_unlock_request(no_items.dump()))), "404 unknown-item");
}

TEST(UnlockRequest, NetworkMustBeXOrMastodon) {
  for (const json& network : {json("bluesky"), json("facebook"), json(""), json(nullptr), json(1)}) {
    json body = unlock_body();
    body["network"] = network;
    EXPECT_EQ(refusal(check_request(body)), "400 invalid-network") << network;
  }
  json body = unlock_body();
  body.erase("network");
  EXPECT_EQ(refusal(check_request(body)), "400 invalid-network");
}

TEST(UnlockRequest, CodeIsPrintableAsciiUpTo1024) {
  for (const std::string code : {std::string(""), std::string("a\nb"), std::string("a\tb"), std::string("a\x7f"),
                                 std::string("caf\xc3\xa9"), std::string(1025, 'c')}) {
    json body = unlock_body();
    body["code"] = code;
    EXPECT_EQ(refusal(check_request(body)), "400 invalid-code") << code;
  }
  json body = unlock_body();
  body["code"] = std::string("a\0b", 3);
  EXPECT_EQ(refusal(check_request(body)), "400 invalid-code");
  body["code"] = std::string(1024, 'c');
  EXPECT_EQ(check_request(body)["ok"], true);
  body["code"] = "a b~!";
  EXPECT_EQ(check_request(body)["ok"], true);
}

TEST(UnlockRequest, CodeVerifierMustBeAPkceVerifier) {
  for (const std::string verifier :
       {std::string(""), std::string(42, 'v'), std::string(129, 'v'), std::string(kVerifier).replace(0, 1, "+"),
        std::string(kVerifier).replace(5, 1, " ")}) {
    json body = unlock_body();
    body["codeVerifier"] = verifier;
    EXPECT_EQ(refusal(check_request(body)), "400 invalid-code-verifier") << verifier;
  }
  json body = unlock_body();
  body["codeVerifier"] = std::string(43, '~');
  EXPECT_EQ(check_request(body)["ok"], true);
  body["codeVerifier"] = std::string(128, '.');
  EXPECT_EQ(check_request(body)["ok"], true);
}

TEST(UnlockRequest, ThePostIsCheckedAgain) {
  json body = unlock_body();
  for (const char* text : {"", "  ", "\n\t\r "}) {
    body["text"] = text;
    EXPECT_EQ(refusal(check_request(body)), "422 post-empty") << text;
  }
  body.erase("text");
  EXPECT_EQ(refusal(check_request(body)), "422 post-empty");

  // X links no host without a real top-level domain: shop.example's link
  // counts its 26 characters.
  body["text"] = std::string(253, 'a') + " " + kLink;  // 280 X-weighted
  EXPECT_EQ(check_request(body)["ok"], true);
  body["text"] = std::string(254, 'a') + " " + kLink;
  EXPECT_EQ(refusal(check_request(body)), "422 post-too-long");
  // X-weighted: 126 CJK characters weigh 252, + 1 + 26 for the link = 279;
  // one more is 281.
  std::string cjk;
  for (int i = 0; i < 126; ++i) cjk += "語";
  body["text"] = cjk + " " + kLink;
  EXPECT_EQ(check_request(body)["ok"], true);
  body["text"] = cjk + "語 " + kLink;
  EXPECT_EQ(refusal(check_request(body)), "422 post-too-long");

  body["text"] = "Free ebook https://shop.example/";
  EXPECT_EQ(refusal(check_request(body)), "422 post-missing-link");
  body["text"] = "Free ebook";
  EXPECT_EQ(refusal(check_request(body)), "422 post-missing-link");
  body["text"] = std::string("Free\uFEFF ebook ") + kLink;
  EXPECT_EQ(refusal(check_request(body)), "422 post-refused-character");
}

TEST(UnlockRequest, AnItemWithoutALinkCanNeverBeUnlocked) {
  const json request = {{"body", unlock_body().dump()}, {"items", {{"ebook-1", json::object()}}}};
  EXPECT_EQ(refusal(json::parse(check_unlock_request(request.dump()))), "422 post-missing-link");
}

// ---------------------------------------------------------------------------
// issue_unlock_token / check_unlock_token

const std::string kSecret = counting_bytes(0, 32);
const std::string kNonce = counting_bytes(100, 16);
constexpr char kNonceText[] = "ZGVmZ2hpamtsbW5vcHFycw";
// unlock_token_test.cpp's independently computed token for these inputs.
constexpr char kToken[] =
    "v1.k1.MTc2NDAwMzYwMDAwMC5aR1ZtWjJocGFtdHNiVzV2Y0hGeWN3LmVib29rLTE."
    "Fl9vTQSOmU6bbvu1fxtG0YZyMXhifo-3Th7GrbYHddc";

json key(const std::string& id, const std::string& secret) {
  return {{"id", id}, {"secret", base64url::encode(secret)}};
}

json issue(json keys, const std::string& item = "ebook-1", std::int64_t now = kT0,
           std::int64_t lifetime = kHour, const std::string& nonce = kNonceText) {
  const json request = {{"keys", std::move(keys)}, {"item", item}, {"now", now},
                        {"lifetimeMillis", lifetime}, {"nonce", nonce}};
  return json::parse(issue_unlock_token(request.dump()));
}

json check(json keys, const std::string& token, const std::string& item = "ebook-1", std::int64_t now = kT0) {
  const json request = {{"keys", std::move(keys)}, {"token", token}, {"item", item}, {"now", now}};
  return json::parse(check_unlock_token(request.dump()));
}

TEST(UnlockTokenApi, IssuesTheDocumentedToken) {
  const json issued = issue(json::array({key("k1", kSecret)}));
  ASSERT_EQ(issued["ok"], true) << issued.dump();
  EXPECT_EQ(issued["token"], kToken);
  EXPECT_EQ(issued["expiresAt"], kT0 + kHour);
  EXPECT_EQ(issued["nonce"], kNonceText);
}

TEST(UnlockTokenApi, IssueThenCheckRoundTrip) {
  const json issued = issue(json::array({key("k1", kSecret)}), "ebook é.1");
  ASSERT_EQ(issued["ok"], true);
  const json checked = check(json::array({key("k1", kSecret)}), issued["token"], "ebook é.1", kT0 + 1000);
  ASSERT_EQ(checked["ok"], true) << checked.dump();
  EXPECT_EQ(checked["claims"], (json{{"keyId", "k1"}, {"item", "ebook é.1"}, {"expiresAt", kT0 + kHour},
                                     {"nonce", kNonceText}}));
}

TEST(UnlockTokenApi, WrongItem) {
  EXPECT_EQ(refusal(check(json::array({key("k1", kSecret)}), kToken, "ebook-2")), "401 token-wrong-item");
  EXPECT_EQ(refusal(check(json::array({key("k1", kSecret)}), kToken, "")), "401 token-wrong-item");
}

TEST(UnlockTokenApi, ExpiredFromExpiresAtOn) {
  EXPECT_EQ(check(json::array({key("k1", kSecret)}), kToken, "ebook-1", kT0 + kHour - 1)["ok"], true);
  EXPECT_EQ(refusal(check(json::array({key("k1", kSecret)}), kToken, "ebook-1", kT0 + kHour)), "401 token-expired");
  EXPECT_EQ(refusal(check(json::array({key("k1", kSecret)}), kToken, "ebook-1", kT0 + 2 * kHour)), "401 token-expired");
}

TEST(UnlockTokenApi, KeyRotation) {
  const std::string old_secret = counting_bytes(0, 32);
  const std::string new_secret = counting_bytes(50, 40);
  const json by_old = issue(json::array({key("k1", old_secret)}));
  ASSERT_EQ(by_old["ok"], true);
  // After rotation the new key signs and the old one still verifies.
  const json rotated = json::array({key("k2", new_secret), key("k1", old_secret)});
  const json checked_old = check(rotated, by_old["token"]);
  ASSERT_EQ(checked_old["ok"], true) << checked_old.dump();
  EXPECT_EQ(checked_old["claims"]["keyId"], "k1");

  const json by_new = issue(rotated);
  ASSERT_EQ(by_new["ok"], true);
  EXPECT_EQ(by_new["token"].get<std::string>().rfind("v1.k2.", 0), 0u);
  EXPECT_EQ(check(rotated, by_new["token"])["claims"]["keyId"], "k2");
  // Once the old key is dropped, its tokens are unknown.
  EXPECT_EQ(refusal(check(json::array({key("k2", new_secret)}), by_old["token"])), "401 token-unknown-key");
  // A key listed under the old id with another secret does not verify them.
  EXPECT_EQ(refusal(check(json::array({key("k1", new_secret)}), by_old["token"])), "401 token-forged");
}

TEST(UnlockTokenApi, AShortKeyNeverSignsNorVerifies) {
  const std::string short_secret = counting_bytes(0, 31);
  const json issued = issue(json::array({key("k1", short_secret)}));
  EXPECT_EQ(issued["ok"], false);
  EXPECT_EQ(issued["status"], 500);
  EXPECT_FALSE(issued.contains("token"));
  // An unset secret ("") is the shortest key of all.
  EXPECT_EQ(issue(json::array({{{"id", "k1"}, {"secret", ""}}}))["status"], 500);
  EXPECT_EQ(issue(json::array())["status"], 500);
  EXPECT_EQ(issue(nullptr)["status"], 500);

  // A token MACed with that short key (as a forger knowing it could) is
  // refused: the key is treated as not listed.
  const std::string payload_part = base64url::encode(std::to_string(kT0 + kHour) + "." + kNonceText + ".ebook-1");
  const std::string signing_input = "v1.k1." + payload_part;
  const std::string forged =
      signing_input + "." + base64url::encode(crypto::to_bytes(crypto::hmac_sha256(short_secret, signing_input)));
  EXPECT_EQ(refusal(check(json::array({key("k1", short_secret)}), forged)), "401 token-unknown-key");
  // The same construction with the real key verifies, so the forgery
  // above was well formed.
  const std::string genuine =
      signing_input + "." + base64url::encode(crypto::to_bytes(crypto::hmac_sha256(kSecret, signing_input)));
  EXPECT_EQ(genuine, kToken);
  EXPECT_EQ(check(json::array({key("k1", kSecret)}), genuine)["ok"], true);
}

TEST(UnlockTokenApi, IssueRefusesBadNonceOrLifetime) {
  const json k = json::array({key("k1", kSecret)});
  EXPECT_EQ(refusal(issue(k, "ebook-1", kT0, kHour, "!!")), "500 invalid-input");
  EXPECT_EQ(refusal(issue(k, "ebook-1", kT0, 0)), "500 invalid-input");
  EXPECT_EQ(refusal(issue(k, "ebook-1", kT0, -1)), "500 invalid-input");
  EXPECT_EQ(issue(k, "ebook-1", kT0, kHour, base64url::encode(counting_bytes(0, 15)))["status"], 500);
  EXPECT_EQ(issue(k, "ebook-1", kT0, kHour, base64url::encode(counting_bytes(0, 65)))["status"], 500);
  EXPECT_EQ(issue(k, "ebook-1", kT0, kHour, base64url::encode(counting_bytes(0, 64)))["ok"], true);
  EXPECT_EQ(issue(k, "")["status"], 500);
  EXPECT_EQ(issue(json::array({key("bad id", kSecret)}))["status"], 500);
}

TEST(UnlockTokenApi, TamperedTokensAreForgedOrMalformed) {
  const json keys = json::array({key("k1", kSecret)});
  std::string mac_flipped = kToken;
  mac_flipped[mac_flipped.size() - 2] = mac_flipped[mac_flipped.size() - 2] == 'd' ? 'e' : 'd';
  EXPECT_EQ(refusal(check(keys, mac_flipped)), "401 token-forged");

  // Another item in the payload, the original MAC.
  const std::string token = kToken;
  const std::size_t payload_start = token.find('.', 3) + 1;
  const std::size_t payload_end = token.rfind('.');
  const std::string other_payload = base64url::encode(std::to_string(kT0 + kHour) + "." + kNonceText + ".ebook-2");
  const std::string other_item =
      token.substr(0, payload_start) + other_payload + token.substr(payload_end);
  EXPECT_EQ(refusal(check(keys, other_item, "ebook-2")), "401 token-forged");
  // A later expiry, the original MAC.
  const std::string later_payload =
      base64url::encode(std::to_string(kT0 + 100 * kHour) + "." + kNonceText + ".ebook-1");
  EXPECT_EQ(refusal(check(keys, token.substr(0, payload_start) + later_payload + token.substr(payload_end))),
            "401 token-forged");
  // The key id swapped: unknown, then forged when listed.
  std::string other_kid = kToken;
  other_kid.replace(3, 2, "k2");
  EXPECT_EQ(refusal(check(keys, other_kid)), "401 token-unknown-key");
  EXPECT_EQ(refusal(check(json::array({key("k1", kSecret), key("k2", kSecret)}), other_kid)), "401 token-forged");

  EXPECT_EQ(refusal(check(keys, "")), "401 token-malformed");
  EXPECT_EQ(refusal(check(keys, "v2" + token.substr(2))), "401 token-malformed");
  EXPECT_EQ(refusal(check(keys, token + ".x")), "401 token-malformed");
  EXPECT_EQ(refusal(check(keys, "garbage")), "401 token-malformed");
}

TEST(UnlockTokenApi, KeysThatDoNotDecodeAreNotListed) {
  const json keys = json::array({{{"id", "k1"}, {"secret", "not base64url!"}}});
  EXPECT_EQ(refusal(check(keys, kToken)), "401 token-unknown-key");
  EXPECT_EQ(refusal(check(json::array(), kToken)), "401 token-unknown-key");
}

// ---------------------------------------------------------------------------
// code_hash

TEST(CodeHash, Sha256InBase64url) {
  EXPECT_EQ(code_hash("abc"), "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
  EXPECT_EQ(code_hash(""), "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
  EXPECT_EQ(code_hash("abc").size(), 43u);
  EXPECT_NE(code_hash("abd"), code_hash("abc"));
  EXPECT_EQ(code_hash("VGhlQ29kZQ").find("VGhlQ29kZQ"), std::string::npos);
}

// Regressions found by review: a longer URL that merely starts with the
// item's link is another page, and a first key that does not decode is a
// configuration error, never a silent fall-back to an older key.
TEST(UnlockRequest, TheLinkMustBeThePagesOwnNotALongerUrl) {
  for (const std::string text : {std::string("see ") + kLink + "-other", std::string("see ") + kLink + "/2",
                                 std::string("see ") + kLink + ".html", std::string("see x") + kLink}) {
    json body = unlock_body();
    body["text"] = text;
    EXPECT_EQ(refusal(check_request(body)), "422 post-missing-link") << text;
  }
  for (const std::string text : {std::string("see ") + kLink, std::string("see ") + kLink + ".",
                                 std::string("(") + kLink + ") great", std::string("see ") + kLink + "?utm_source=x",
                                 std::string("see ") + kLink + "#reviews"}) {
    json body = unlock_body();
    body["text"] = text;
    EXPECT_TRUE(check_request(body)["ok"]) << text;
  }
}

TEST(UnlockTokenApi, AFirstKeyThatDoesNotDecodeIsReportedNotSkipped) {
  const json keys = json::array({json{{"id", "new"}, {"secret", "typo!"}}, key("old", std::string(32, 'k'))});
  const json answer = issue(keys);
  EXPECT_EQ(refusal(answer), "500 no-signing-key");
}

}  // namespace
}  // namespace sharelock

// <sharelock-pay mode="verified">: the verification server's answers
// (read_unlock_response) and the token record it has the shim store, read
// back by describe_verified on later visits; and the records a page of the
// JSON-text era left in storage, which this one still reads and writes
// alike. Driven through verified_json.hpp as verified_pay_test.cpp is.
#include "sharelock/verified_pay.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "json_document_json.hpp"
#include "sharelock/base64url.hpp"
#include "verified_json.hpp"

namespace sharelock {
namespace {

using nlohmann::json;

constexpr std::int64_t kT0 = 1'764'000'000'000;  // an instant in 2025, in ms

std::string base64url_of(const std::string& bytes) { return base64url::encode(bytes); }

json ebook() {
  return {{"mode", "verified"},   {"item", "ebook-1"}, {"network", "x"},
          {"server", "https://verify.example/api/"}, {"text", "Free ebook"},
          {"url", "https://shop.example/ebook"},     {"hashtags", "SeedSale"}};
}

json describe(json attributes, json stored, std::int64_t now) {
  const json request = {{"attributes", std::move(attributes)},
                        {"page", {{"url", "https://shop.example/ebook?edition=2#reviews"}, {"lang", "en"}}},
                        {"now", now},
                        {"stored", std::move(stored)}};
  return json::parse(testing::describe_verified(request.dump()));
}

// The typed answer itself, for what the JSON form above leaves out.
UnlockRead typed_unlock(std::int64_t status, const std::string& body) {
  return read_unlock_response(
      {"ebook-1", static_cast<double>(kT0), static_cast<double>(status), testing::json_document(body)});
}

json unlock_response(std::int64_t status, const std::string& body, std::int64_t now = kT0) {
  const json request = {{"item", "ebook-1"}, {"now", now}, {"status", status}, {"body", body}};
  return json::parse(testing::read_unlock_response(request.dump()));
}

// ---------------------------------------------------------------------------
// read_unlock_response

json valid_unlock_body() {
  return {{"token", "v1.k1.cGF5bG9hZA.bWFj"},
          {"expiresAt", kT0 + 3'600'000},
          {"content",
           {{"text", "Thanks! Here is your ebook."},
            {"code", "SAVE-20"},
            {"url", "https://shop.example/download?f=ebook.pdf"},
            {"label", "Download"}}}};
}

TEST(VerifiedUnlockResponse, UnreachableServer) {
  const json r = unlock_response(0, "");
  EXPECT_EQ(r["ok"], false);
  EXPECT_EQ(r["error"]["code"], "server-unreachable");
  EXPECT_FALSE(r.contains("tokenRecord"));  // keep a stored token: the server may come back
}

TEST(VerifiedUnlockResponse, ServerErrorsKeepTheirCodeAndRejectionsForgetTheToken) {
  const json expired = unlock_response(401, R"({"error":{"code":"token-expired","message":"x"}})");
  EXPECT_EQ(expired["ok"], false);
  EXPECT_EQ(expired["error"]["code"], "token-expired");
  EXPECT_NE(expired["error"]["message"].get<std::string>().find("401"), std::string::npos);
  EXPECT_EQ(expired["tokenRecord"], "");
  EXPECT_EQ(unlock_response(403, R"({"error":{"code":"forbidden"}})")["tokenRecord"], "");

  const json limited = unlock_response(429, R"({"error":{"code":"rate-limited"}})");
  EXPECT_EQ(limited["error"]["code"], "rate-limited");
  EXPECT_FALSE(limited.contains("tokenRecord"));
  const json unprocessable = unlock_response(422, R"({"error":{"code":"post-missing-link"}})");
  EXPECT_EQ(unprocessable["error"]["code"], "post-missing-link");
}

TEST(VerifiedUnlockResponse, OddServerCodesBecomeServerError) {
  for (const std::string& body : std::vector<std::string>{
           R"({"error":{"code":"Token Expired"}})", R"({"error":{"code":"<img src=x>"}})",
        R"({"error":{"code":"a_b"}})", R"({"error":{"code":""}})", R"({"error":{"code":42}})",
        R"({"error":"token-expired"})", "<html>502 Bad Gateway</html>", "",
        R"({"error":{"code":")" + std::string(41, 'a') + R"("}})"}) {
    const json r = unlock_response(500, body);
    EXPECT_EQ(r["ok"], false) << body;
    EXPECT_EQ(r["error"]["code"], "server-error") << body;
  }
  EXPECT_EQ(unlock_response(500, R"({"error":{"code":")" + std::string(40, 'a') + R"("}})")["error"]["code"],
            std::string(40, 'a'));
}

TEST(VerifiedUnlockResponse, AValidUnlock) {
  const json r = unlock_response(200, valid_unlock_body().dump());
  ASSERT_EQ(r["ok"], true) << r.dump();
  const UnlockRead typed = typed_unlock(200, valid_unlock_body().dump());
  EXPECT_EQ(typed.error.code, "");
  EXPECT_FALSE(typed.forget_token);
  EXPECT_EQ(r["expiresAt"], kT0 + 3'600'000);
  EXPECT_EQ(r["tokenKey"], "sharelock:verified:ebook-1");  // where describe_verified looks for it
  EXPECT_EQ(json::parse(r["tokenRecord"].get<std::string>()),
            (json{{"v", 1}, {"token", "v1.k1.cGF5bG9hZA.bWFj"}, {"expiresAt", kT0 + 3'600'000}}));
  EXPECT_EQ(r["content"], (json{{"text", "Thanks! Here is your ebook."},
                                {"code", "SAVE-20"},
                                {"url", "https://shop.example/download?f=ebook.pdf"},
                                {"label", "Download"}}));
}

TEST(VerifiedUnlockResponse, TheStoredRecordIsWhatDescribeReadsBack) {
  const json r = unlock_response(200, valid_unlock_body().dump());
  ASSERT_EQ(r["ok"], true);
  const json stored = {{"token", r["tokenRecord"]}};
  EXPECT_EQ(describe(ebook(), stored, kT0 + 3'599'999)["token"], "v1.k1.cGF5bG9hZA.bWFj");
  EXPECT_EQ(describe(ebook(), stored, kT0 + 3'600'000)["token"], "");
}

TEST(VerifiedUnlockResponse, ContentIsPartlyOptionalAndLinksAreNormalised) {
  json body = valid_unlock_body();
  body["content"] = {{"code", "SAVE-20"}};
  EXPECT_EQ(unlock_response(200, body.dump())["content"],
            (json{{"text", ""}, {"code", "SAVE-20"}, {"url", ""}, {"label", ""}}));
  body["content"] = {{"url", "HTTPS://Shop.Example/d"}};
  EXPECT_EQ(unlock_response(200, body.dump())["content"]["url"], "https://shop.example/d");
  // HTML is just text: the shim shows it as text.
  body["content"] = {{"text", "<b>bold</b>"}};
  EXPECT_EQ(unlock_response(200, body.dump())["content"]["text"], "<b>bold</b>");
}

TEST(VerifiedUnlockResponse, InvalidAnswersAreRefused) {
  const auto refused = [](const json& body) {
    const json r = unlock_response(200, body.dump());
    EXPECT_EQ(r["ok"], false) << body.dump();
    // Nothing of a refused answer is kept or shown.
    const UnlockRead typed = typed_unlock(200, body.dump());
    const UnlockContent& content = typed.content;
    EXPECT_EQ(content.text + content.code + content.url + content.label, "") << body.dump();
    EXPECT_FALSE(typed.token_record.valid) << body.dump();
    EXPECT_EQ(typed.token_key, "") << body.dump();
    EXPECT_FALSE(typed.forget_token) << body.dump();
    return r["error"]["code"];
  };
  for (const char* link : {"javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                           "JavaScript:alert(1)", "vbscript:x", "/relative/download", "//evil.example/x",
                           "file:///etc/passwd"}) {
    json body = valid_unlock_body();
    body["content"]["url"] = link;
    EXPECT_EQ(refused(body), "server-response-invalid") << link;
  }
  json body = valid_unlock_body();
  body["expiresAt"] = kT0;  // already expired
  EXPECT_EQ(refused(body), "server-response-invalid");
  body["expiresAt"] = kT0 - 1;
  EXPECT_EQ(refused(body), "server-response-invalid");
  body["expiresAt"] = std::to_string(kT0 + 1000);
  EXPECT_EQ(refused(body), "server-response-invalid");
  body.erase("expiresAt");
  EXPECT_EQ(refused(body), "server-response-invalid");

  body = valid_unlock_body();
  body["content"] = json::object();
  EXPECT_EQ(refused(body), "server-response-invalid");
  body["content"] = {{"text", ""}, {"code", ""}, {"url", ""}, {"label", "Download"}};
  EXPECT_EQ(refused(body), "server-response-invalid");
  body["content"] = "Thanks!";
  EXPECT_EQ(refused(body), "server-response-invalid");
  body.erase("content");
  EXPECT_EQ(refused(body), "server-response-invalid");

  body = valid_unlock_body();
  body["content"]["text"] = std::string(4001, 't');
  EXPECT_EQ(refused(body), "server-response-invalid");
  body["content"]["text"] = std::string(4000, 't');
  EXPECT_EQ(unlock_response(200, body.dump())["ok"], true);
  body = valid_unlock_body();
  body["content"]["code"] = std::string(201, 'c');
  EXPECT_EQ(refused(body), "server-response-invalid");
  body = valid_unlock_body();
  body["content"]["label"] = std::string(201, 'l');
  EXPECT_EQ(refused(body), "server-response-invalid");

  for (const json& token : {json(""), json("a b"), json("tok\"en"), json(std::string(4097, 'a')), json(7)}) {
    body = valid_unlock_body();
    body["token"] = token;
    EXPECT_EQ(refused(body), "server-response-invalid") << token;
  }

  const json not_json = unlock_response(200, "<html>ok</html>");
  EXPECT_EQ(not_json["ok"], false);
  EXPECT_EQ(not_json["error"]["code"], "server-response-invalid");
}

// ---------------------------------------------------------------------------
// Records written before the typed boundary (by the JSON-text core, whose
// sharelock-core.wasm wrote these exact texts): a shopper with a stored
// token, or in the middle of the OAuth redirect when the site updates,
// carries on, and the records written now are the same text.

// beginVerified at kT0 with the random bytes 0…47, an X client and a post
// with quotes, a backslash, é, an emoji, a tab and U+0001 in it.
constexpr char kOldStateRecord[] =
    R"({"codeVerifier":"EBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8","consumed":false,)"
    R"("context":"{\"host\":\"\",\"issuer\":\"https://x.com\",\"network\":\"x\",)"
    R"(\"redirectUri\":\"https://shop.example/sharelock/callback\",\"server\":\"https://verify.example/api\",)"
    R"(\"text\":\"Free ebook \\\"quoted\\\"\\\\ é😀\\t\\u0001 https://shop.example/ebook #SeedSale\"}",)"
    R"("expiresAt":1764000600000,"item":"ebook-1","returnPath":"/ebook?edition=2",)"
    R"("state":"AAECAwQFBgcICQoLDA0ODw","v":1})";
constexpr char kOldConsumedRecord[] =
    R"({"codeVerifier":"","consumed":true,"context":"","expiresAt":1764000600000,"item":"ebook-1",)"
    R"("returnPath":"/ebook?edition=2","state":"AAECAwQFBgcICQoLDA0ODw","v":1})";
constexpr char kOldPost[] = "Free ebook \"quoted\"\\ \u00e9\U0001F600\t\x01 https://shop.example/ebook #SeedSale";

json old_era_begin() {
  std::string random;
  for (int i = 0; i < 48; ++i) random.push_back(static_cast<char>(i));
  json attributes = ebook();
  attributes["text"] = "Free ebook \"quoted\"\\";
  const json request = {
      {"attributes", attributes},
      {"page", {{"url", "https://shop.example/ebook?edition=2#reviews"}, {"lang", "en"}}},
      {"now", kT0},
      {"random", base64url_of(random)},
      {"text", kOldPost},
      {"clientStatus", 200},
      {"client",
       {{"authorizeEndpoint", "https://x.com/i/oauth2/authorize"},
        {"clientId", "M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ"},
        {"redirectUri", "https://shop.example/sharelock/callback"},
        {"scopes", {"tweet.read", "tweet.write", "users.read"}}}}};
  return json::parse(testing::begin_verified(request.dump()));
}

TEST(VerifiedOldRecords, TheStateRecordIsWrittenAsBefore) {
  const json begun = old_era_begin();
  ASSERT_FALSE(begun["fatal"]) << begun.dump();
  EXPECT_EQ(begun["record"], kOldStateRecord);
}

TEST(VerifiedOldRecords, AFlowBegunBeforeFinishesAndIsConsumedAsBefore) {
  const std::string query = "?code=abc&state=AAECAwQFBgcICQoLDA0ODw";
  const json request = {{"query", query},
                        {"page", "https://shop.example/sharelock/callback" + query},
                        {"stored", kOldStateRecord},
                        {"now", kT0 + 1000}};
  const json r = json::parse(testing::accept_verified_callback(request.dump()));
  EXPECT_EQ(r["outcome"], "exchange") << r.dump();
  EXPECT_EQ(r["code"], "abc");
  EXPECT_EQ(r["codeVerifier"], "EBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8");
  EXPECT_EQ(r["server"], "https://verify.example/api");
  EXPECT_EQ(r["network"], "x");
  EXPECT_EQ(r["text"], kOldPost);
  EXPECT_EQ(r["returnPath"], "/ebook?edition=2");
  EXPECT_EQ(r["consumedRecord"], kOldConsumedRecord);
}

TEST(VerifiedOldRecords, AContextThatIsNotTheRecordsOwnBindsNothing) {
  // The shim hands the record's context parsed; a document that does not
  // write back to exactly the record's text (another redirect URI, here)
  // is not the flow's, and the code goes nowhere.
  const std::string query = "?code=abc&state=AAECAwQFBgcICQoLDA0ODw";
  JsonDocument forged = testing::json_document(
      R"({"host":"","issuer":"https://x.com","network":"x","redirectUri":"https://evil.example/cb",)"
      R"("server":"https://verify.example/api","text":"x"})");
  const VerifiedCallback r = accept_verified_callback(
      {query, "https://evil.example/cb" + query, static_cast<double>(kT0 + 1000), true,
       testing::json_document(kOldStateRecord), forged});
  EXPECT_EQ(r.outcome, "failed");
  EXPECT_EQ(r.error.code, "callback-wrong-endpoint");
  EXPECT_EQ(r.code, "");
  EXPECT_EQ(r.code_verifier, "");
}

TEST(VerifiedOldRecords, AStoredTokenRecordIsReadAndWrittenAsBefore) {
  constexpr char kOldTokenRecord[] = R"({"expiresAt":1764086400000,"token":"abc.def","v":1})";
  EXPECT_EQ(describe(ebook(), {{"token", kOldTokenRecord}}, kT0)["token"], "abc.def");
  const json body = {{"token", "abc.def"},
                     {"expiresAt", 1'764'086'400'000},
                     {"content", {{"text", "Thanks"}, {"code", "SAVE10"}}}};
  EXPECT_EQ(unlock_response(200, body.dump())["tokenRecord"], kOldTokenRecord);
}

}  // namespace
}  // namespace sharelock

// The verified unlock's untrusted inputs: the provider's redirect and the
// state record read back from sessionStorage (accept_verified_callback),
// the verification server's answer (read_unlock_response, and the token
// record it stores, read back by describe_verified), and a POST /v1/unlock
// as the server receives it (check_unlock_request). The bytes go in as the
// whole request text, and as the "query", "stored", "body" (and a body's
// "text" and "code") strings of otherwise valid requests, next to a real
// record from begin_verified. The browser's calls are typed: they are
// driven as the shim drives them, the texts parsed into JsonDocuments
// (tests/core/verified_json.hpp), and read back in their JSON form.
#include <cmath>

#include "sharelock/base64url.hpp"
#include "sharelock/oauth_state.hpp"
#include "sharelock/pkce.hpp"
#include "sharelock/post_length.hpp"
#include "sharelock/unicode.hpp"
#include "sharelock/verification_server.hpp"
#include "sharelock/verified_pay.hpp"

#include "../tests/core/verified_json.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace sharelock;
using nlohmann::json;

constexpr std::int64_t kNow = 1'795'617'000'000;
constexpr char kLink[] = "https://shop.example/ebook";
constexpr char kPost[] = "Free ebook https://shop.example/ebook #SeedSale";
constexpr char kVerifier[] = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

std::string dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

bool all_vschar(std::string_view s) {
  for (char c : s) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

bool is_token_text(std::string_view s) {
  if (s.empty() || s.size() > 4096) return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '_' || c == '.')) {
      return false;
    }
  }
  return true;
}

bool is_error_code(const json& code) {
  return code.is_string() && fuzz::is_error_code(code.get_ref<const std::string&>());
}

json widget_attributes() {
  return {{"mode", "verified"}, {"item", "ebook-1"}, {"network", "x"}, {"server", "https://verify.example/api"},
          {"text", "Free ebook"}, {"url", kLink}, {"hashtags", "SeedSale"}};
}

// A flow begun as the shim begins it: the record in sessionStorage and the
// state the provider will echo.
struct Flow {
  std::string record;
  std::string state;
  std::string verifier;
};

const Flow& flow() {
  static const Flow begun = [] {
    std::string random;
    for (int i = 0; i < 48; ++i) random.push_back(static_cast<char>(7 * i + 3));
    const json request = {{"attributes", widget_attributes()},
                          {"page", {{"url", "https://shop.example/ebook?edition=2#top"}, {"lang", "en"}}},
                          {"now", kNow},
                          {"random", base64url::encode(random)},
                          {"text", kPost},
                          {"clientStatus", 200},
                          {"client",
                           {{"authorizeEndpoint", "https://x.com/i/oauth2/authorize"},
                            {"clientId", "client-1"},
                            {"redirectUri", "https://shop.example/sharelock/callback"},
                            {"scopes", {"tweet.read", "tweet.write", "users.read"}}}}};
    const json answer = json::parse(testing::begin_verified(request.dump()), nullptr, false);
    fuzz::check(answer.is_object() && answer["fatal"] == false && answer["record"].is_string(),
                "begin_verified refused the fuzzer's own flow", answer.dump());
    const json record = json::parse(answer["record"].get<std::string>());
    return Flow{answer["record"].get<std::string>(), record["state"].get<std::string>(),
                record["codeVerifier"].get<std::string>()};
  }();
  return begun;
}

json callback(const std::string& query, const std::string& stored) {
  return fuzz::expect_json_object(
      testing::accept_verified_callback(dump({{"query", query}, {"stored", stored}, {"now", kNow}})),
      "accept_verified_callback");
}

// Any answer of accept_verified_callback; `query` is what it was given, to
// replay a consumed record with.
void check_callback(const json& r, const json& query) {
  fuzz::check(r["outcome"].is_string(), "callback outcome", r.dump());
  const std::string& outcome = r["outcome"].get_ref<const std::string&>();
  if (outcome == "none") {
    fuzz::check(r.size() == 1, "a none outcome carries nothing else", r.dump());
    return;
  }
  fuzz::check(outcome == "exchange" || outcome == "denied" || outcome == "failed", "callback outcome", r.dump());
  const bool exchange = outcome == "exchange";
  // Only an exchange hands out a code and the verifier.
  fuzz::check(exchange == r.contains("code") && exchange == r.contains("codeVerifier"),
              "code or verifier outside an exchange", r.dump());
  fuzz::check((outcome == "failed") == r.contains("error"), "error on a non-failed outcome", r.dump());
  if (r.contains("error")) {
    fuzz::check(r["error"]["code"].is_string() && !r["error"]["code"].get<std::string>().empty() &&
                    r["error"]["message"].is_string(),
                "failed without an error code", r.dump());
  }
  if (exchange) {
    fuzz::check(r["code"].is_string() && !r["code"].get<std::string>().empty() &&
                    r["code"].get<std::string>().size() <= 1024 && all_vschar(r["code"].get<std::string>()),
                "exchanged code outside VSCHAR or its bounds", r.dump());
    fuzz::check(r["codeVerifier"].is_string(), "verifier type", r.dump());
  }
  if (!r.contains("consumedRecord")) {
    fuzz::check(outcome == "failed", "a state accepted without a consumed record", r.dump());
    return;
  }
  // Accepted: the return path stays on this origin, the used record keeps
  // nothing of the binding, and the same callback a second time is refused.
  fuzz::check(r["consumedRecord"].is_string() && r["returnPath"].is_string() && r["item"].is_string(),
              "accepted callback shape", r.dump());
  fuzz::check(oauth::is_safe_return_path(r["returnPath"].get<std::string>()), "accepted an unsafe return path",
              r.dump());
  const std::string& consumed = r["consumedRecord"].get_ref<const std::string&>();
  const json used = json::parse(consumed, nullptr, false);
  fuzz::check(used.is_object() && used["consumed"] == true && used["codeVerifier"] == "" && used["context"] == "",
              "consumed record keeps its binding or is not consumed", consumed);
  const json again = fuzz::expect_json_object(
      testing::accept_verified_callback(dump({{"query", query}, {"stored", consumed}, {"now", kNow}})),
      "accept_verified_callback (replay)");
  fuzz::check(again["outcome"] == "failed" && again["error"]["code"] == "state-reused",
              "a consumed state was accepted again", again.dump());
}

void check_unlock_answer(const json& r, std::int64_t status, std::int64_t now) {
  fuzz::check(r["ok"].is_boolean(), "read_unlock_response shape", r.dump());
  if (!r["ok"].get<bool>()) {
    fuzz::check(is_error_code(r["error"]["code"]), "unlock error code outside [a-z0-9-]{1,40}", r.dump());
    fuzz::check(!r.contains("content"), "content on a failed unlock", r.dump());
    if (r.contains("tokenRecord")) {
      fuzz::check(r["tokenRecord"] == "" && (status == 401 || status == 403),
                  "a failed unlock stores a token or forgets one without a 401/403", r.dump());
    }
    return;
  }
  fuzz::check(status == 200, "an unlock accepted from a non-200 answer", r.dump());
  const json record = json::parse(r["tokenRecord"].get<std::string>(), nullptr, false);
  fuzz::check(record.is_object() && record.size() == 3 && record["v"] == 1 && record["token"].is_string() &&
                  is_token_text(record["token"].get<std::string>()) && record["expiresAt"].is_number_integer() &&
                  record["expiresAt"].get<std::int64_t>() > now && record["expiresAt"] == r["expiresAt"],
              "stored token record", r.dump());
  const json& content = r["content"];
  fuzz::check(content.is_object() && content["text"].is_string() && content["code"].is_string() &&
                  content["url"].is_string() && content["label"].is_string(),
              "content shape", r.dump());
  fuzz::check(!(content["text"] == "" && content["code"] == "" && content["url"] == ""), "empty content unlocked",
              r.dump());
  const std::string& link = content["url"].get_ref<const std::string&>();
  fuzz::check(link.empty() || link.rfind("https://", 0) == 0 || link.rfind("http://", 0) == 0,
              "content link is not http(s)", link);
  // What was stored is what the widget reads back on the next visit, until
  // it expires.
  const auto described_token = [&r](std::int64_t at) {
    const json request = {{"attributes", widget_attributes()},
                          {"page", {{"url", "https://shop.example/ebook"}}},
                          {"now", at},
                          {"stored", {{"token", r["tokenRecord"]}}}};
    return fuzz::expect_json_object(testing::describe_verified(dump(request)), "describe_verified")["token"];
  };
  const std::int64_t expires_at = r["expiresAt"].get<std::int64_t>();
  fuzz::check(described_token(now) == record["token"], "a stored token is not read back", r.dump());
  fuzz::check(described_token(expires_at) == "", "a stored token outlives its expiry", r.dump());
}

void check_request_answer(const json& r) {
  fuzz::check(r["ok"].is_boolean(), "check_unlock_request shape", r.dump());
  if (!r["ok"].get<bool>()) {
    const json& status = r["status"];
    fuzz::check(status == 400 || status == 404 || status == 413 || status == 422, "refusal status", r.dump());
    fuzz::check(r["error"]["code"].is_string() && !r["error"]["code"].get<std::string>().empty(),
                "refusal without a code", r.dump());
    return;
  }
  fuzz::check(r["item"] == "ebook-1" && (r["network"] == "x" || r["network"] == "mastodon"),
              "unlock request for an unknown item or network", r.dump());
  const std::string code = r["code"].get<std::string>();
  fuzz::check(!code.empty() && code.size() <= 1024 && all_vschar(code), "accepted code", r.dump());
  fuzz::check(pkce::is_valid_verifier(r["codeVerifier"].get<std::string>()), "accepted verifier", r.dump());
  const std::string text = r["text"].get<std::string>();
  fuzz::check(unicode::is_valid_utf8(text) && text.find(kLink) != std::string::npos &&
                  (r["network"] != "x" || post_length::x_weighted_length(text) <= post_length::kXLimit),
              "accepted post", text);
}

// As the core reads an instant or a status handed as a JavaScript number
// (verified_config.hpp's whole_millis): a whole number within ±8.64e15,
// else 0. JSON.parse reads 200.0 as 200, and so does the shim's request.
std::int64_t read_millis(const json& object, const char* key) {
  constexpr double kMax = 8'640'000'000'000'000.0;
  if (!object.is_object() || !object.contains(key) || !object[key].is_number()) return 0;
  const double v = object[key].get<double>();
  return std::trunc(v) == v && std::fabs(v) <= kMax ? static_cast<std::int64_t>(v) : 0;
}

json items() { return {{"ebook-1", {{"url", kLink}}}}; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  const std::string text(input);
  const Flow& begun = flow();

  // The whole request text.
  {
    const json raw = json::parse(input, nullptr, false);
    const json query = raw.is_object() && raw.contains("query") ? raw["query"] : json("");
    check_callback(fuzz::expect_json_object(testing::accept_verified_callback(input), "accept_verified_callback"), query);
    check_unlock_answer(fuzz::expect_json_object(testing::read_unlock_response(input), "read_unlock_response"),
                        read_millis(raw, "status"), read_millis(raw, "now"));
    fuzz::check(fuzz::expect_json_object(check_unlock_request(input), "check_unlock_request")["ok"].is_boolean(),
                "check_unlock_request shape");
  }

  // As the callback's query, with this tab's real record: an exchange is
  // for the flow that was begun, with its verifier.
  {
    const json r = callback(text, begun.record);
    check_callback(r, text);
    if (r["outcome"] == "exchange") {
      fuzz::check(r["codeVerifier"] == begun.verifier && r["item"] == "ebook-1" &&
                      r["returnPath"] == "/ebook?edition=2" && r["server"] == "https://verify.example/api" &&
                      r["network"] == "x" && r["text"] == kPost,
                  "exchange does not carry the begun flow", r.dump());
    }
  }

  // As the stored record, with a real callback for the begun state.
  {
    const std::string query = "?code=c0de&state=" + begun.state;
    check_callback(callback(query, text), query);
    const std::string denied = "?error=access_denied&state=" + begun.state;
    check_callback(callback(denied, text), denied);
  }

  // As the verification server's answer.
  const std::int64_t odd_status = size > 0 ? static_cast<std::int64_t>(data[0]) * 4 : 0;
  for (const std::int64_t status : {std::int64_t{200}, std::int64_t{401}, odd_status}) {
    const json request = {{"item", "ebook-1"}, {"now", kNow}, {"status", status}, {"body", text}};
    check_unlock_answer(fuzz::expect_json_object(testing::read_unlock_response(dump(request)), "read_unlock_response"),
                        status, kNow);
  }

  // As the stored token record the widget reads on a later visit.
  {
    const json request = {{"attributes", widget_attributes()},
                          {"page", {{"url", "https://shop.example/ebook"}}},
                          {"now", kNow},
                          {"stored", {{"token", text}}}};
    const json d = fuzz::expect_json_object(testing::describe_verified(dump(request)), "describe_verified");
    fuzz::check(d["fatal"] == false && d["token"].is_string(), "describe_verified with a stored token", d.dump());
    const std::string& token = d["token"].get_ref<const std::string&>();
    fuzz::check(token.empty() || is_token_text(token), "a stored token with other characters", token);
  }

  // As a POST /v1/unlock body, and as the post and the code inside one.
  {
    check_request_answer(fuzz::expect_json_object(check_unlock_request(dump({{"body", text}, {"items", items()}})),
                                                  "check_unlock_request"));
    const json body = {{"item", "ebook-1"}, {"network", "x"}, {"code", "c0de"}, {"codeVerifier", kVerifier},
                       {"text", text}};
    check_request_answer(fuzz::expect_json_object(
        check_unlock_request(dump({{"body", dump(body)}, {"items", items()}})), "check_unlock_request"));
    json with_code = body;
    with_code["code"] = text;
    with_code["text"] = kPost;
    check_request_answer(fuzz::expect_json_object(
        check_unlock_request(dump({{"body", dump(with_code)}, {"items", items()}})), "check_unlock_request"));
  }
  return 0;
}

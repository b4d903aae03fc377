#include "sharelock/verification_server.hpp"

#include <algorithm>
#include <vector>

#include "sharelock/base64url.hpp"
#include "sharelock/pkce.hpp"
#include "sharelock/sha256.hpp"
#include "sharelock/unicode.hpp"
#include "sharelock/unlock_token.hpp"
#include "sharelock/url.hpp"
#include "sharelock/verified_post.hpp"
#include "sharelock/widget_request.hpp"

namespace sharelock {
namespace {

constexpr std::size_t kMaxBodyBytes = 16 * 1024;
constexpr std::size_t kMaxCodeBytes = 1024;
constexpr std::size_t kMaxItemBytes = 200;  // as the widget's item attribute

Json refusal(int status, std::string code, std::string message) {
  return {{"ok", false}, {"status", status}, {"error", {{"code", std::move(code)}, {"message", std::move(message)}}}};
}

bool is_vschar_text(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c <= 0x7E; });
}

// Keys as configured: {"id", "secret"} with the secret in base64url. A key
// that does not decode is left out, so it can never verify anything.
std::vector<unlock_token::Key> read_keys(const Json& request) {
  std::vector<unlock_token::Key> keys;
  const auto list = request.find("keys");
  if (list == request.end() || !list->is_array()) return keys;
  for (const Json& key : *list) {
    auto secret = base64url::decode(string_at(key, "secret"));
    if (secret) keys.push_back({string_at(key, "id"), std::move(secret).value()});
  }
  return keys;
}

}  // namespace

std::string check_unlock_request(std::string_view request_json) {
  Problems problems;
  const Json request = parse_request(request_json, problems);
  const std::string body_text = string_at(request, "body");
  if (body_text.size() > kMaxBodyBytes) return dump_json(refusal(413, "body-too-large", "the request body is over 16 KiB"));
  const Json body = Json::parse(body_text, nullptr, false);
  if (!body.is_object()) return dump_json(refusal(400, "invalid-json", "the request body is not a JSON object"));

  const std::string item = string_at(body, "item");
  const std::string network = string_at(body, "network");
  const std::string code = string_at(body, "code");
  const std::string verifier = string_at(body, "codeVerifier");
  const std::string text = string_at(body, "text");
  if (item.empty() || item.size() > kMaxItemBytes || !unicode::is_valid_utf8(item)) {
    return dump_json(refusal(400, "invalid-item", "item must be 1–200 bytes of UTF-8"));
  }
  if (network != "x" && network != "mastodon") {
    return dump_json(refusal(400, "invalid-network", "network must be \"x\" or \"mastodon\""));
  }
  std::string host;
  if (network == "mastodon") {
    const auto normalized = url::normalize_host_name(string_at(body, "host"), "host");
    if (!normalized) return dump_json(refusal(400, "invalid-host", "host must be the shopper's Mastodon server name"));
    host = normalized.value();
  }
  if (code.empty() || code.size() > kMaxCodeBytes || !is_vschar_text(code)) {
    return dump_json(refusal(400, "invalid-code", "code is missing or malformed"));
  }
  if (!pkce::is_valid_verifier(verifier)) {
    return dump_json(refusal(400, "invalid-code-verifier", "codeVerifier is not a PKCE verifier"));
  }
  const Json& items = object_at(request, "items");
  const auto configured = items.find(item);
  if (configured == items.end() || !configured->is_object()) {
    return dump_json(refusal(404, "unknown-item", "this server has no content for that item"));
  }
  // The same rules the widget applied before the redirect, applied again:
  // the page is not trusted to have done so.
  const verified::PostCheck check = verified::check_post(text, network == "x" ? Network::kX : Network::kMastodon,
                                                         string_at(*configured, "url"));
  switch (check.problem) {
    case verified::Problem::kNone:
      break;
    case verified::Problem::kEmpty:
      return dump_json(refusal(422, "post-empty", "the post has no text"));
    case verified::Problem::kTooLong:
      return dump_json(refusal(422, "post-too-long", "the post is over the network's limit"));
    case verified::Problem::kMissingLink:
      return dump_json(refusal(422, "post-missing-link", "the post must keep the item's link"));
    case verified::Problem::kRefusedCharacter:
      return dump_json(refusal(422, "post-refused-character", "the post holds a character X refuses"));
  }
  return dump_json({{"ok", true}, {"item", item}, {"network", network}, {"host", host}, {"code", code},
                    {"codeVerifier", verifier}, {"text", text}});
}

std::string issue_unlock_token(std::string_view request_json) {
  Problems problems;
  const Json request = parse_request(request_json, problems);
  // The newest key signs. If it does not decode, that is a configuration
  // error to report, not a reason to fall back to an older key.
  const std::vector<unlock_token::Key> keys = read_keys(request);
  const Json& configured = request.contains("keys") ? request["keys"] : Json();
  if (keys.empty() || !configured.is_array() || configured.empty() ||
      string_at(configured.front(), "id") != keys.front().id) {
    return dump_json(refusal(500, "no-signing-key", "the first configured key is missing or is not base64url"));
  }
  const std::int64_t now = millis_at(request, "now");
  const std::int64_t lifetime = millis_at(request, "lifetimeMillis");
  const auto nonce = base64url::decode(string_at(request, "nonce"));
  if (!nonce || lifetime <= 0) return dump_json(refusal(500, "invalid-input", "nonce or lifetime is invalid"));
  const std::int64_t expires_at = now + lifetime;
  const auto token = unlock_token::sign(keys.front().secret, keys.front().id, string_at(request, "item"),
                                        expires_at, nonce.value());
  if (!token) return dump_json(refusal(500, token.error().code, token.error().message));
  return dump_json({{"ok", true}, {"token", token.value()}, {"expiresAt", expires_at},
                    {"nonce", base64url::encode(nonce.value())}});
}

std::string check_unlock_token(std::string_view request_json) {
  Problems problems;
  const Json request = parse_request(request_json, problems);
  const auto claims = unlock_token::verify(read_keys(request), string_at(request, "token"),
                                           string_at(request, "item"), millis_at(request, "now"));
  if (!claims) return dump_json(refusal(401, claims.error().code, claims.error().message));
  const unlock_token::Claims& c = claims.value();
  return dump_json({{"ok", true},
                    {"claims", {{"keyId", c.key_id}, {"item", c.item}, {"expiresAt", c.expires_at}, {"nonce", c.nonce}}}});
}

std::string normalize_host(std::string_view host) {
  const auto normalized = url::normalize_host_name(host, "host");
  Json response = Json::object();
  response["ok"] = normalized.ok();
  if (normalized) response["host"] = normalized.value();
  return dump_json(response);
}

std::string code_hash(std::string_view code) {
  return base64url::encode(crypto::to_bytes(crypto::sha256(code)));
}

}  // namespace sharelock

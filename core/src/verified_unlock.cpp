// read_unlock_response, and the token record it writes (read back by
// describe_verified on later visits): the verification server's answers
// are as untrusted as attributes, and so is the device's storage.
#include <algorithm>
#include <string>

#include "sharelock/unicode.hpp"
#include "sharelock/url.hpp"
#include "sharelock/verified_config.hpp"
#include "sharelock/verified_pay.hpp"

namespace sharelock {
namespace {

constexpr std::size_t kMaxContentTextBytes = 4000;
constexpr std::size_t kMaxContentCodeBytes = 200;
constexpr std::size_t kMaxContentLabelBytes = 200;
constexpr std::size_t kMaxErrorCodeLength = 40;

// An error code from the server, shown in events: [a-z0-9-] only.
std::string safe_code(std::string_view code, std::string_view fallback) {
  const bool ok = !code.empty() && code.size() <= kMaxErrorCodeLength &&
                  std::all_of(code.begin(), code.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                  });
  return std::string(ok ? code : fallback);
}

std::optional<UnlockContent> read_content(const JsonView& content) {
  if (!content.is_object()) return std::nullopt;
  const std::string text(content["text"].text());
  const std::string code(content["code"].text());
  const std::string link(content["url"].text());
  const std::string label(content["label"].text());
  if (text.size() > kMaxContentTextBytes || code.size() > kMaxContentCodeBytes ||
      label.size() > kMaxContentLabelBytes || !unicode::is_valid_utf8(text) ||
      !unicode::is_valid_utf8(code) || !unicode::is_valid_utf8(label)) {
    return std::nullopt;
  }
  std::string href;
  if (!link.empty()) {
    const auto parsed = url::parse_http_url(link, "url");
    if (!parsed) return std::nullopt;  // javascript:, data: and the like never become links
    href = parsed.value().serialize();
  }
  if (text.empty() && code.empty() && href.empty()) return std::nullopt;
  return UnlockContent{text, code, href, label};
}

UnlockRead failure(std::string code, std::string message) {
  UnlockRead read;
  read.error = {std::move(code), "", std::move(message)};
  return read;
}

// Its text is {"expiresAt":…,"token":"…","v":1}, as before the typed
// boundary (members in name order), so either version reads the other's.
JsonDocument token_record(const std::string& token, std::int64_t expires_at) {
  return JsonObjectWriter().add_number("expiresAt", expires_at).add_string("token", token).add_number("v", 1).done();
}

}  // namespace

namespace verified {

std::string live_stored_token(const JsonDocument& document, std::int64_t now) {
  const JsonView record(document);
  if (!record.is_object() || record["v"].whole_number() != 1) return {};
  const std::string token(record["token"].text());
  return is_token_text(token) && now < record["expiresAt"].millis().value_or(0) ? token : std::string{};
}

Error server_answer_error(std::int64_t status, const JsonDocument& body) {
  if (status == 0) return {"server-unreachable", "", "the verification server could not be reached"};
  return {safe_code(JsonView(body)["error"]["code"].text(), "server-error"), "",
          "the verification server answered " + std::to_string(status)};
}

}  // namespace verified

UnlockRead read_unlock_response(const UnlockAnswer& answer) {
  const std::int64_t status = whole_millis(answer.status);
  const std::int64_t now = whole_millis(answer.now);
  const JsonView body(answer.body);
  if (status != 200) {
    UnlockRead read;
    read.error = verified::server_answer_error(status, answer.body);
    // A token the server no longer honours is forgotten, so the shopper is
    // offered the post again instead of a broken unlock.
    read.forget_token = status == 401 || status == 403;
    return read;
  }
  const std::string token(body["token"].text());
  const std::int64_t expires_at = body["expiresAt"].millis().value_or(0);
  auto content = read_content(body["content"]);
  if (!verified::is_token_text(token) || expires_at <= now || !content) {
    return failure("server-response-invalid", "the verification server's answer is not a valid unlock");
  }
  UnlockRead read;
  read.ok = true;
  read.token_key = verified::token_key(answer.item);
  read.token_record = token_record(token, expires_at);
  read.expires_at = static_cast<double>(expires_at);
  read.content = std::move(*content);
  return read;
}

}  // namespace sharelock

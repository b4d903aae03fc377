#include "sharelock/oauth_state.hpp"

#include <limits>
#include <optional>

#include "sharelock/base64url.hpp"
#include "sharelock/constant_time.hpp"
#include "sharelock/pkce.hpp"
#include "sharelock/unicode.hpp"
#include "sharelock/url.hpp"

namespace sharelock::oauth {
namespace {

constexpr std::size_t kMaxItemBytes = 2048;
constexpr std::size_t kMaxReturnPathBytes = 2048;
constexpr std::int64_t kMaxLifetimeMillis = 24LL * 60 * 60 * 1000;
// Callback bounds, well above what X (≈ 90-character codes) and Mastodon
// (43) send, well below what could hurt.
constexpr std::size_t kMaxQueryBytes = 8192;
constexpr std::size_t kMaxCodeBytes = 1024;
constexpr std::size_t kMaxStateBytes = 512;
constexpr std::size_t kMaxErrorBytes = 128;
constexpr std::size_t kMaxIssuerBytes = 2048;
constexpr std::size_t kMaxClientIdBytes = 256;
constexpr std::size_t kChallengeLength = 43;  // base64url of a SHA-256 digest

// RFC 6749 appendix A: VSCHAR (code, state, client_id), NQCHAR (a scope
// token) and the `error` character set.
bool is_vschar(char c) { return c >= 0x20 && c <= 0x7E; }
bool is_nqchar(char c) { return c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E); }
bool is_error_char(char c) { return is_vschar(c) && c != '"' && c != '\\'; }

template <typename Predicate>
bool all_of(std::string_view s, Predicate ok) {
  for (char c : s) {
    if (!ok(c)) return false;
  }
  return true;
}

bool is_base64url_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

struct Record {
  std::string state;
  std::string item;
  std::string return_path;
  std::int64_t expires_at = 0;
  bool consumed = false;
  Binding binding;
};

// Members in name order, as the record has been written from the start
// (by nlohmann/json then, by JSON.stringify now): the same text either way.
JsonDocument encode_record(const Record& record) {
  return JsonObjectWriter()
      .add_string("codeVerifier", record.binding.code_verifier)
      .add_boolean("consumed", record.consumed)
      .add_string("context", record.binding.context)
      .add_number("expiresAt", record.expires_at)
      .add_string("item", record.item)
      .add_string("returnPath", record.return_path)
      .add_string("state", record.state)
      .add_number("v", 1)
      .done();
}

// A record that is malformed or from another version reads as absent: the
// shopper then starts again, which is always safe.
std::optional<Record> decode_record(const JsonDocument& document) {
  const JsonView json(document);
  if (!json.is_object()) return std::nullopt;
  const auto v = json["v"].whole_number();
  const auto state = json["state"].string();
  const auto item = json["item"].string();
  const auto path = json["returnPath"].string();
  const auto expires = json["expiresAt"].millis();
  const auto consumed = json["consumed"].boolean();
  const auto verifier = json["codeVerifier"].string();
  const auto context = json["context"].string();
  if (v != 1 || !state || !item || !path || !expires || !consumed || !verifier || !context) return std::nullopt;
  return Record{std::string(*state), std::string(*item), std::string(*path), *expires, *consumed,
                Binding{std::string(*verifier), std::string(*context)}};
}

Error invalid_input(std::string attribute, std::string message) {
  return Error{"state-invalid-input", std::move(attribute), std::move(message)};
}

// "." or ".." in a path segment, also percent-encoded: the WHATWG URL parser
// treats "%2e" as '.' there.
bool is_dot_segment(std::string_view segment) {
  std::size_t dots = 0;
  while (!segment.empty()) {
    if (segment.front() == '.') {
      segment.remove_prefix(1);
    } else if (segment.size() >= 3 && segment.substr(0, 2) == "%2" &&
               (segment[2] == 'e' || segment[2] == 'E')) {
      segment.remove_prefix(3);
    } else {
      return false;
    }
    ++dots;
  }
  return dots == 1 || dots == 2;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded decoding: '+' is a space, %XX a byte.
std::optional<std::string> form_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out.push_back(' ');
    } else if (s[i] == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      const int high = hex_value(s[i + 1]);
      const int low = hex_value(s[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

Error malformed(std::string message) { return Error{"callback-malformed", "", std::move(message)}; }

// An OAuth endpoint or redirect URI: https (http on loopback, for local
// development) and no fragment (RFC 6749 sections 3.1 and 3.1.2).
std::optional<Error> check_oauth_url(std::string_view text, std::string_view attribute) {
  const auto parsed = url::parse_http_url(text, attribute);
  if (!parsed) return parsed.error();
  if (parsed.value().scheme != "https" && !parsed.value().is_loopback()) {
    return Error{"unsafe-url", std::string(attribute), "OAuth URLs must use https"};
  }
  if (parsed.value().has_fragment) {
    return Error{"invalid-url", std::string(attribute), "OAuth URLs must not have a fragment (#)"};
  }
  return std::nullopt;
}

Error bad_request(std::string attribute, std::string message) {
  return Error{"invalid-authorize-request", std::move(attribute), std::move(message)};
}

}  // namespace

Result<PendingState> create_state(std::string_view random_bytes, std::string_view item,
                                  std::string_view return_path, std::int64_t now,
                                  std::int64_t lifetime_millis, const Binding& binding) {
  if (random_bytes.size() < kMinStateRandomBytes || random_bytes.size() > kMaxStateRandomBytes) {
    return invalid_input("random", "the OAuth state needs 16 to 64 random bytes");
  }
  if (item.empty() || item.size() > kMaxItemBytes || !unicode::is_valid_utf8(item)) {
    return invalid_input("item", "the item is empty, too long or not valid UTF-8");
  }
  if (lifetime_millis <= 0 || lifetime_millis > kMaxLifetimeMillis) {
    return invalid_input("lifetime", "the OAuth state lifetime must be between 1 ms and 24 h");
  }
  if (now < 0 || now > std::numeric_limits<std::int64_t>::max() - lifetime_millis) {
    return invalid_input("now", "the current time is out of range");
  }
  if (!is_safe_return_path(return_path)) {
    return Error{"unsafe-return-path", "returnPath",
                 "the return path must be a path on this site, starting with a single /"};
  }
  if (!binding.code_verifier.empty() && !pkce::is_valid_verifier(binding.code_verifier)) {
    return invalid_input("codeVerifier", "the PKCE verifier is not 43-128 characters of [A-Za-z0-9-._~]");
  }
  if (binding.context.size() > kMaxContextBytes || !unicode::is_valid_utf8(binding.context)) {
    return invalid_input("context", "the flow context is over 8 KiB or not valid UTF-8");
  }
  Record record{base64url::encode(random_bytes), std::string(item), std::string(return_path),
                now + lifetime_millis, false, binding};
  return PendingState{record.state, encode_record(record)};
}

Result<AcceptedState> accept_state(const JsonDocument& stored_record, std::string_view callback_state,
                                   std::int64_t now) {
  std::optional<Record> record = decode_record(stored_record);
  if (!record || callback_state.empty()) {
    return Error{"state-missing", "", "this sign-in was not started from this tab, or it was lost"};
  }
  // The state is the secret that stops another site from feeding its own
  // code to this page (login CSRF), so it is compared in constant time.
  if (!crypto::constant_time_equal(record->state, callback_state)) {
    return Error{"state-mismatch", "", "the sign-in response does not belong to this sign-in"};
  }
  if (record->consumed) return Error{"state-reused", "", "this sign-in response was already used"};
  if (now >= record->expires_at) return Error{"state-expired", "", "this sign-in took too long"};
  if (!is_safe_return_path(record->return_path)) {
    return Error{"unsafe-return-path", "returnPath", "the stored return path is not on this site"};
  }
  // The used record keeps what refuses a replay and drops the verifier and
  // the context, which nothing may read again.
  Record used = *record;
  used.consumed = true;
  used.binding = {};
  return AcceptedState{record->item, record->return_path, record->binding, encode_record(used)};
}

bool is_pending(const JsonDocument& stored_record, std::int64_t now) {
  const std::optional<Record> record = decode_record(stored_record);
  return record && !record->consumed && now < record->expires_at;
}

bool is_safe_return_path(std::string_view path) {
  if (path.empty() || path.size() > kMaxReturnPathBytes || path.front() != '/') return false;
  for (char c : path) {
    if (c < 0x21 || c > 0x7E || c == '\\') return false;  // also rejects bytes ≥ 0x80
  }
  const std::string_view path_part = path.substr(0, path.find_first_of("?#"));
  if (path_part.find("//") != std::string_view::npos) return false;
  std::size_t start = 1;
  while (start <= path_part.size()) {
    std::size_t end = path_part.find('/', start);
    if (end == std::string_view::npos) end = path_part.size();
    if (is_dot_segment(path_part.substr(start, end - start))) return false;
    start = end + 1;
  }
  return true;
}

Result<Callback> parse_callback(std::string_view query) {
  if (!query.empty() && query.front() == '?') query.remove_prefix(1);
  if (query.size() > kMaxQueryBytes) return malformed("the sign-in response is too long");
  Callback callback;
  bool seen_code = false, seen_state = false, seen_error = false, seen_iss = false;
  std::size_t start = 0;
  while (start < query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view pair = query.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    const std::size_t equals = pair.find('=');
    const auto name = form_decode(pair.substr(0, equals));
    const auto value = form_decode(equals == std::string_view::npos ? std::string_view{}
                                                                    : pair.substr(equals + 1));
    if (!name || !value) return malformed("the sign-in response has a broken % escape");
    // RFC 6749 section 3.1: a parameter must not appear twice; two codes or
    // two states could be read differently by the shim and the server.
    if (*name == "code") {
      if (seen_code) return malformed("the sign-in response repeats code");
      if (value->empty() || value->size() > kMaxCodeBytes || !all_of(*value, is_vschar)) {
        return malformed("the sign-in response has an invalid code");
      }
      seen_code = true;
      callback.code = *value;
    } else if (*name == "state") {
      if (seen_state) return malformed("the sign-in response repeats state");
      if (value->size() > kMaxStateBytes || !all_of(*value, is_vschar)) {
        return malformed("the sign-in response has an invalid state");
      }
      seen_state = true;
      callback.state = *value;
    } else if (*name == "iss") {
      if (seen_iss) return malformed("the sign-in response repeats iss");
      if (value->size() > kMaxIssuerBytes || !all_of(*value, is_vschar)) {
        return malformed("the sign-in response has an invalid iss");
      }
      seen_iss = true;
      callback.iss = *value;
    } else if (*name == "error") {
      if (seen_error) return malformed("the sign-in response repeats error");
      if (value->empty() || value->size() > kMaxErrorBytes || !all_of(*value, is_error_char)) {
        return malformed("the sign-in response has an invalid error");
      }
      seen_error = true;
      callback.error = *value;
    }
  }
  if (seen_code == seen_error) {
    return malformed(seen_code ? "the sign-in response has both a code and an error"
                               : "the sign-in response has neither a code nor an error");
  }
  return callback;
}

Result<std::string> authorize_url(const Provider& provider, std::string_view state,
                                  std::string_view code_challenge) {
  if (auto error = check_oauth_url(provider.authorize_endpoint, "authorizeEndpoint")) return *error;
  if (auto error = check_oauth_url(provider.redirect_uri, "redirectUri")) return *error;
  if (provider.client_id.empty() || provider.client_id.size() > kMaxClientIdBytes ||
      !all_of(provider.client_id, is_vschar)) {
    return bad_request("clientId", "the client id is empty, too long or has invalid characters");
  }
  if (provider.scopes.empty()) return bad_request("scopes", "at least one scope is needed");
  std::string scope;
  for (const std::string& token : provider.scopes) {
    if (token.empty() || !all_of(token, is_nqchar)) {
      return bad_request("scopes", "a scope is empty or has a space, quote or backslash");
    }
    if (!scope.empty()) scope.push_back(' ');
    scope += token;
  }
  if (state.empty() || state.size() > kMaxStateBytes || !all_of(state, is_vschar)) {
    return bad_request("state", "the state is empty, too long or has invalid characters");
  }
  if (code_challenge.size() != kChallengeLength || !all_of(code_challenge, is_base64url_char)) {
    return bad_request("codeChallenge", "the code challenge is not an S256 challenge");
  }
  url::HttpUrl endpoint =
      url::parse_http_url(provider.authorize_endpoint, "authorizeEndpoint").value();
  url::set_query_parameter(endpoint, "response_type", "code");
  url::set_query_parameter(endpoint, "client_id", provider.client_id);
  url::set_query_parameter(endpoint, "redirect_uri", provider.redirect_uri);
  url::set_query_parameter(endpoint, "scope", scope);  // spaces become %20, never '+'
  url::set_query_parameter(endpoint, "state", state);
  url::set_query_parameter(endpoint, "code_challenge", code_challenge);
  url::set_query_parameter(endpoint, "code_challenge_method", "S256");
  return endpoint.serialize();
}

}  // namespace sharelock::oauth

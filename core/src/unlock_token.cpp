#include "sharelock/unlock_token.hpp"

#include <array>
#include <charconv>
#include <optional>

#include "sharelock/base64url.hpp"
#include "sharelock/constant_time.hpp"
#include "sharelock/sha256.hpp"
#include "sharelock/unicode.hpp"

namespace sharelock::unlock_token {
namespace {

constexpr std::string_view kVersion = "v1";
constexpr std::size_t kMaxExpiryDigits = 19;  // INT64_MAX has 19

bool is_key_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxKeyIdLength) return false;
  for (char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

// What the MAC is computed over: the token up to its last '.', as sent.
std::string mac_of(std::string_view key, std::string_view key_id, std::string_view payload_part) {
  std::string input;
  input.reserve(kVersion.size() + key_id.size() + payload_part.size() + 2);
  input.append(kVersion).append(".").append(key_id).append(".").append(payload_part);
  return crypto::to_bytes(crypto::hmac_sha256(key, input));
}

Error invalid_input(std::string attribute, std::string message) {
  return Error{"token-invalid-input", std::move(attribute), std::move(message)};
}

Error malformed() { return Error{"token-malformed", "", "this is not an unlock token"}; }

// A canonical decimal: digits only, no sign, no leading zero, fits int64.
std::optional<std::int64_t> parse_expiry(std::string_view digits) {
  if (digits.empty() || digits.size() > kMaxExpiryDigits) return std::nullopt;
  if (digits.size() > 1 && digits.front() == '0') return std::nullopt;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

// The payload's three fields, or nothing when the signer broke the format
// (only reachable with a valid MAC, i.e. from a buggy or compromised signer).
std::optional<Claims> parse_payload(std::string_view payload) {
  const std::size_t first = payload.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  const std::size_t second = payload.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  const auto expires_at = parse_expiry(payload.substr(0, first));
  const std::string_view nonce = payload.substr(first + 1, second - first - 1);
  const auto nonce_bytes = base64url::decode(nonce);
  const std::string_view item = payload.substr(second + 1);
  if (!expires_at || !nonce_bytes || nonce_bytes.value().size() < kMinNonceBytes ||
      nonce_bytes.value().size() > kMaxNonceBytes || item.empty()) {
    return std::nullopt;
  }
  return Claims{"", std::string(item), *expires_at, std::string(nonce)};
}

}  // namespace

Result<std::string> sign(std::string_view key, std::string_view key_id, std::string_view item,
                         std::int64_t expires_at, std::string_view nonce_bytes) {
  if (key.size() < kMinKeyBytes) return invalid_input("key", "the key must be at least 32 bytes");
  if (!is_key_id(key_id)) return invalid_input("kid", "the key id must be 1-32 of A-Z a-z 0-9 - _");
  if (item.empty() || item.size() > kMaxItemBytes || !unicode::is_valid_utf8(item)) {
    return invalid_input("item", "the item is empty, too long or not valid UTF-8");
  }
  if (expires_at < 0) return invalid_input("expiresAt", "the expiry is before 1970");
  if (nonce_bytes.size() < kMinNonceBytes || nonce_bytes.size() > kMaxNonceBytes) {
    return invalid_input("nonce", "the nonce must be 16 to 64 random bytes");
  }
  const std::string payload =
      std::to_string(expires_at) + "." + base64url::encode(nonce_bytes) + "." + std::string(item);
  const std::string payload_part = base64url::encode(payload);
  return std::string(kVersion) + "." + std::string(key_id) + "." + payload_part + "." +
         base64url::encode(mac_of(key, key_id, payload_part));
}

Result<Claims> verify(const std::vector<Key>& keys, std::string_view token, std::string_view item,
                      std::int64_t now) {
  if (token.size() > kMaxTokenLength) return malformed();
  std::array<std::string_view, 4> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::size_t dot = token.find('.', start);
    const bool last = i + 1 == parts.size();
    if (last != (dot == std::string_view::npos)) return malformed();  // exactly three dots
    parts[i] = token.substr(start, last ? std::string_view::npos : dot - start);
    start = dot + 1;
  }
  const auto [version, key_id, payload_part, mac_part] = parts;
  if (version != kVersion || !is_key_id(key_id)) return malformed();
  const auto payload = base64url::decode(payload_part);
  const auto mac = base64url::decode(mac_part);
  if (!payload || !mac || mac.value().size() != crypto::kSha256Size) return malformed();

  const Key* key = nullptr;
  for (const Key& candidate : keys) {
    // A short key (an unset secret read as "") would let anyone sign: it
    // is never used, as if it were not listed.
    if (candidate.id == key_id && candidate.secret.size() >= kMinKeyBytes) {
      key = &candidate;
      break;
    }
  }
  if (key == nullptr) {
    return Error{"token-unknown-key", "", "the token was signed with a key that is not listed"};
  }
  if (!crypto::constant_time_equal(mac_of(key->secret, key_id, payload_part), mac.value())) {
    return Error{"token-forged", "", "the token's signature does not match"};
  }

  auto claims = parse_payload(payload.value());
  if (!claims) return malformed();
  claims->key_id = std::string(key_id);
  if (now >= claims->expires_at) return Error{"token-expired", "", "the unlock token has expired"};
  if (claims->item != item) {
    return Error{"token-wrong-item", "", "the unlock token is for another item"};
  }
  return std::move(*claims);
}

}  // namespace sharelock::unlock_token

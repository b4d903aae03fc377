// Unlock tokens: what the verification server returns once it has seen the
// shopper's post published, and checks again before it releases content.
// HMAC-SHA-256 signed, so only the server (which holds the keys) can mint
// one; they carry the item and an expiry, and are checked in constant time.
//
// Format (every part is URL- and header-safe, no padding, no escaping):
//
//   v1.<kid>.<base64url(payload)>.<base64url(HMAC-SHA-256(key, "v1.<kid>.<payload part>"))>
//   payload = <expires_at ms, decimal> "." <base64url(nonce)> "." <item, UTF-8>
//
// The MAC covers the version and key id too, so neither can be swapped. The
// payload is a compact canonical text rather than JSON: one spelling per
// token (no key order, whitespace or number forms to pin down), no parser
// for unauthenticated input, and shorter in a URL or header. The item goes
// last so that it may contain any character, '.' included.
//
// Replay is the server's job, not this file's: a token stays valid until it
// expires, and a server that must honour it only once records its nonce
// until then.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sharelock/error.hpp"

namespace sharelock::unlock_token {

inline constexpr std::size_t kMinKeyBytes = 32;  // RFC 2104 section 3: not below the hash size
inline constexpr std::size_t kMinNonceBytes = 16;
inline constexpr std::size_t kMaxNonceBytes = 64;
inline constexpr std::size_t kMaxKeyIdLength = 32;  // of [A-Za-z0-9_-]
inline constexpr std::size_t kMaxItemBytes = 2048;
inline constexpr std::size_t kMaxTokenLength = 4096;

// A signing key and the id that names it in tokens. Rotation: sign with the
// newest key and keep older ones listed for verification until every token
// they signed has expired.
struct Key {
  std::string id;
  std::string secret;  // raw bytes
};

struct Claims {
  std::string key_id;
  std::string item;
  std::int64_t expires_at = 0;  // ms since the Unix epoch; valid before it, expired from it on
  std::string nonce;            // base64url, for the server's replay record

  friend bool operator==(const Claims&, const Claims&) = default;
};

// Error "token-invalid-input" (attribute "key", "kid", "item", "expiresAt"
// or "nonce") when the key is shorter than 32 bytes, the id is not 1–32
// characters of [A-Za-z0-9_-], the item is empty, longer than 2048 bytes or
// not UTF-8, the expiry is negative, or the nonce is not 16–64 bytes.
Result<std::string> sign(std::string_view key, std::string_view key_id, std::string_view item,
                         std::int64_t expires_at, std::string_view nonce_bytes);

// Checks, in this order:
//   "token-malformed"    not a v1 token in the format above
//   "token-unknown-key"  no key in `keys` has the token's id (the first
//                        key with that id and at least 32 bytes is used;
//                        shorter ones are skipped as if not listed)
//   "token-forged"       the MAC does not match (constant-time comparison)
//   "token-expired"      now >= expires_at
//   "token-wrong-item"   the token unlocks another item
Result<Claims> verify(const std::vector<Key>& keys, std::string_view token, std::string_view item,
                      std::int64_t now);

}  // namespace sharelock::unlock_token

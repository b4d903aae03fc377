// SHA-256 (FIPS 180-4) and HMAC-SHA-256 (RFC 2104), for PKCE challenges and
// signed unlock tokens. Written here rather than taken from a library: the
// core has no crypto dependency, must build the same natively and in wasm,
// and needs only these two primitives. Byte strings are std::string_view so
// that values crossing the wasm boundary as strings need no conversion.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sharelock::crypto {

inline constexpr std::size_t kSha256Size = 32;       // digest bytes
inline constexpr std::size_t kSha256BlockSize = 64;  // compression block bytes

using Sha256Digest = std::array<std::uint8_t, kSha256Size>;

// Incremental SHA-256: feed bytes in any pieces, read the digest of what was
// fed so far. `digest()` does not disturb the running state, so a hash can be
// read and then extended (handy for tests that compare piecewise hashing).
class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  Sha256Digest digest() const;

 private:
  void compress(const std::uint8_t* block);

  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, kSha256BlockSize> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes fed in total; the padding needs it
};

Sha256Digest sha256(std::string_view bytes);

// HMAC-SHA-256 of `message` under `key` (any length: longer than a block is
// hashed first, as RFC 2104 says).
Sha256Digest hmac_sha256(std::string_view key, std::string_view message);

// The digest as a string of 32 raw bytes, to feed base64url or compare.
std::string to_bytes(const Sha256Digest& digest);

}  // namespace sharelock::crypto

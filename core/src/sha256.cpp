#include "sharelock/sha256.hpp"

namespace sharelock::crypto {
namespace {

// FIPS 180-4 section 4.2.2: the first 32 bits of the fractional parts of the
// cube roots of the first 64 primes.
constexpr std::array<std::uint32_t, 64> kRoundConstants = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

// Section 5.3.3: the first 32 bits of the fractional parts of the square
// roots of the first 8 primes.
constexpr std::array<std::uint32_t, 8> kInitialState = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

constexpr std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

constexpr std::uint8_t kInnerPad = 0x36;
constexpr std::uint8_t kOuterPad = 0x5c;

}  // namespace

Sha256::Sha256() : state_(kInitialState) {}

void Sha256::compress(const std::uint8_t* block) {
  std::array<std::uint32_t, 64> w{};
  for (std::size_t i = 0; i < 16; ++i) {
    w[i] = (std::uint32_t{block[4 * i]} << 24) | (std::uint32_t{block[4 * i + 1]} << 16) |
           (std::uint32_t{block[4 * i + 2]} << 8) | std::uint32_t{block[4 * i + 3]};
  }
  for (std::size_t i = 16; i < 64; ++i) {
    const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  std::uint32_t a = state_[0], b = state_[1], c = state_[2], d = state_[3];
  std::uint32_t e = state_[4], f = state_[5], g = state_[6], h = state_[7];
  for (std::size_t i = 0; i < 64; ++i) {
    const std::uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) +
                             kRoundConstants[i] + w[i];
    const std::uint32_t t2 =
        (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  state_[0] += a;
  state_[1] += b;
  state_[2] += c;
  state_[3] += d;
  state_[4] += e;
  state_[5] += f;
  state_[6] += g;
  state_[7] += h;
}

void Sha256::update(std::string_view bytes) {
  length_ += bytes.size();
  for (char c : bytes) {
    buffer_[buffered_++] = static_cast<std::uint8_t>(c);
    if (buffered_ == kSha256BlockSize) {
      compress(buffer_.data());
      buffered_ = 0;
    }
  }
}

Sha256Digest Sha256::digest() const {
  Sha256 copy = *this;  // padding must not disturb a hash that may be extended
  const std::uint64_t bit_length = length_ * 8;
  // A 0x80 byte, then zeros until 8 bytes short of a block boundary, then the
  // message length in bits, big-endian (section 5.1.1). When fewer than 9
  // bytes are left in the block (55 < buffered), the padding spills into a
  // second block.
  copy.buffer_[copy.buffered_++] = 0x80;
  if (copy.buffered_ > kSha256BlockSize - 8) {
    while (copy.buffered_ < kSha256BlockSize) copy.buffer_[copy.buffered_++] = 0;
    copy.compress(copy.buffer_.data());
    copy.buffered_ = 0;
  }
  while (copy.buffered_ < kSha256BlockSize - 8) copy.buffer_[copy.buffered_++] = 0;
  for (int i = 7; i >= 0; --i) {
    copy.buffer_[copy.buffered_++] = static_cast<std::uint8_t>(bit_length >> (8 * i));
  }
  copy.compress(copy.buffer_.data());

  Sha256Digest out{};
  for (std::size_t i = 0; i < 8; ++i) {
    out[4 * i] = static_cast<std::uint8_t>(copy.state_[i] >> 24);
    out[4 * i + 1] = static_cast<std::uint8_t>(copy.state_[i] >> 16);
    out[4 * i + 2] = static_cast<std::uint8_t>(copy.state_[i] >> 8);
    out[4 * i + 3] = static_cast<std::uint8_t>(copy.state_[i]);
  }
  return out;
}

Sha256Digest sha256(std::string_view bytes) {
  Sha256 hash;
  hash.update(bytes);
  return hash.digest();
}

Sha256Digest hmac_sha256(std::string_view key, std::string_view message) {
  // K0 of RFC 2104: the key, or its hash when longer than a block, padded
  // with zeros to a block.
  std::array<std::uint8_t, kSha256BlockSize> block{};
  if (key.size() > kSha256BlockSize) {
    const Sha256Digest hashed = sha256(key);
    for (std::size_t i = 0; i < hashed.size(); ++i) block[i] = hashed[i];
  } else {
    for (std::size_t i = 0; i < key.size(); ++i) block[i] = static_cast<std::uint8_t>(key[i]);
  }
  std::string inner_pad(kSha256BlockSize, '\0');
  std::string outer_pad(kSha256BlockSize, '\0');
  for (std::size_t i = 0; i < kSha256BlockSize; ++i) {
    inner_pad[i] = static_cast<char>(block[i] ^ kInnerPad);
    outer_pad[i] = static_cast<char>(block[i] ^ kOuterPad);
  }
  Sha256 inner;
  inner.update(inner_pad);
  inner.update(message);
  Sha256 outer;
  outer.update(outer_pad);
  outer.update(to_bytes(inner.digest()));
  return outer.digest();
}

std::string to_bytes(const Sha256Digest& digest) {
  std::string out(digest.size(), '\0');
  for (std::size_t i = 0; i < digest.size(); ++i) out[i] = static_cast<char>(digest[i]);
  return out;
}

}  // namespace sharelock::crypto

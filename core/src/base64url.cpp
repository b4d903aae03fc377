#include "sharelock/base64url.hpp"

#include <cstddef>
#include <cstdint>

namespace sharelock::base64url {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// The 6-bit value of a url-alphabet character, or -1.
int value_of(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

Error invalid(std::string message) { return Error{"invalid-base64url", "", std::move(message)}; }

}  // namespace

std::string encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t group = (std::uint32_t{static_cast<std::uint8_t>(bytes[i])} << 16) |
                                (std::uint32_t{static_cast<std::uint8_t>(bytes[i + 1])} << 8) |
                                std::uint32_t{static_cast<std::uint8_t>(bytes[i + 2])};
    out.push_back(kAlphabet[(group >> 18) & 0x3F]);
    out.push_back(kAlphabet[(group >> 12) & 0x3F]);
    out.push_back(kAlphabet[(group >> 6) & 0x3F]);
    out.push_back(kAlphabet[group & 0x3F]);
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 0) return out;
  std::uint32_t group = std::uint32_t{static_cast<std::uint8_t>(bytes[i])} << 16;
  if (rest == 2) group |= std::uint32_t{static_cast<std::uint8_t>(bytes[i + 1])} << 8;
  out.push_back(kAlphabet[(group >> 18) & 0x3F]);
  out.push_back(kAlphabet[(group >> 12) & 0x3F]);
  if (rest == 2) out.push_back(kAlphabet[(group >> 6) & 0x3F]);
  return out;
}

Result<std::string> decode(std::string_view text) {
  if (text.size() % 4 == 1) {
    return invalid("no byte string has a base64url encoding of that length");
  }
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t bits = 0;  // pending bits, at most 12 between characters
  int bit_count = 0;
  for (char c : text) {
    if (c == '=') return invalid("base64url here is written without '=' padding");
    const int value = value_of(c);
    if (value < 0) return invalid("a character outside the base64url alphabet");
    bits = (bits << 6) | static_cast<std::uint32_t>(value);
    bit_count += 6;
    if (bit_count >= 8) {
      bit_count -= 8;
      out.push_back(static_cast<char>((bits >> bit_count) & 0xFF));
      bits &= (1u << bit_count) - 1;
    }
  }
  // 2 or 4 bits are left over after a partial group; a canonical encoder
  // writes them as zeros.
  if (bits != 0) return invalid("the last character has bits set that encode nothing");
  return out;
}

}  // namespace sharelock::base64url

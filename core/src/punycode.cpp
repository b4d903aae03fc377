#include "sharelock/punycode.hpp"

#include <cstdint>
#include <limits>

namespace sharelock::punycode {
namespace {

// Parameters fixed by RFC 3492 section 5.
constexpr std::uint32_t kBase = 36;
constexpr std::uint32_t kTMin = 1;
constexpr std::uint32_t kTMax = 26;
constexpr std::uint32_t kSkew = 38;
constexpr std::uint32_t kDamp = 700;
constexpr std::uint32_t kInitialBias = 72;
constexpr std::uint32_t kInitialN = 0x80;

char encode_digit(std::uint32_t d) {
  return static_cast<char>(d < 26 ? 'a' + d : '0' + (d - 26));
}

std::uint32_t adapt(std::uint32_t delta, std::uint32_t num_points, bool first_time) {
  delta = first_time ? delta / kDamp : delta / 2;
  delta += delta / num_points;
  std::uint32_t k = 0;
  while (delta > ((kBase - kTMin) * kTMax) / 2) {
    delta /= kBase - kTMin;
    k += kBase;
  }
  return k + (kBase - kTMin + 1) * delta / (delta + kSkew);
}

}  // namespace

std::optional<std::string> encode_label(std::u32string_view label) {
  constexpr std::uint32_t kMax = std::numeric_limits<std::uint32_t>::max();
  std::string out;
  for (char32_t c : label) {
    if (c < 0x80) out.push_back(static_cast<char>(c));
  }
  const auto basic_count = static_cast<std::uint32_t>(out.size());
  if (basic_count > 0) out.push_back('-');

  std::uint32_t n = kInitialN;
  std::uint32_t delta = 0;
  std::uint32_t bias = kInitialBias;
  std::uint32_t handled = basic_count;
  const auto total = static_cast<std::uint32_t>(label.size());
  while (handled < total) {
    // The smallest code point not yet handled.
    std::uint32_t m = kMax;
    for (char32_t c : label) {
      if (c >= n && c < m) m = c;
    }
    if (m - n > (kMax - delta) / (handled + 1)) return std::nullopt;
    delta += (m - n) * (handled + 1);
    n = m;
    for (char32_t c : label) {
      if (c < n && ++delta == 0) return std::nullopt;
      if (c != n) continue;
      std::uint32_t q = delta;
      for (std::uint32_t k = kBase;; k += kBase) {
        const std::uint32_t t = k <= bias ? kTMin : (k >= bias + kTMax ? kTMax : k - bias);
        if (q < t) break;
        out.push_back(encode_digit(t + (q - t) % (kBase - t)));
        q = (q - t) / (kBase - t);
      }
      out.push_back(encode_digit(q));
      bias = adapt(delta, handled + 1, handled == basic_count);
      delta = 0;
      ++handled;
    }
    ++delta;
    ++n;
  }
  return out;
}

}  // namespace sharelock::punycode

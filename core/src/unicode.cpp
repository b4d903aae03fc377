#include "sharelock/unicode.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string_view>

namespace sharelock::unicode {
namespace {

#include "unicode_data.inc"

static_assert(kTablesVersion == kUnicodeVersion,
              "unicode_data.inc is stale: rerun tools/gen_unicode_tables.py");

constexpr char32_t kReplacement = 0xFFFD;
constexpr char32_t kMaxCodePoint = 0x10FFFF;

constexpr bool is_surrogate(char32_t cp) { return cp >= 0xD800 && cp <= 0xDFFF; }

// ---------------------------------------------------------------------------
// UTF-8

struct Decoded {
  char32_t code_point;  // kReplacement when !ok
  std::size_t length;   // bytes consumed, always >= 1
  bool ok;              // false: bytes [0, length) are one maximal ill-formed
                        // subsequence (so a literal U+FFFD stays valid)
};

// Decodes the sequence at the start of `in` (non-empty). Follows Unicode
// Table 3-7: the lead byte fixes the length and narrows the range of the
// second byte, which is what rules out overlongs (E0 80..9F, F0 80..8F),
// surrogates (ED A0..BF) and values above U+10FFFF (F4 90..BF) without a
// separate check. On failure it consumes only the bytes that were still a
// valid prefix, so the offending byte starts the next sequence: that yields
// exactly one U+FFFD per maximal subpart, as WHATWG and ICU do.
Decoded decode_one(std::string_view in) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(in[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {lead, 1, true};

  std::size_t needed = 0;  // continuation bytes after the lead
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the 2nd byte
  char32_t cp = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    needed = 1;
    cp = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    needed = 2;
    cp = lead & 0x0Fu;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    needed = 3;
    cp = lead & 0x07u;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    // 80..BF stray continuation, C0/C1 always overlong, F5..FF out of range.
    return {kReplacement, 1, false};
  }

  for (std::size_t i = 1; i <= needed; ++i) {
    if (i >= in.size()) return {kReplacement, i, false};  // truncated
    const unsigned char b = byte(i);
    if (b < low || b > high) return {kReplacement, i, false};
    cp = (cp << 6) | (b & 0x3Fu);
    low = 0x80;
    high = 0xBF;
  }
  return {cp, needed + 1, true};
}

// ---------------------------------------------------------------------------
// Property lookup

Gcb table_value(char32_t cp) {
  // Entries are sorted by first code point in the high bits, so the run
  // containing cp is the last entry <= (cp with all value bits set).
  const std::uint32_t key =
      static_cast<std::uint32_t>(cp) << kGcbBits | ((1u << kGcbBits) - 1);
  const auto* it = std::upper_bound(std::begin(kGraphemeTable),
                                    std::end(kGraphemeTable), key);
  // The first entry starts at U+0000, so `it` is never begin().
  return static_cast<Gcb>(*(it - 1) & ((1u << kGcbBits) - 1));
}

Gcb grapheme_property(char32_t cp) {
  if (cp > kMaxCodePoint) return Gcb::Other;  // would overflow the key
  const Gcb value = table_value(cp);
  if (value != Gcb::HangulSyllable) return value;
  // Syllables are laid out L-major, V, then T (28 slots with T index 0
  // meaning "no trailing consonant"), Unicode ch. 3.12.
  constexpr char32_t kSBase = 0xAC00, kTCount = 28;
  return (cp - kSBase) % kTCount == 0 ? Gcb::LV : Gcb::LVT;
}

// ---------------------------------------------------------------------------
// Grapheme clusters (UAX #29 for Unicode 17.0)

// The table folds Indic_Conjunct_Break into three values of its own; every
// rule but GB9c reads the Grapheme_Cluster_Break underneath.
Gcb cluster_break(Gcb value) {
  switch (value) {
    case Gcb::IndicConsonant: return Gcb::Other;
    case Gcb::IndicLinker:
    case Gcb::ExtendOutsideConjunct: return Gcb::Extend;
    default: return value;
  }
}

// InCB=Extend: every Extend and ZWJ but those the table marks otherwise.
bool is_conjunct_extend(Gcb value) { return value == Gcb::Extend || value == Gcb::ZWJ; }

// Walks the text one code point at a time. GB9c, GB11 and GB12/13 look
// arbitrarily far back; small pieces of state summarise that history so the
// walk stays O(n) with no lookbehind.
class GraphemeBreaker {
 public:
  explicit GraphemeBreaker(char32_t first) { advance(grapheme_property(first)); }

  // Whether a cluster boundary falls before `cp`, which follows everything
  // passed so far; then takes `cp` in.
  bool break_before(char32_t cp) {
    const Gcb value = grapheme_property(cp);
    const bool result = is_break(cluster_break(value), value);
    advance(value);
    return result;
  }

 private:
  static bool is_control(Gcb p) {
    return p == Gcb::Control || p == Gcb::CR || p == Gcb::LF;
  }

  // `cur` is the candidate's Grapheme_Cluster_Break, `value` its table
  // value (with Indic_Conjunct_Break).
  bool is_break(Gcb cur, Gcb value) const {
    if (prev_ == Gcb::CR && cur == Gcb::LF) return false;         // GB3
    if (is_control(prev_) || is_control(cur)) return true;        // GB4, GB5
    if (prev_ == Gcb::L && (cur == Gcb::L || cur == Gcb::V ||     // GB6
                            cur == Gcb::LV || cur == Gcb::LVT))
      return false;
    if ((prev_ == Gcb::LV || prev_ == Gcb::V) &&                  // GB7
        (cur == Gcb::V || cur == Gcb::T))
      return false;
    if ((prev_ == Gcb::LVT || prev_ == Gcb::T) && cur == Gcb::T)  // GB8
      return false;
    if (cur == Gcb::Extend || cur == Gcb::ZWJ) return false;      // GB9
    if (cur == Gcb::SpacingMark) return false;                    // GB9a
    if (prev_ == Gcb::Prepend) return false;                      // GB9b
    if (conjunct_ == Conjunct::kAfterLinker && value == Gcb::IndicConsonant)
      return false;                                               // GB9c
    if (after_pictographic_zwj_ && cur == Gcb::ExtendedPictographic)
      return false;                                               // GB11
    // GB12/13: RIs pair up left to right, so join only when an odd number
    // of RIs directly precede.
    if (cur == Gcb::RegionalIndicator && regional_run_ % 2 == 1) return false;
    return true;                                                  // GB999
  }

  void advance(Gcb value) {
    const Gcb cur = cluster_break(value);
    // GB9c needs "Consonant [Extend Linker]* Linker [Extend Linker]*" to end
    // right before the candidate.
    if (value == Gcb::IndicConsonant) {
      conjunct_ = Conjunct::kAfterConsonant;
    } else if (value == Gcb::IndicLinker && conjunct_ != Conjunct::kNone) {
      conjunct_ = Conjunct::kAfterLinker;
    } else if (!is_conjunct_extend(value)) {
      conjunct_ = Conjunct::kNone;
    }
    // GB11 needs "ExtPict Extend* ZWJ" to end right before the candidate.
    after_pictographic_zwj_ = cur == Gcb::ZWJ && in_pictographic_;
    in_pictographic_ = cur == Gcb::ExtendedPictographic ||
                       (cur == Gcb::Extend && in_pictographic_);
    regional_run_ = cur == Gcb::RegionalIndicator ? regional_run_ + 1 : 0;
    prev_ = cur;
  }

  enum class Conjunct { kNone, kAfterConsonant, kAfterLinker };

  Gcb prev_ = Gcb::Other;  // its Grapheme_Cluster_Break
  Conjunct conjunct_ = Conjunct::kNone;  // where the text so far stands in GB9c's pattern
  bool in_pictographic_ = false;         // text so far ends ExtPict Extend*
  bool after_pictographic_zwj_ = false;  // ... ends ExtPict Extend* ZWJ
  std::size_t regional_run_ = 0;         // RIs at the end of the text so far
};

}  // namespace

// ---------------------------------------------------------------------------
// Public API

std::u32string decode_utf8(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());  // never more code points than bytes
  while (!utf8.empty()) {
    const Decoded d = decode_one(utf8);
    out.push_back(d.code_point);
    utf8.remove_prefix(d.length);
  }
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp > kMaxCodePoint || is_surrogate(cp)) cp = kReplacement;
  const auto put = [&](char32_t bits) { out.push_back(static_cast<char>(bits)); };
  if (cp < 0x80) {
    put(cp);
  } else if (cp < 0x800) {
    put(0xC0 | (cp >> 6));
    put(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    put(0xE0 | (cp >> 12));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  } else {
    put(0xF0 | (cp >> 18));
    put(0x80 | ((cp >> 12) & 0x3F));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  }
}

std::string encode_utf8(std::u32string_view code_points) {
  std::string out;
  out.reserve(code_points.size());
  for (const char32_t cp : code_points) append_utf8(out, cp);
  return out;
}

bool is_valid_utf8(std::string_view utf8) {
  while (!utf8.empty()) {
    const Decoded d = decode_one(utf8);
    if (!d.ok) return false;
    utf8.remove_prefix(d.length);
  }
  return true;
}

std::vector<std::size_t> grapheme_boundaries(std::u32string_view text) {
  std::vector<std::size_t> out{0};
  if (text.empty()) return out;
  GraphemeBreaker breaker(text[0]);
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (breaker.break_before(text[i])) out.push_back(i);
  }
  out.push_back(text.size());  // GB2
  return out;
}

std::size_t count_graphemes(std::u32string_view text) {
  // Same walk as grapheme_boundaries, without the allocation.
  if (text.empty()) return 0;
  GraphemeBreaker breaker(text[0]);
  std::size_t count = 1;
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (breaker.break_before(text[i])) ++count;
  }
  return count;
}

bool is_extended_pictographic(char32_t cp) {
  return grapheme_property(cp) == Gcb::ExtendedPictographic;
}

bool is_emoji_modifier(char32_t cp) { return cp >= 0x1F3FB && cp <= 0x1F3FF; }

bool is_regional_indicator(char32_t cp) { return cp >= 0x1F1E6 && cp <= 0x1F1FF; }

bool is_white_space(char32_t cp) {
  const auto* it = std::upper_bound(std::begin(kWhiteSpaceBoundaries),
                                    std::end(kWhiteSpaceBoundaries), cp);
  return (it - std::begin(kWhiteSpaceBoundaries)) % 2 == 1;
}

namespace {

// A per-plane inversion list of the generator's (gen_unicode_tables.py):
// the code point has the property iff an odd number of its plane's
// boundaries are <= it. Each boundary is its distance from the one before
// (the first from the plane's start) in LEB128 bytes.
bool in_plane_list(const std::uint8_t* data, const std::uint16_t (&planes)[18], char32_t cp) {
  if (cp > 0x10FFFF) return false;
  char32_t boundary = cp & ~char32_t{0xFFFF};
  char32_t delta = 0;
  int shift = 0;
  bool inside = false;
  for (std::size_t at = planes[cp >> 16]; at < planes[(cp >> 16) + 1]; ++at) {
    delta |= static_cast<char32_t>(data[at] & 0x7F) << shift;
    shift += 7;
    if ((data[at] & 0x80) != 0) continue;
    boundary += delta;
    if (boundary > cp) break;
    inside = !inside;
    delta = 0;
    shift = 0;
  }
  return inside;
}

}  // namespace

bool is_letter_or_mark(char32_t cp) { return in_plane_list(kLetterOrMark, kLetterOrMarkPlanes, cp); }

bool is_decimal_digit(char32_t cp) { return in_plane_list(kDecimalDigit, kDecimalDigitPlanes, cp); }

}  // namespace sharelock::unicode

#include "sharelock/unicode.hpp"

#include <gtest/gtest.h>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <initializer_list>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#ifndef SHARELOCK_TEST_DATA_DIR
#error "the build must define SHARELOCK_TEST_DATA_DIR (path of tests/data)"
#endif

namespace {

using namespace sharelock::unicode;

constexpr char32_t R = 0xFFFD;  // replacement character, for brevity

// Builds a byte string from numeric bytes; avoids narrowing warnings and
// keeps embedded NULs.
std::string bytes(std::initializer_list<unsigned> values) {
  std::string out;
  for (unsigned v : values) out.push_back(static_cast<char>(v));
  return out;
}

// ---------------------------------------------------------------------------
// UTF-8 decoding

TEST(Utf8Decode, AsciiAndEmpty) {
  EXPECT_EQ(decode_utf8(""), U"");
  EXPECT_EQ(decode_utf8("abc"), U"abc");
  EXPECT_EQ(decode_utf8(std::string_view("a\0b", 3)), std::u32string(U"a\0b", 3));
}

TEST(Utf8Decode, WellFormedBoundaries) {
  // First and last code point of each length, and the edges around the
  // surrogate gap.
  EXPECT_EQ(decode_utf8(bytes({0x7F})), U"\u007F");
  EXPECT_EQ(decode_utf8(bytes({0xC2, 0x80})), U"\u0080");
  EXPECT_EQ(decode_utf8(bytes({0xDF, 0xBF})), U"\u07FF");
  EXPECT_EQ(decode_utf8(bytes({0xE0, 0xA0, 0x80})), U"\u0800");
  EXPECT_EQ(decode_utf8(bytes({0xED, 0x9F, 0xBF})), U"\uD7FF");
  EXPECT_EQ(decode_utf8(bytes({0xEE, 0x80, 0x80})), U"\uE000");
  EXPECT_EQ(decode_utf8(bytes({0xEF, 0xBF, 0xBF})), U"\uFFFF");
  EXPECT_EQ(decode_utf8(bytes({0xF0, 0x90, 0x80, 0x80})), U"\U00010000");
  EXPECT_EQ(decode_utf8(bytes({0xF4, 0x8F, 0xBF, 0xBF})), U"\U0010FFFF");
  EXPECT_EQ(decode_utf8("\xF0\x9F\x98\x80"), U"\U0001F600");
}

TEST(Utf8Decode, Overlongs) {
  // Each byte of an overlong form is its own maximal subpart: the lead
  // (C0/C1) is never valid, and E0/F0 reject the too-small second byte.
  EXPECT_EQ(decode_utf8(bytes({0xC0, 0x80})), (std::u32string{R, R}));
  EXPECT_EQ(decode_utf8(bytes({0xC1, 0xBF})), (std::u32string{R, R}));
  EXPECT_EQ(decode_utf8(bytes({0xE0, 0x80, 0x80})), (std::u32string{R, R, R}));
  EXPECT_EQ(decode_utf8(bytes({0xE0, 0x9F, 0xBF})), (std::u32string{R, R, R}));
  EXPECT_EQ(decode_utf8(bytes({0xF0, 0x80, 0x80, 0x80})),
            (std::u32string{R, R, R, R}));
  EXPECT_EQ(decode_utf8(bytes({0xF0, 0x8F, 0xBF, 0xBF})),
            (std::u32string{R, R, R, R}));
  // Overlong '/' (the classic path-traversal trick) must not become '/'.
  EXPECT_EQ(decode_utf8(bytes({0xC0, 0xAF})), (std::u32string{R, R}));
}

TEST(Utf8Decode, SurrogatesAndOutOfRange) {
  EXPECT_EQ(decode_utf8(bytes({0xED, 0xA0, 0x80})), (std::u32string{R, R, R}));
  EXPECT_EQ(decode_utf8(bytes({0xED, 0xBF, 0xBF})), (std::u32string{R, R, R}));
  // A CESU-8 style surrogate pair is six errors, not one code point.
  EXPECT_EQ(decode_utf8(bytes({0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80})),
            std::u32string(6, R));
  EXPECT_EQ(decode_utf8(bytes({0xF4, 0x90, 0x80, 0x80})),
            (std::u32string{R, R, R, R}));
  EXPECT_EQ(decode_utf8(bytes({0xF5, 0x80, 0x80, 0x80})),
            (std::u32string{R, R, R, R}));
  EXPECT_EQ(decode_utf8(bytes({0xFE, 0xFF})), (std::u32string{R, R}));
}

TEST(Utf8Decode, Truncated) {
  // A valid prefix cut short is one maximal subpart → one U+FFFD.
  EXPECT_EQ(decode_utf8(bytes({0xC3})), (std::u32string{R}));
  EXPECT_EQ(decode_utf8(bytes({0xE2, 0x82})), (std::u32string{R}));
  EXPECT_EQ(decode_utf8(bytes({0xF0, 0x9F, 0x98})), (std::u32string{R}));
  EXPECT_EQ(decode_utf8(bytes({0x61, 0xF0, 0x9F, 0x98, 0x62})), (std::u32string{U'a', R, U'b'}));
  // The byte that breaks the sequence is re-read as the start of the next.
  EXPECT_EQ(decode_utf8(bytes({0xE2, 0x82, 0xC3, 0xA9})), (std::u32string{R, U'\u00E9'}));
  EXPECT_EQ(decode_utf8(bytes({0x80})), (std::u32string{R}));
  EXPECT_EQ(decode_utf8(bytes({0x80, 0x80, 0x80})), (std::u32string{R, R, R}));
}

// The examples of "U+FFFD Substitution of Maximal Subparts", Unicode 15.0
// core specification section 3.9, Tables 3-8 to 3-11.
TEST(Utf8Decode, MaximalSubpartsFromTheStandard) {
  EXPECT_EQ(decode_utf8(bytes({0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62,
                               0x80, 0x63, 0x80, 0xBF, 0x64})),
            (std::u32string{U'a', R, R, R, U'b', R, U'c', R, R, U'd'}));
  EXPECT_EQ(decode_utf8(bytes({0xC0, 0xAF, 0xE0, 0x80, 0xBF, 0xF0, 0x81, 0x82, 0x41})),
            std::u32string(8, R) + U"A");
  EXPECT_EQ(decode_utf8(bytes({0xED, 0xA0, 0x80, 0xED, 0xBF, 0xBF, 0xED, 0xAF, 0x41})),
            std::u32string(8, R) + U"A");
  EXPECT_EQ(decode_utf8(bytes({0xF4, 0x91, 0x92, 0x93, 0xFF, 0x41, 0x80, 0xBF, 0x42})),
            (std::u32string{R, R, R, R, R, U'A', R, R, U'B'}));
  EXPECT_EQ(decode_utf8(bytes({0xE1, 0x80, 0xE2, 0xF0, 0x91, 0x92, 0xF1, 0xBF, 0x41})),
            (std::u32string{R, R, R, R, U'A'}));
}

TEST(Utf8Validate, AcceptsWellFormedRejectsIllFormed) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9 \xF0\x9F\x98\x80"));
  // A literal U+FFFD is well formed; only decoding errors make text invalid.
  EXPECT_TRUE(is_valid_utf8("\xEF\xBF\xBD"));
  EXPECT_FALSE(is_valid_utf8(bytes({0xC0, 0x80})));
  EXPECT_FALSE(is_valid_utf8(bytes({0xED, 0xA0, 0x80})));
  EXPECT_FALSE(is_valid_utf8(bytes({0xF4, 0x90, 0x80, 0x80})));
  EXPECT_FALSE(is_valid_utf8(bytes({0x61, 0xE2, 0x82})));
  EXPECT_FALSE(is_valid_utf8(bytes({0xFF})));
}

// ---------------------------------------------------------------------------
// UTF-8 encoding

TEST(Utf8Encode, Lengths) {
  EXPECT_EQ(encode_utf8(U"A"), "A");
  EXPECT_EQ(encode_utf8(U"\u00E9"), "\xC3\xA9");
  EXPECT_EQ(encode_utf8(U"\u20AC"), "\xE2\x82\xAC");
  EXPECT_EQ(encode_utf8(U"\U0001F600"), "\xF0\x9F\x98\x80");
  EXPECT_EQ(encode_utf8(U"\U0010FFFF"), "\xF4\x8F\xBF\xBF");
  EXPECT_EQ(encode_utf8(std::u32string(1, U'\0')), std::string(1, '\0'));
}

TEST(Utf8Encode, InvalidScalarsBecomeReplacement) {
  const std::string replacement = "\xEF\xBF\xBD";
  EXPECT_EQ(encode_utf8(std::u32string{char32_t{0xD800}}), replacement);
  EXPECT_EQ(encode_utf8(std::u32string{char32_t{0xDFFF}}), replacement);
  EXPECT_EQ(encode_utf8(std::u32string{char32_t{0x110000}}), replacement);
  EXPECT_EQ(encode_utf8(std::u32string{char32_t{0xFFFFFFFF}}), replacement);

  std::string out = "x";
  append_utf8(out, 0x1F44D);
  EXPECT_EQ(out, "x\xF0\x9F\x91\x8D");
}

TEST(Utf8RoundTrip, EveryScalarValue) {
  // All 1,112,064 scalar values survive encode → validate → decode.
  std::u32string all;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp < 0xD800 || cp > 0xDFFF) all.push_back(cp);
  }
  const std::string utf8 = encode_utf8(all);
  EXPECT_TRUE(is_valid_utf8(utf8));
  EXPECT_EQ(decode_utf8(utf8), all);
}

TEST(Utf8RoundTrip, IllFormedInputReencodesAsValid) {
  const std::string bad = bytes({0x61, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xF0, 0x9F});
  const std::string fixed = encode_utf8(decode_utf8(bad));
  EXPECT_TRUE(is_valid_utf8(fixed));
  EXPECT_EQ(decode_utf8(fixed), decode_utf8(bad));
}

// ---------------------------------------------------------------------------
// Properties

TEST(Properties, WhiteSpace) {
  for (char32_t cp : {U'\t', U'\n', U'\v', U'\f', U'\r', U' ', U'\u0085',
                      U'\u00A0', U'\u1680', U'\u2000', U'\u200A', U'\u2028',
                      U'\u2029', U'\u202F', U'\u205F', U'\u3000'}) {
    EXPECT_TRUE(is_white_space(cp)) << std::hex << static_cast<unsigned>(cp);
  }
  // Zero-width space, BOM and Mongolian vowel separator are not White_Space.
  for (char32_t cp : {U'\0', U'\u0008', U'\u000E', U'!', U'a', U'\u200B',
                      U'\u180E', U'\uFEFF', U'\u3001', U'\U0001F600',
                      char32_t{0x10FFFF}, char32_t{0x110000}}) {
    EXPECT_FALSE(is_white_space(cp)) << std::hex << static_cast<unsigned>(cp);
  }
}

TEST(Properties, ExtendedPictographic) {
  EXPECT_TRUE(is_extended_pictographic(0x00A9));   // ©
  EXPECT_TRUE(is_extended_pictographic(0x203C));   // ‼
  EXPECT_TRUE(is_extended_pictographic(0x2764));   // ❤
  EXPECT_TRUE(is_extended_pictographic(0x1F600));  // 😀
  EXPECT_TRUE(is_extended_pictographic(0x1FAF8));  // new in 15.0
  EXPECT_TRUE(is_extended_pictographic(0x1FFFD));  // reserved, but ExtPict
  EXPECT_FALSE(is_extended_pictographic(U'1'));    // keycap base is not
  EXPECT_FALSE(is_extended_pictographic(U'a'));
  EXPECT_FALSE(is_extended_pictographic(0x1F1E6));  // regional indicator
  EXPECT_FALSE(is_extended_pictographic(0x1F3FB));  // skin tone modifier
  EXPECT_FALSE(is_extended_pictographic(0x110000));
}

TEST(Properties, EmojiModifierAndRegionalIndicator) {
  EXPECT_FALSE(is_emoji_modifier(0x1F3FA));
  EXPECT_TRUE(is_emoji_modifier(0x1F3FB));
  EXPECT_TRUE(is_emoji_modifier(0x1F3FF));
  EXPECT_FALSE(is_emoji_modifier(0x1F400));
  EXPECT_FALSE(is_regional_indicator(0x1F1E5));
  EXPECT_TRUE(is_regional_indicator(0x1F1E6));
  EXPECT_TRUE(is_regional_indicator(0x1F1FF));
  EXPECT_FALSE(is_regional_indicator(0x1F200));
}

// ---------------------------------------------------------------------------
// Grapheme clusters: hand-picked cases

TEST(Graphemes, Empty) {
  EXPECT_EQ(grapheme_boundaries(U""), (std::vector<std::size_t>{0}));
  EXPECT_EQ(count_graphemes(U""), 0u);
}

TEST(Graphemes, FamilyZwjSequenceIsOne) {
  // 👨‍👩‍👧‍👦 man ZWJ woman ZWJ girl ZWJ boy (GB9 + GB11).
  EXPECT_EQ(count_graphemes(U"\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"), 1u);
  // With skin tones (Extend) before each ZWJ: 👩🏽‍💻.
  EXPECT_EQ(count_graphemes(U"\U0001F469\U0001F3FD\u200D\U0001F4BB"), 1u);
  // ZWJ after a non-pictographic does not glue the next emoji (GB11 only).
  EXPECT_EQ(count_graphemes(U"a\u200D\U0001F466"), 2u);
}

TEST(Graphemes, FlagPairs) {
  // 🇺🇸🇬🇧 → two flags, split exactly between the pairs (GB12/13).
  EXPECT_EQ(grapheme_boundaries(U"\U0001F1FA\U0001F1F8\U0001F1EC\U0001F1E7"),
            (std::vector<std::size_t>{0, 2, 4}));
  EXPECT_EQ(count_graphemes(U"\U0001F1EB\U0001F1F7"), 1u);
}

TEST(Graphemes, ThreeRegionalIndicatorsAreTwo) {
  EXPECT_EQ(grapheme_boundaries(U"\U0001F1E6\U0001F1E7\U0001F1E8"),
            (std::vector<std::size_t>{0, 2, 3}));
  EXPECT_EQ(count_graphemes(U"\U0001F1E6\U0001F1E7\U0001F1E8"), 2u);
  // A non-RI resets the pairing.
  EXPECT_EQ(count_graphemes(U"\U0001F1E6x\U0001F1E7\U0001F1E8"), 3u);
}

TEST(Graphemes, CombiningAccentIsOne) {
  EXPECT_EQ(count_graphemes(U"e\u0301"), 1u);
  EXPECT_EQ(grapheme_boundaries(U"e\u0301x"), (std::vector<std::size_t>{0, 2, 3}));
}

TEST(Graphemes, HangulJamo) {
  EXPECT_EQ(count_graphemes(U"\u1100\u1161\u11A8"), 1u);  // L V T
  EXPECT_EQ(count_graphemes(U"\uAC00\u11A8"), 1u);        // LV T (가 + ㄱ)
  EXPECT_EQ(count_graphemes(U"\uAC01\u11A8"), 1u);        // LVT T
  EXPECT_EQ(count_graphemes(U"\uAC01\u1161"), 2u);        // LVT ÷ V
  EXPECT_EQ(count_graphemes(U"\uD7A3\u1161"), 2u);        // last syllable, LVT
  EXPECT_EQ(count_graphemes(U"\uD788\u1161"), 1u);        // last LV syllable
}

TEST(Graphemes, CrLfIsOne) {
  EXPECT_EQ(count_graphemes(U"\r\n"), 1u);
  EXPECT_EQ(grapheme_boundaries(U"a\r\nb"), (std::vector<std::size_t>{0, 1, 3, 4}));
  EXPECT_EQ(count_graphemes(U"\n\r"), 2u);
  EXPECT_EQ(count_graphemes(U"\r\u0301"), 2u);  // GB4 beats GB9
}

TEST(Graphemes, KeycapIsOne) {
  EXPECT_EQ(count_graphemes(U"1\uFE0F\u20E3"), 1u);  // 1️⃣
}

TEST(Graphemes, PrependAndSpacingMark) {
  EXPECT_EQ(count_graphemes(U"\u0600a"), 1u);        // GB9b
  EXPECT_EQ(count_graphemes(U"\u0915\u093F"), 1u);   // क + ि (GB9a)
}

// GB9c (Unicode 15.1): a consonant, a virama that links, and the next
// consonant are one cluster, as Bluesky's client and the browsers count.
TEST(Graphemes, IndicConjunctsAreOne) {
  EXPECT_EQ(count_graphemes(U"\u0915\u094D\u0937"), 1u);  // क्ष
  // क्षत्रिय: क्ष, त्रि, य
  EXPECT_EQ(count_graphemes(U"\u0915\u094D\u0937\u0924\u094D\u0930\u093F\u092F"), 3u);
  // ক্ষমা (Bengali): ক্ষ, মা
  EXPECT_EQ(count_graphemes(U"\u0995\u09CD\u09B7\u09AE\u09BE"), 2u);
  // A nukta or a ZWJ between them keeps the conjunct; a ZWNJ (Extend, not
  // InCB=Extend) ends it, and so does a virama with nothing before it.
  EXPECT_EQ(count_graphemes(U"\u0915\u093C\u094D\u0937"), 1u);
  EXPECT_EQ(count_graphemes(U"\u0915\u094D\u200D\u0937"), 1u);
  EXPECT_EQ(count_graphemes(U"\u0915\u094D\u200C\u0937"), 2u);
  EXPECT_EQ(count_graphemes(U"a\u094D\u0937"), 2u);
  // Tamil's virama is no InCB Linker: two clusters.
  EXPECT_EQ(count_graphemes(U"\u0B95\u0BCD\u0BB7"), 2u);
}

// ---------------------------------------------------------------------------
// Grapheme clusters: the official UAX #29 conformance file

struct BreakCase {
  int line = 0;
  std::u32string text;
  std::vector<std::size_t> boundaries;
  std::string source;
};

// Lines look like "÷ 0020 × 0308 ÷\t# comment": ÷ marks a boundary, × none.
bool parse_break_case(const std::string& raw, BreakCase& out) {
  std::istringstream fields(raw.substr(0, raw.find('#')));
  std::string token;
  bool any = false;
  while (fields >> token) {
    any = true;
    if (token == "\xC3\xB7") {  // ÷
      out.boundaries.push_back(out.text.size());
    } else if (token == "\xC3\x97") {  // ×
    } else {
      std::uint32_t cp = 0;
      const char* end = token.data() + token.size();
      const auto [ptr, ec] = std::from_chars(token.data(), end, cp, 16);
      if (ec != std::errc() || ptr != end || cp > 0x10FFFF) return false;
      out.text.push_back(static_cast<char32_t>(cp));
    }
  }
  return any && !out.text.empty();
}

TEST(GraphemeBreakTest, OfficialConformanceFile) {
  const std::string path =
      std::string(SHARELOCK_TEST_DATA_DIR) + "/GraphemeBreakTest.txt";
  std::ifstream file(path);
  ASSERT_TRUE(file) << "cannot open " << path;

  std::vector<BreakCase> cases;
  std::string raw;
  for (int line = 1; std::getline(file, raw); ++line) {
    if (raw.find_first_not_of(" \t\r") == std::string::npos || raw[0] == '#') continue;
    BreakCase c;
    c.line = line;
    c.source = raw;
    if (!parse_break_case(raw, c)) {
      ADD_FAILURE() << path << ":" << line << ": cannot parse: " << raw;
      continue;
    }
    cases.push_back(std::move(c));
  }
  ASSERT_GT(cases.size(), 0u) << "no test cases parsed from " << path;

  std::size_t passed = 0;
  for (const BreakCase& c : cases) {
    const std::vector<std::size_t> got = grapheme_boundaries(c.text);
    EXPECT_EQ(got, c.boundaries) << path << ":" << c.line << ": " << c.source;
    EXPECT_EQ(count_graphemes(c.text), c.boundaries.size() - 1)
        << path << ":" << c.line;
    if (got == c.boundaries) ++passed;
  }
  std::cout << "[          ] GraphemeBreakTest.txt: " << passed << "/"
            << cases.size() << " cases passed\n";
  RecordProperty("cases", static_cast<int>(cases.size()));
  RecordProperty("passed", static_cast<int>(passed));
}

}  // namespace

// Unicode primitives the post-length rules need: UTF-8 decoding, extended
// grapheme clusters (UAX #29) and the emoji properties X's counter uses.
// Tables are generated from the Unicode Character Database by
// tools/gen_unicode_tables.py into core/src/unicode_data.inc.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sharelock::unicode {

// The Unicode version the generated tables come from.
inline constexpr std::string_view kUnicodeVersion = "17.0.0";

// Decodes UTF-8. Never fails: each maximal ill-formed subsequence becomes one
// U+FFFD, as the WHATWG Encoding standard and ICU do.
std::u32string decode_utf8(std::string_view utf8);

// Encodes code points as UTF-8; surrogates and values above U+10FFFF are
// written as U+FFFD.
std::string encode_utf8(std::u32string_view code_points);
void append_utf8(std::string& out, char32_t code_point);

bool is_valid_utf8(std::string_view utf8);

// Extended grapheme cluster boundaries (UAX #29, rules GB1–GB999).
// The result starts with 0, ends with text.size() (for non-empty text) and
// lists every index in between where a cluster starts. Empty text → {0}.
std::vector<std::size_t> grapheme_boundaries(std::u32string_view text);
std::size_t count_graphemes(std::u32string_view text);

bool is_extended_pictographic(char32_t code_point);
bool is_emoji_modifier(char32_t code_point);       // U+1F3FB..U+1F3FF
bool is_regional_indicator(char32_t code_point);   // U+1F1E6..U+1F1FF
// Unicode White_Space property.
bool is_white_space(char32_t code_point);
// General_Category L (letters) or M (marks), and Nd (decimal digits).
bool is_letter_or_mark(char32_t code_point);
bool is_decimal_digit(char32_t code_point);

}  // namespace sharelock::unicode

// The character classes of twitter-text's link expressions (src/regexp/
// *.js, named at each), for x_links.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sharelock/post_length.hpp"
#include "sharelock/x_links.hpp"

namespace sharelock::x_links::characters {

inline bool is_ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_alnum(char32_t c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline char32_t ascii_lower(char32_t c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

// Whether `text` holds `lower` (in lower case) at `at`, ASCII letters in
// either case: the `i` flag of twitter-text's expressions.
inline bool has_ignoring_case(std::u32string_view text, std::size_t at, std::u32string_view lower) {
  if (at > text.size() || text.size() - at < lower.size()) return false;
  for (std::size_t i = 0; i < lower.size(); ++i) {
    if (ascii_lower(text[at + i]) != lower[i]) return false;
  }
  return true;
}

// A set of ASCII characters as two bit masks: every character of a text is
// tested against several, so a test must cost a shift, not a search.
class AsciiSet {
 public:
  constexpr explicit AsciiSet(std::string_view members) {
    for (const char c : members) (c < 64 ? low_ : high_) |= std::uint64_t{1} << (c % 64);
  }
  constexpr bool has(char32_t c) const {
    return c < 128 && (((c < 64 ? low_ : high_) >> (c % 64)) & 1) != 0;
  }

 private:
  std::uint64_t low_ = 0;
  std::uint64_t high_ = 0;
};

constexpr AsciiSet kPunctuation("!'#%&()*+,\\-./:;<=>?@[]^_{|}~$");  // punct.js: not '"', '`'
constexpr AsciiSet kPathSymbols("!*';:=+,.$/%#[]-_~@|&");
constexpr AsciiSet kPathEndSymbols("+-=_#/");
constexpr AsciiSet kQuerySymbols("!?*'@();:&=+$/%#[]-_.,~|");
constexpr AsciiSet kQueryEndSymbols("-_&=#/");
constexpr AsciiSet kNoLinkAfter("-_./");  // invalidUrlWithoutProtocolPrecedingChars

// spaces.js
inline bool is_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         c == 0x180E || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

// validDomainChars: anything but punct.js (ASCII punctuation without '"'
// and '`'), spaces, invalid characters and directional marks.
inline bool is_host_char(char32_t c) {
  return !kPunctuation.has(c) && !is_space(c) && !post_length::is_refused_by_x(c) &&
         !is_directional_mark(c);
}

// latinAccentChars.js
inline bool is_latin_accent(char32_t c) {
  return (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x24F) ||
         c == 0x253 || c == 0x254 || c == 0x256 || c == 0x257 || c == 0x259 || c == 0x25B ||
         c == 0x263 || c == 0x268 || c == 0x26F || c == 0x272 || c == 0x289 || c == 0x28B ||
         c == 0x2BB || (c >= 0x300 && c <= 0x36F) || (c >= 0x1E00 && c <= 0x1EFF);
}

// Latin and Cyrillic letters (cyrillicLettersAndMarks.js), digits: what
// every part of a path may hold and end with.
inline bool is_path_letter(char32_t c) {
  return is_ascii_alnum(c) || (c >= 0x400 && c <= 0x4FF) || is_latin_accent(c);
}
// validGeneralUrlPathChars
inline bool is_path_char(char32_t c) {
  return is_path_letter(c) || c == 0x2013 || kPathSymbols.has(c);
}
// validUrlPathEndingChars, without its balanced parentheses
inline bool is_path_end_char(char32_t c) { return is_path_letter(c) || kPathEndSymbols.has(c); }
// validUrlQueryChars, validUrlQueryEndingChars
inline bool is_query_char(char32_t c) { return is_ascii_alnum(c) || kQuerySymbols.has(c); }
inline bool is_query_end_char(char32_t c) { return is_ascii_alnum(c) || kQueryEndSymbols.has(c); }
// validAsciiDomain's labels
inline bool is_ascii_host_char(char32_t c) {
  return is_ascii_alnum(c) || c == '-' || is_latin_accent(c);
}

// What may not follow a listed top-level domain (validGTLD, validCCTLD).
inline bool continues_tld(char32_t c) {
  return is_ascii_alnum(c) || c == '@' || c == '+' || c == '-';
}

}  // namespace sharelock::x_links::characters

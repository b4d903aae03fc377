#include "sharelock/text_fit.hpp"

#include <optional>

#include "sharelock/unicode.hpp"

namespace sharelock {
namespace {

constexpr std::size_t kMaxHashtagBytes = 100;

// X's hashtag characters beyond letters, marks and digits (twitter-text's
// hashtagSpecialChars: '_', ZWNJ and ZWJ, the Hebrew geresh, gershayim and
// maqaf, the Japanese wave dash, (semi-)voiced sound marks, double hyphen
// and middle dot, ditto mark, Tibetan tsheg, Cyrillic kavyka, middle dot).
bool is_hashtag_joiner(char32_t c) {
  return c == '_' || c == 0x200C || c == 0x200D || c == 0xA67E || c == 0x05BE || c == 0x05F3 ||
         c == 0x05F4 || c == 0xFF5E || c == 0x301C || c == 0x309B || c == 0x309C || c == 0x30A0 ||
         c == 0x30FB || c == 0x3003 || c == 0x0F0B || c == 0x0F0C || c == 0xB7;
}

enum class TagCharacter { kLetterOrMark, kDigit, kOther, kUnknown };

TagCharacter classify_with_tables(char32_t c) {
  if (unicode::is_letter_or_mark(c)) return TagCharacter::kLetterOrMark;
  if (unicode::is_decimal_digit(c)) return TagCharacter::kDigit;
  return TagCharacter::kOther;
}

// Without the tables only ASCII is known.
TagCharacter classify_ascii(char32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return TagCharacter::kLetterOrMark;
  if (c >= '0' && c <= '9') return TagCharacter::kDigit;
  return c < 0x80 ? TagCharacter::kOther : TagCharacter::kUnknown;
}

// A hashtag as X links it (twitter-text's validHashtag): letters, marks,
// decimal digits (General_Category L, M, Nd) and X's joiners, with at least
// one letter or mark ("#12345" links nothing), not starting with an emoji's
// selector or keycap mark. Mastodon and Bluesky link letters, marks,
// digits, '_' and '·' alike; on them a tag with another of X's joiners
// (ZWJ, '・', '〜', …) may link only up to it. nullopt: `classify` did not
// know a character.
template <typename Classify>
std::optional<bool> hashtag_validity(std::string_view tag, Classify classify) {
  if (tag.empty() || tag.size() > kMaxHashtagBytes || !unicode::is_valid_utf8(tag)) return false;
  const std::u32string code_points = unicode::decode_utf8(tag);
  if (code_points.front() == 0xFE0F || code_points.front() == 0x20E3) return false;
  bool has_letter = false;
  bool unknown = false;
  for (const char32_t c : code_points) {
    const TagCharacter kind = classify(c);
    if (kind == TagCharacter::kLetterOrMark) {
      has_letter = true;
    } else if (kind == TagCharacter::kUnknown) {
      unknown = true;
    } else if (kind == TagCharacter::kOther && !is_hashtag_joiner(c)) {
      return false;
    }
  }
  if (unknown) return std::nullopt;
  return has_letter;
}

}  // namespace

// The rules of both fitters (TextFitter's friend).
struct TextFitRules {
  static TextFit exact_fit(TextFitter&, std::string_view text, std::span<const std::string> rest, std::size_t limit,
                           post_length::Measure how) {
    std::size_t fixed = 0;
    for (const std::string& part : rest) fixed += post_length::measure(part, how);
    const std::size_t budget = fixed >= limit ? 0 : limit - fixed;
    TextFit fit;
    fit.text = post_length::shorten(text, budget, how);
    fit.shortened = fit.text != text;
    // Without text, the separating space of the rest is not needed either.
    fit.fits = text.empty() ? fixed <= limit + 1 : !fit.text.empty();
    return fit;
  }

  static bool exact_hashtag(TextFitter&, std::string_view tag) {
    return *hashtag_validity(tag, classify_with_tables);
  }

  // The exact rules measure at most what measure_bound says, so when the
  // bound fits, they too leave the text as it is: the same answer.
  static TextFit bounded_fit(TextFitter& fitter, std::string_view text, std::span<const std::string> rest,
                             std::size_t limit, post_length::Measure how) {
    std::size_t fixed = 0;
    for (const std::string& part : rest) fixed += post_length::measure_bound(part, how);
    const bool settled = text.empty() ? fixed <= limit + 1
                                      : fixed < limit && post_length::measure_bound(text, how) <= limit - fixed;
    if (!settled) fitter.undecided_ = true;
    return {std::string(text), false, true};
  }

  static bool bounded_hashtag(TextFitter& fitter, std::string_view tag) {
    const std::optional<bool> valid = hashtag_validity(tag, classify_ascii);
    if (!valid) fitter.undecided_ = true;
    return valid.value_or(true);
  }
};

TextFitter TextFitter::exact() { return {&TextFitRules::exact_fit, &TextFitRules::exact_hashtag}; }

TextFitter TextFitter::bounded() { return {&TextFitRules::bounded_fit, &TextFitRules::bounded_hashtag}; }

}  // namespace sharelock

// Post-length rules on any text (valid UTF-8 or not): X's weighted length,
// graphemes, and shorten(), whose result must fit the budget it was given
// and leave text that already fits untouched; the links X finds lie in the
// text, in order, apart. The first byte picks the budget, the rest is the
// text.
#include "sharelock/post_length.hpp"
#include "sharelock/unicode.hpp"
#include "sharelock/x_links.hpp"

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sharelock;
  if (size == 0) return 0;
  const std::size_t budget = data[0];
  const std::string_view text = fuzz::as_text(data + 1, size - 1);

  for (const auto how : {post_length::Measure::kXWeighted, post_length::Measure::kGraphemes}) {
    const std::size_t length = post_length::measure(text, how);
    const std::string shortened = post_length::shorten(text, budget, how);
    if (length <= budget) {
      fuzz::check(shortened == text, "text that fits was changed", shortened);
    } else {
      const std::size_t after = post_length::measure(shortened, how);
      fuzz::check(after <= budget, "shortened text is over its budget",
                  std::to_string(after) + " > " + std::to_string(budget) + ": " + shortened);
      fuzz::check(after < length, "shortened text is not shorter", shortened);
    }
    if (unicode::is_valid_utf8(text)) fuzz::check(unicode::is_valid_utf8(shortened), "shorten broke UTF-8", shortened);
  }
  fuzz::check(post_length::grapheme_length(text) <= text.size(), "more graphemes than bytes");
  const std::u32string code_points = unicode::decode_utf8(text);
  std::size_t previous_end = 0;
  for (const x_links::Link link : x_links::find(code_points)) {
    fuzz::check(previous_end <= link.begin && link.begin < link.end && link.end <= code_points.size(),
                "a link outside the text, empty, or overlapping the one before",
                std::to_string(link.begin) + ".." + std::to_string(link.end));
    previous_end = link.end;
  }
  return 0;
}

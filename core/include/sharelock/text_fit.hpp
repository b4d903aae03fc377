// How a share fits its text into a post: exactly, by post_length's rules
// (which need the Unicode and top-level-domain tables), or by upper bounds
// that need none of them, which is what lets the share bar's small module
// leave those tables out (docs/ABI.md). A bound settles the common case —
// a text that fits as it is — with the very answer the exact rules give;
// when it cannot, the fitter is `undecided()` and its answers are not to
// be used: the caller asks the exact rules instead.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "sharelock/post_length.hpp"

namespace sharelock {

// `text` as a post of at most `limit` carries it.
struct TextFit {
  std::string text;        // shortened if it had to be
  bool shortened = false;
  bool fits = true;        // false: not even the rest of the post fits
};

class TextFitter {
 public:
  // `text` in a post whose other parts (the link, hashtags, "via @…", each
  // with the space before it, each measured on its own) are `rest`.
  virtual TextFit fit(std::string_view text, std::span<const std::string> rest, std::size_t limit,
                      post_length::Measure how) = 0;
  // Whether X links `tag` (without '#') as a hashtag.
  virtual bool is_valid_hashtag(std::string_view tag) = 0;
  // A bound could not settle some answer: none of them is to be used.
  bool undecided() const { return undecided_; }

 protected:
  ~TextFitter() = default;
  bool undecided_ = false;
};

// post_length's rules and the Unicode tables: never undecided.
class ExactTextFitter final : public TextFitter {
 public:
  TextFit fit(std::string_view text, std::span<const std::string> rest, std::size_t limit,
              post_length::Measure how) override;
  bool is_valid_hashtag(std::string_view tag) override;
};

// post_length::measure_bound and ASCII: decides a text that fits as it is
// and an ASCII hashtag; anything else leaves it undecided.
class BoundedTextFitter final : public TextFitter {
 public:
  TextFit fit(std::string_view text, std::span<const std::string> rest, std::size_t limit,
              post_length::Measure how) override;
  bool is_valid_hashtag(std::string_view tag) override;
};

}  // namespace sharelock

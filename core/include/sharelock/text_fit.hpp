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

// A fitter holds its rules as plain function pointers rather than virtual
// functions: only the rules of the fitter a module makes are linked into
// it, and the core stays free of RTTI (which the sanitizer build would ask
// for).
class TextFitter {
 public:
  // post_length's rules and the Unicode tables: never undecided.
  static TextFitter exact();
  // post_length::measure_bound and ASCII: decides a text that fits as it
  // is and an ASCII hashtag; anything else leaves it undecided.
  static TextFitter bounded();

  // `text` in a post whose other parts (the link, hashtags, "via @…", each
  // with the space before it, each measured on its own) are `rest`.
  TextFit fit(std::string_view text, std::span<const std::string> rest, std::size_t limit, post_length::Measure how) {
    return fit_(*this, text, rest, limit, how);
  }
  // Whether X links `tag` (without '#') as a hashtag.
  bool is_valid_hashtag(std::string_view tag) { return hashtag_(*this, tag); }
  // A bound could not settle some answer: none of them is to be used.
  bool undecided() const { return undecided_; }

 private:
  friend struct TextFitRules;  // text_fit.cpp
  using FitRule = TextFit (*)(TextFitter&, std::string_view, std::span<const std::string>, std::size_t,
                              post_length::Measure);
  using HashtagRule = bool (*)(TextFitter&, std::string_view);
  TextFitter(FitRule fit_rule, HashtagRule hashtag_rule) : fit_(fit_rule), hashtag_(hashtag_rule) {}

  FitRule fit_;
  HashtagRule hashtag_;
  bool undecided_ = false;
};

}  // namespace sharelock

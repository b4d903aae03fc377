// How long a post is, as each network counts it, and how to shorten the
// shopper-facing text so that a share never lands over the limit.
//
// Input text must be in Unicode Normalization Form C. The shim normalises
// every string with String.prototype.normalize("NFC") before it reaches the
// core (the browser's and Node's ICU do it; shipping composition tables in
// the wasm would cost more than the rest of the share bar).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sharelock::post_length {

// X: 280 weighted characters; every URL counts 23 (t.co); code points in
// U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F, U+2032–U+2037 weigh 1, all
// others 2; an emoji, however many code points it has, weighs 2.
inline constexpr std::size_t kXLimit = 280;
inline constexpr std::size_t kXUrlWeight = 23;
// Bluesky: 300 extended grapheme clusters.
inline constexpr std::size_t kBlueskyLimit = 300;
// Mastodon's default: 500 grapheme clusters, every URL counted as 23
// (app/validators/status_length_validator.rb). Instances may allow more.
inline constexpr std::size_t kMastodonLimit = 500;
// Threads: 500 characters, "emojis are counted as the number of UTF-8
// bytes" (developers.facebook.com/documentation/threads/posts). Characters
// are counted as code points, which is never fewer than Threads counts;
// links count in full (Threads does not shorten them).
inline constexpr std::size_t kThreadsLimit = 500;

enum class Measure {
  kXWeighted,  // as X counts
  kGraphemes,  // user-perceived characters, as Bluesky counts
  kMastodon,   // graphemes, URLs as 23
  kThreads,    // code points, an emoji as its UTF-8 bytes, URLs in full
};

std::size_t x_weighted_length(std::string_view utf8);
std::size_t grapheme_length(std::string_view utf8);
std::size_t mastodon_length(std::string_view utf8);
std::size_t threads_length(std::string_view utf8);
std::size_t measure(std::string_view utf8, Measure how);

// An upper bound of measure(utf8, how) that needs none of the Unicode or
// top-level-domain tables (so a module can do without them: text_fit.hpp):
// every character at its greatest weight (X's weight of each code point;
// a code point per grapheme; Threads' UTF-8 bytes), plus 23 for every place
// a link weighed 23 might start from (each '.' on X: X links only hosts
// with a dot; each ':' on Mastodon: only "http(s)://"). Far from exact for
// long text, equal for short plain text.
std::size_t measure_bound(std::string_view utf8, Measure how);

// Characters X refuses in a post, whatever else it holds (twitter-text's
// invalid characters: U+FFFE, U+FEFF — a byte-order mark a copy and paste
// can bring along — and U+FFFF). The first one in `utf8`, if any.
bool is_refused_by_x(char32_t code_point);
std::optional<char32_t> first_refused_by_x(std::string_view utf8);
// `utf8` without them (for text the page gave, not the site owner).
std::string without_refused_by_x(std::string_view utf8);

// Whether `text` carries `link` as a link of its own: not as the start of a
// longer URL ("…/ebook-other", "…/ebook/2", "…/ebook.html"). The link may
// go on with its own query or fragment ('?', '#': the same page, say with
// UTM tags) and be followed by white space, the end, or closing
// punctuation that ends the text or a word (X and Mastodon leave ".", ")"
// and the like out of a link).
bool mentions_link(std::string_view text, std::string_view link);

// Shortens `text` so that measure(result) <= budget: cuts at the last word
// boundary that fits (inside a single over-long word, at a grapheme
// boundary), drops trailing white space and appends "…". Never splits a
// grapheme cluster or a URL. Text that fits is returned unchanged.
std::string shorten(std::string_view text, std::size_t budget, Measure how);

}  // namespace sharelock::post_length

// What every widget reads, as typed values: the element's attributes (each
// present or not, as the DOM has them), facts about the page, and the
// content to share that they describe. No JSON here: the browser's share-bar
// module is built from this and the share rules alone (docs/ABI.md), and the
// JSON-facing widgets convert into these types (widget_request.hpp), so every
// widget applies exactly the same rules.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sharelock/error.hpp"
#include "sharelock/messages.hpp"
#include "sharelock/share_links.hpp"
#include "sharelock/text_fit.hpp"

namespace sharelock {

// One attribute of an element: an absent attribute and an empty one differ
// (text="" shares no text; no text attribute shares the page's title).
struct AttributeValue {
  bool present = false;
  std::string value;
};

// One attribute the element has, as the DOM has it; an absent attribute is
// not in the list. The widgets whose attributes vary most (pay, countdown,
// proof, verified pay) take the element's attributes as such a list and
// read them by name here, so one registration serves every widget.
struct Attribute {
  std::string name;
  std::string value;
};
using Attributes = std::vector<Attribute>;

// The attribute `name` (the last one, if the list repeats it).
AttributeValue attribute_at(const Attributes& attributes, std::string_view name);

// The attributes that say what to share, read by every widget that shares.
struct ShareAttributes {
  AttributeValue url;
  AttributeValue text;
  AttributeValue hashtags;
  AttributeValue via;
  AttributeValue image;
  AttributeValue utm_campaign;
  AttributeValue lang;
};

// What the shim reads from the document (all untrusted, like attributes).
struct PageFacts {
  std::string url;        // location.href
  std::string canonical;  // <link rel=canonical>, resolved
  std::string title;
  std::string og_title;
  std::string og_image;
  std::string lang;       // the nearest lang="" around the element
  std::string ref_seed;   // this page view's analytics seed; empty: analytics off
};

// A widget's problems. Non-fatal ones are reported while the widget still
// renders; a fatal one leaves nothing to render (the element then shows its
// fallback content).
struct Problems {
  std::vector<Error> errors;
  bool fatal = false;

  void add(const Error& error);
  void fail(const Error& error);
};

struct AttributeLimit {
  std::string_view name;
  std::size_t max_bytes;
};

// Refuses (fatally) a value over its limit, before anything reads it.
void check_attribute_size(std::string_view value, const AttributeLimit& limit, Problems& problems);

// Byte limits of the attributes read by read_share_content and read_lang.
inline constexpr AttributeLimit kShareAttributeLimits[] = {
    {"url", 2048},         {"text", 1000}, {"hashtags", 500}, {"via", 64},
    {"utm-campaign", 200}, {"lang", 35},   {"image", 2048},
};

// check_attribute_size for each of the share attributes.
void check_share_attribute_sizes(const ShareAttributes& attributes, Problems& problems);

// `url` (else the canonical link, else the page URL without tracking
// parameters), `text` (else og:title, else the title), `hashtags`, `via`,
// `image` (else og:image) and `utm-campaign`. Returns nothing, with a fatal
// problem, when there is no URL to share; other bad values are dropped with
// a non-fatal problem. The default text is cut and hashtags are checked
// by `fitter` (exactly, without one).
std::optional<ShareContent> read_share_content(const ShareAttributes& attributes, const PageFacts& page,
                                               Problems& problems);
std::optional<ShareContent> read_share_content(const ShareAttributes& attributes, const PageFacts& page,
                                               Problems& problems, TextFitter& fitter);

i18n::Lang read_lang(const ShareAttributes& attributes, const PageFacts& page);

// A post that cannot carry the text as asked (ShareLink::fits,
// extras_dropped): a text-does-not-fit problem naming the attribute to
// change. Not fatal: the shopper still gets a post that fits.
void report_share_fit(const ShareLink& link, Network network, const ShareContent& content, Problems& problems);

// The same, for a widget whose attributes come as a list.
ShareAttributes share_attributes(const Attributes& attributes);
void check_attribute_sizes(const Attributes& attributes, std::span<const AttributeLimit> limits,
                           Problems& problems);
i18n::Lang read_lang(const Attributes& attributes, const PageFacts& page);

// A remembered Mastodon server, re-checked: device storage is as untrusted
// as attributes. Empty when absent or invalid.
std::string checked_mastodon_host(std::string_view stored);

// "0", "42", … up to `max`: ASCII digits only (no sign, no spaces, no
// exponent), so "1e3", "-1" and " 7" are refused.
std::optional<std::int64_t> parse_whole_number(std::string_view text, std::int64_t max);

// An instant or duration in milliseconds handed in as a JavaScript number:
// a whole number within a Date's range (±8.64e15), else 0 (NaN, fractions,
// infinities). Differences of two such values cannot overflow.
std::int64_t whole_millis(double value);

// Splits a comma-separated attribute, trimming white space, dropping empties.
std::vector<std::string> split_list(std::string_view list);

// A feed the widget fetches before any click (stock, social proof): an
// absolute URL or a path relative to `page_url`, on the page's own origin —
// a request to another site would tell it about the visit. Errors name
// `attribute`: the URL's own ("invalid-url", "unsafe-url") or
// "third-party-feed".
Result<std::string> same_site_feed_url(std::string_view page_url, std::string_view value,
                                       std::string_view attribute);

}  // namespace sharelock

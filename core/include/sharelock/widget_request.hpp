// What every widget reads from its request: the element's attributes and
// facts about the page (both JSON objects of strings, all untrusted), and
// the content to share that they describe. Shared by the share bar and the
// pay widget so both apply exactly the same rules.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sharelock/error.hpp"
#include "sharelock/messages.hpp"
#include "sharelock/share_links.hpp"

namespace sharelock {

using Json = nlohmann::json;

// The string at `key` of a JSON object, or "" when absent or not a string.
std::string string_at(const Json& object, std::string_view key);
bool has_string(const Json& object, std::string_view key);

// An instant or duration in milliseconds at `key`: a whole number within
// JavaScript's Date range (±8.64e15), else 0. Differences of two such values
// cannot overflow.
std::int64_t millis_at(const Json& object, std::string_view key);

// The object at `key`, or an empty object when absent or not an object.
const Json& object_at(const Json& object, std::string_view key);

// Never throws, even on invalid UTF-8 (the core has no exceptions).
std::string dump_json(const Json& value);

// "0", "42", … up to `max`: ASCII digits only (no sign, no spaces, no
// exponent), so "1e3", "-1" and " 7" are refused.
std::optional<std::int64_t> parse_whole_number(std::string_view text, std::int64_t max);

// Splits a comma-separated attribute, trimming white space, dropping empties.
std::vector<std::string> split_list(std::string_view list);

// A widget's problems. Non-fatal ones are reported while the widget still
// renders; a fatal one leaves nothing to render (the element then shows its
// fallback content).
struct Problems {
  Json errors = Json::array();
  bool fatal = false;

  void add(const Error& error);
  void fail(const Error& error);
};

// Parses a widget request; anything but a JSON object is a fatal
// "invalid-request" problem and reads as an empty object.
Json parse_request(std::string_view request_json, Problems& problems);

struct AttributeLimit {
  std::string_view name;
  std::size_t max_bytes;
};

// Refuses (fatally) any attribute over its limit, before anything reads it.
void check_attribute_sizes(const Json& attributes, std::span<const AttributeLimit> limits,
                           Problems& problems);

// Byte limits of the attributes read by read_share_content and read_lang.
inline constexpr AttributeLimit kShareAttributeLimits[] = {
    {"url", 2048},         {"text", 1000}, {"hashtags", 500}, {"via", 64},
    {"utm-campaign", 200}, {"lang", 35},   {"image", 2048},
};

// `url` (else the canonical link, else the page URL without tracking
// parameters), `text` (else og:title, else the title), `hashtags`, `via`,
// `image` (else og:image) and `utm-campaign`. Returns nothing, with a fatal
// problem, when there is no URL to share; other bad values are dropped with
// a non-fatal problem.
std::optional<ShareContent> read_share_content(const Json& attributes, const Json& page,
                                               Problems& problems);

i18n::Lang read_lang(const Json& attributes, const Json& page);

// A feed the widget fetches before any click (stock, social proof): an
// absolute URL or a path relative to the page, on the page's own origin —
// a request to another site would tell it about the visit. Errors name
// `attribute`: the URL's own ("invalid-url", "unsafe-url") or
// "third-party-feed".
Result<std::string> same_site_feed_url(const Json& page, std::string_view value, std::string_view attribute);

// A remembered Mastodon server, re-checked: device storage is as untrusted
// as attributes. Empty when absent or invalid.
std::string read_mastodon_host(const Json& request);

}  // namespace sharelock

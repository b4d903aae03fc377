#include "sharelock/widget_request.hpp"

#include "sharelock/analytics.hpp"
#include "sharelock/post_length.hpp"
#include "sharelock/unicode.hpp"
#include "sharelock/url.hpp"

namespace sharelock {
namespace {

constexpr std::size_t kMaxHashtagBytes = 100;
constexpr std::size_t kMaxViaLength = 15;
// A page title used as default text is cut to this many graphemes: no
// network takes more, and a hostile title must not cost us megabytes.
constexpr std::size_t kMaxDefaultTextGraphemes = 500;

Json error_json(const Error& error) {
  return {{"code", error.code}, {"attribute", error.attribute}, {"message", error.message}};
}

bool is_ascii_word_char(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// A hashtag as the networks link it: letters, digits and '_' in any
// script, not only digits. Punctuation and spaces would end the tag early.
bool is_valid_hashtag(std::string_view tag) {
  if (tag.empty() || tag.size() > kMaxHashtagBytes || !unicode::is_valid_utf8(tag)) return false;
  bool has_non_digit = false;
  for (char32_t c : unicode::decode_utf8(tag)) {
    if (c < 0x80 && !is_ascii_word_char(c)) return false;
    if (unicode::is_white_space(c) || (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F)) {
      return false;
    }
    // Latin-1 punctuation and symbols (¡ ¿ « » · × ÷ …; ª µ º are letters)
    // and emoji end a hashtag on every network.
    if ((c >= 0xA0 && c <= 0xBF && c != 0xAA && c != 0xB5 && c != 0xBA) || c == 0xD7 || c == 0xF7 ||
        unicode::is_extended_pictographic(c) || unicode::is_regional_indicator(c)) {
      return false;
    }
    if (c < '0' || c > '9') has_non_digit = true;
  }
  return has_non_digit;
}

bool is_valid_x_handle(std::string_view handle) {
  if (handle.empty() || handle.size() > kMaxViaLength) return false;
  for (char c : handle) {
    if (!is_ascii_word_char(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The page URL the widget sits on; relative URLs resolve against it. A page
// without an http(s) URL (file://) has none.
Result<url::HttpUrl> page_url(const Json& page) {
  return url::parse_http_url(string_at(page, "url"), "url");
}

// An absolute URL, or one relative to the page.
Result<url::HttpUrl> url_attribute(const Json& page, std::string_view name, const std::string& value) {
  const auto base = page_url(page);
  return base ? url::parse_http_url_reference(value, base.value(), name)
              : url::parse_http_url(value, name);
}

Result<url::HttpUrl> shared_url(const Json& attributes, const Json& page) {
  if (has_string(attributes, "url")) {
    return url_attribute(page, "url", string_at(attributes, "url"));
  }
  const auto base = page_url(page);
  const std::string canonical = string_at(page, "canonical");
  if (!canonical.empty() && base) {
    auto resolved = url::parse_http_url_reference(canonical, base.value(), "url");
    if (resolved) return resolved;
  }
  if (!base) {
    return Error{"invalid-url", "url",
                 "this page has no http(s) address to share; set the url attribute"};
  }
  url::HttpUrl stripped = base.value();
  url::strip_tracking_parameters(stripped);
  return stripped;
}

std::string default_text(const Json& page) {
  std::string text = string_at(page, "ogTitle");
  if (text.empty()) text = string_at(page, "title");
  return post_length::shorten(text, kMaxDefaultTextGraphemes, post_length::Measure::kGraphemes);
}

std::vector<std::string> read_hashtags(const Json& attributes, Problems& problems) {
  std::vector<std::string> hashtags;
  for (std::string tag : split_list(string_at(attributes, "hashtags"))) {
    if (!tag.empty() && tag.front() == '#') tag.erase(0, 1);
    if (!is_valid_hashtag(tag)) {
      problems.add({"invalid-hashtag", "hashtags",
                    "\"" + tag.substr(0, 40) + "\" is not a hashtag: use letters, digits and _ only"});
      continue;
    }
    hashtags.push_back(tag);
  }
  return hashtags;
}

std::string read_via(const Json& attributes, Problems& problems) {
  std::string via = string_at(attributes, "via");
  if (!via.empty() && via.front() == '@') via.erase(0, 1);
  if (via.empty()) return via;
  if (!is_valid_x_handle(via)) {
    problems.add({"invalid-via", "via", "\"" + via.substr(0, 40) + "\" is not an X account name"});
    return {};
  }
  return via;
}

std::string read_image(const Json& attributes, const Json& page, Problems& problems) {
  const bool explicit_image = has_string(attributes, "image");
  const std::string value = explicit_image ? string_at(attributes, "image") : string_at(page, "ogImage");
  if (value.empty()) return {};
  auto image = url_attribute(page, "image", value);
  if (!image) {
    // A broken og:image is the page's business, not the widget's.
    if (explicit_image) problems.add(image.error());
    return {};
  }
  return image.value().serialize();
}

// The page's analytics seed (set by the shim only while first-party
// analytics is on): 16–64 base64url characters, else no share reference.
std::string read_ref_seed(const Json& page) {
  std::string seed = string_at(page, "refSeed");
  return analytics::is_random_id(seed) ? seed : std::string();
}

}  // namespace

std::string string_at(const Json& object, std::string_view key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

bool has_string(const Json& object, std::string_view key) {
  if (!object.is_object()) return false;
  const auto it = object.find(key);
  return it != object.end() && it->is_string();
}

const Json& object_at(const Json& object, std::string_view key) {
  static const Json kEmpty = Json::object();
  if (!object.is_object()) return kEmpty;
  const auto it = object.find(key);
  return it != object.end() && it->is_object() ? *it : kEmpty;
}

Json parse_request(std::string_view request_json, Problems& problems) {
  Json parsed = Json::parse(request_json, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    problems.fail({"invalid-request", "", "the request is not a JSON object"});
    return Json::object();
  }
  return parsed;
}

std::string dump_json(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::vector<std::string> split_list(std::string_view list) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find(',', start);
    if (end == std::string_view::npos) end = list.size();
    std::string_view item = list.substr(start, end - start);
    while (!item.empty() && is_space(item.front())) item.remove_prefix(1);
    while (!item.empty() && is_space(item.back())) item.remove_suffix(1);
    if (!item.empty()) items.emplace_back(item);
    start = end + 1;
  }
  return items;
}

void Problems::add(const Error& error) { errors.push_back(error_json(error)); }

void Problems::fail(const Error& error) {
  add(error);
  fatal = true;
}

void check_attribute_sizes(const Json& attributes, std::span<const AttributeLimit> limits,
                           Problems& problems) {
  for (const AttributeLimit& limit : limits) {
    const std::string value = string_at(attributes, limit.name);
    if (value.size() > limit.max_bytes) {
      problems.fail({"attribute-too-long", std::string(limit.name),
                     "the value is " + std::to_string(value.size()) + " bytes long; at most " +
                         std::to_string(limit.max_bytes) + " are accepted"});
    }
  }
}

std::optional<ShareContent> read_share_content(const Json& attributes, const Json& page,
                                               Problems& problems) {
  auto link = shared_url(attributes, page);
  if (!link) {
    problems.fail(link.error());
    return std::nullopt;
  }
  ShareContent content;
  content.url = std::move(link).value();
  content.text = has_string(attributes, "text") ? string_at(attributes, "text") : default_text(page);
  content.hashtags = read_hashtags(attributes, problems);
  content.via = read_via(attributes, problems);
  content.image = read_image(attributes, page, problems);
  content.utm_campaign = string_at(attributes, "utm-campaign");
  content.ref_seed = read_ref_seed(page);
  return content;
}

std::int64_t millis_at(const Json& object, std::string_view key) {
  constexpr std::int64_t kMaxDateMillis = 8'640'000'000'000'000;
  if (!object.is_object()) return 0;
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return 0;
  if (it->is_number_unsigned()) {
    return it->get<std::uint64_t>() <= static_cast<std::uint64_t>(kMaxDateMillis) ? it->get<std::int64_t>() : 0;
  }
  const std::int64_t value = it->get<std::int64_t>();
  return value >= -kMaxDateMillis && value <= kMaxDateMillis ? value : 0;
}

std::optional<std::int64_t> parse_whole_number(std::string_view text, std::int64_t max) {
  // 18 digits cannot overflow an int64 while accumulating.
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value <= max ? std::optional(value) : std::nullopt;
}

i18n::Lang read_lang(const Json& attributes, const Json& page) {
  return i18n::resolve_lang(string_at(attributes, "lang"), string_at(page, "lang"));
}

Result<std::string> same_site_feed_url(const Json& page, std::string_view value, std::string_view attribute) {
  const auto base = url::parse_http_url(string_at(page, "url"), attribute);
  auto source = base ? url::parse_http_url_reference(value, base.value(), attribute)
                     : url::parse_http_url(value, attribute);
  if (!source) return source.error();
  if (!base) {
    return Error{"third-party-feed", std::string(attribute),
                 "this page has no http(s) address, so no feed can be on the same site as it"};
  }
  if (source.value().origin() != base.value().origin()) {
    return Error{"third-party-feed", std::string(attribute),
                 "the feed must be on this site (" + base.value().origin() +
                     "); a request elsewhere would tell that site about the visit before any click"};
  }
  return source.value().serialize();
}

std::string read_mastodon_host(const Json& request) {
  const auto host = url::normalize_host_name(string_at(request, "mastodonHost"), "");
  return host ? host.value() : std::string{};
}

}  // namespace sharelock

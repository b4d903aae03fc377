#include "sharelock/widget_input.hpp"


#include "sharelock/analytics.hpp"
#include "sharelock/civil_time.hpp"
#include "sharelock/post_length.hpp"
#include "sharelock/url.hpp"

namespace sharelock {
namespace {

constexpr std::size_t kMaxViaLength = 15;
// A page title used as default text is cut to this many graphemes: no
// network takes more, and a hostile title must not cost us megabytes.
constexpr std::size_t kMaxDefaultTextGraphemes = 500;

bool is_ascii_word_char(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool is_valid_x_handle(std::string_view handle) {
  if (handle.empty() || handle.size() > kMaxViaLength) return false;
  for (char c : handle) {
    if (!is_ascii_word_char(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// An absolute URL, or one relative to the page (which, on a page without
// an http(s) address such as file://, there is none to be relative to).
Result<url::HttpUrl> url_attribute(const PageFacts& page, std::string_view name, const std::string& value) {
  const auto base = url::parse_http_url(page.url, "url");
  return base ? url::parse_http_url_reference(value, base.value(), name)
              : url::parse_http_url(value, name);
}

Result<url::HttpUrl> shared_url(const ShareAttributes& attributes, const PageFacts& page) {
  if (attributes.url.present) return url_attribute(page, "url", attributes.url.value);
  const auto base = url::parse_http_url(page.url, "url");
  if (!page.canonical.empty() && base) {
    auto resolved = url::parse_http_url_reference(page.canonical, base.value(), "url");
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

// The page's title, without what X would refuse (a stray byte-order mark
// is the page's, not the site owner's to fix here).
std::string default_text(const PageFacts& page, TextFitter& fitter) {
  const std::string& text = page.og_title.empty() ? page.title : page.og_title;
  return fitter.fit(post_length::without_refused_by_x(text), {}, kMaxDefaultTextGraphemes, post_length::Measure::kGraphemes)
      .text;
}

// The site owner's text, unless X would refuse a post holding it: then the
// page's title, and the owner is told which character to delete.
std::string read_text(const AttributeValue& attribute, const PageFacts& page, Problems& problems,
                      TextFitter& fitter) {
  if (!attribute.present) return default_text(page, fitter);
  if (const auto refused = post_length::first_refused_by_x(attribute.value)) {
    const char* name = *refused == 0xFEFF ? "U+FEFF" : *refused == 0xFFFE ? "U+FFFE" : "U+FFFF";
    problems.add({"invalid-text", "text",
                  std::string("the text holds ") + name +
                      ", an invisible character X refuses in a post; delete it (the page's title is shared meanwhile)"});
    return default_text(page, fitter);
  }
  return attribute.value;
}

std::vector<std::string> read_hashtags(const AttributeValue& attribute, Problems& problems, TextFitter& fitter) {
  std::vector<std::string> hashtags;
  for (std::string tag : split_list(attribute.value)) {
    if (!tag.empty() && tag.front() == '#') tag.erase(0, 1);
    if (!fitter.is_valid_hashtag(tag)) {
      problems.add({"invalid-hashtag", "hashtags",
                    "\"" + tag.substr(0, 40) + "\" is not a hashtag: use letters, digits and _ only"});
      continue;
    }
    hashtags.push_back(tag);
  }
  return hashtags;
}

std::string read_via(const AttributeValue& attribute, Problems& problems) {
  std::string via = attribute.value;
  if (!via.empty() && via.front() == '@') via.erase(0, 1);
  if (via.empty()) return via;
  if (!is_valid_x_handle(via)) {
    problems.add({"invalid-via", "via", "\"" + via.substr(0, 40) + "\" is not an X account name"});
    return {};
  }
  return via;
}

std::string read_image(const AttributeValue& attribute, const PageFacts& page, Problems& problems) {
  const std::string& value = attribute.present ? attribute.value : page.og_image;
  if (value.empty()) return {};
  auto image = url_attribute(page, "image", value);
  if (!image) {
    // A broken og:image is the page's business, not the widget's.
    if (attribute.present) problems.add(image.error());
    return {};
  }
  return image.value().serialize();
}

}  // namespace

void Problems::add(const Error& error) { errors.push_back(error); }

void Problems::fail(const Error& error) {
  add(error);
  fatal = true;
}

void check_attribute_size(std::string_view value, const AttributeLimit& limit, Problems& problems) {
  if (value.size() <= limit.max_bytes) return;
  problems.fail({"attribute-too-long", std::string(limit.name),
                 "the value is " + std::to_string(value.size()) + " bytes long; at most " +
                     std::to_string(limit.max_bytes) + " are accepted"});
}

void check_share_attribute_sizes(const ShareAttributes& attributes, Problems& problems) {
  const AttributeValue* values[] = {&attributes.url,          &attributes.text, &attributes.hashtags,
                                    &attributes.via,          &attributes.utm_campaign,
                                    &attributes.lang,         &attributes.image};
  static_assert(std::size(values) == std::size(kShareAttributeLimits));
  for (std::size_t i = 0; i < std::size(values); ++i) {
    check_attribute_size(values[i]->value, kShareAttributeLimits[i], problems);
  }
}

std::optional<ShareContent> read_share_content(const ShareAttributes& attributes, const PageFacts& page,
                                               Problems& problems) {
  TextFitter exact = TextFitter::exact();
  return read_share_content(attributes, page, problems, exact);
}

std::optional<ShareContent> read_share_content(const ShareAttributes& attributes, const PageFacts& page,
                                               Problems& problems, TextFitter& fitter) {
  auto link = shared_url(attributes, page);
  if (!link) {
    problems.fail(link.error());
    return std::nullopt;
  }
  ShareContent content;
  content.url = std::move(link).value();
  content.text = read_text(attributes.text, page, problems, fitter);
  content.hashtags = read_hashtags(attributes.hashtags, problems, fitter);
  content.via = read_via(attributes.via, problems);
  content.image = read_image(attributes.image, page, problems);
  content.utm_campaign = attributes.utm_campaign.value;
  // The page's analytics seed (set by the shim only while first-party
  // analytics is on): 16–64 base64url characters, else no share reference.
  if (analytics::is_random_id(page.ref_seed)) content.ref_seed = page.ref_seed;
  return content;
}

i18n::Lang read_lang(const ShareAttributes& attributes, const PageFacts& page) {
  return i18n::resolve_lang(attributes.lang.value, page.lang);
}

AttributeValue attribute_at(const Attributes& attributes, std::string_view name) {
  AttributeValue found;
  for (const Attribute& attribute : attributes) {
    if (attribute.name == name) found = {true, attribute.value};
  }
  return found;
}

ShareAttributes share_attributes(const Attributes& attributes) {
  return {attribute_at(attributes, "url"),      attribute_at(attributes, "text"),
          attribute_at(attributes, "hashtags"), attribute_at(attributes, "via"),
          attribute_at(attributes, "image"),    attribute_at(attributes, "utm-campaign"),
          attribute_at(attributes, "lang")};
}

void check_attribute_sizes(const Attributes& attributes, std::span<const AttributeLimit> limits,
                           Problems& problems) {
  for (const AttributeLimit& limit : limits) {
    check_attribute_size(attribute_at(attributes, limit.name).value, limit, problems);
  }
}

i18n::Lang read_lang(const Attributes& attributes, const PageFacts& page) {
  return i18n::resolve_lang(attribute_at(attributes, "lang").value, page.lang);
}

std::int64_t whole_millis(double value) {
  constexpr auto kMax = static_cast<double>(civil::kMaxDateMillis);
  if (!(value >= -kMax && value <= kMax)) return 0;  // NaN too
  const auto whole = static_cast<std::int64_t>(value);
  return static_cast<double>(whole) == value ? whole : 0;
}

void report_share_fit(const ShareLink& link, Network network, const ShareContent& content, Problems& problems) {
  if (link.fits && !link.extras_dropped) return;
  const std::string name(i18n::network_label(network, i18n::Lang::kEn));
  if (link.extras_dropped) {
    problems.add({"text-does-not-fit", content.hashtags.empty() ? "via" : "hashtags",
                  "the hashtags and via leave no room for the text on " + name +
                      ", so it is shared without them; use fewer or shorter hashtags"});
    return;
  }
  problems.add({"text-does-not-fit", "url",
                "the link leaves no room for the text on " + name + ", so it is shared without it; share a shorter URL"});
}

std::string checked_mastodon_host(std::string_view stored) {
  const auto host = url::normalize_host_name(stored, "");
  return host ? host.value() : std::string{};
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

Result<std::string> same_site_feed_url(std::string_view page_url, std::string_view value,
                                       std::string_view attribute) {
  const auto base = url::parse_http_url(page_url, attribute);
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

}  // namespace sharelock

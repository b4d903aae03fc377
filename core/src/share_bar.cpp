#include "sharelock/share_bar.hpp"

#include <array>
#include <vector>

#include <nlohmann/json.hpp>

#include "sharelock/error.hpp"
#include "sharelock/messages.hpp"
#include "sharelock/post_length.hpp"
#include "sharelock/share_links.hpp"
#include "sharelock/unicode.hpp"
#include "sharelock/url.hpp"

namespace sharelock {
namespace {

using nlohmann::json;

// Byte limits per attribute: generous for real use, small enough that a
// hostile page cannot make the widget chew on megabytes.
struct AttributeLimit {
  std::string_view name;
  std::size_t max_bytes;
};
constexpr std::array<AttributeLimit, 8> kAttributeLimits = {{
    {"networks", 300},
    {"url", 2048},
    {"text", 1000},
    {"hashtags", 500},
    {"via", 64},
    {"utm-campaign", 200},
    {"lang", 35},
    {"image", 2048},
}};

constexpr std::string_view kDefaultNetworks =
    "x,facebook,linkedin,whatsapp,telegram,bluesky,mastodon,email,copy,native";
constexpr std::size_t kMaxHashtagBytes = 100;
constexpr std::size_t kMaxViaLength = 15;
// A page title used as default text is cut to this many graphemes: no
// network takes more, and a hostile title must not cost us megabytes.
constexpr std::size_t kMaxDefaultTextGraphemes = 500;

std::string string_at(const json& object, std::string_view key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

bool has_string(const json& object, std::string_view key) {
  if (!object.is_object()) return false;
  const auto it = object.find(key);
  return it != object.end() && it->is_string();
}

json error_json(const Error& error) {
  return {{"code", error.code}, {"attribute", error.attribute}, {"message", error.message}};
}

std::string dump(const json& value) {
  // Invalid UTF-8 would make dump() throw, and the core has no exceptions.
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::vector<std::string> split_list(std::string_view list) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find(',', start);
    if (end == std::string_view::npos) end = list.size();
    std::string_view item = list.substr(start, end - start);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t' || item.front() == '\n')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t' || item.back() == '\n')) item.remove_suffix(1);
    if (!item.empty()) items.emplace_back(item);
    start = end + 1;
  }
  return items;
}

std::string lower_ascii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
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

struct BarRequest {
  json attributes;
  json page;
  bool native_share = false;
  std::string mastodon_host;
};

struct Outcome {
  json errors = json::array();
  bool fatal = false;

  void add(const Error& error) { errors.push_back(error_json(error)); }
  void fail(const Error& error) {
    add(error);
    fatal = true;
  }
};

// The page URL the widget sits on; relative `url` attributes resolve
// against it. A page without an http(s) URL (file://) has none.
Result<url::HttpUrl> page_url(const BarRequest& request) {
  return url::parse_http_url(string_at(request.page, "url"), "url");
}

// `url` attribute, else the canonical link, else the page URL without
// tracking parameters.
Result<url::HttpUrl> shared_url(const BarRequest& request) {
  const auto page = page_url(request);
  if (has_string(request.attributes, "url")) {
    const std::string value = string_at(request.attributes, "url");
    if (page) return url::parse_http_url_reference(value, page.value(), "url");
    return url::parse_http_url(value, "url");
  }
  const std::string canonical = string_at(request.page, "canonical");
  if (!canonical.empty() && page) {
    auto resolved = url::parse_http_url_reference(canonical, page.value(), "url");
    if (resolved) return resolved;
  }
  if (!page) {
    return Error{"invalid-url", "url",
                 "this page has no http(s) address to share; set the url attribute"};
  }
  url::HttpUrl stripped = page.value();
  url::strip_tracking_parameters(stripped);
  return stripped;
}

std::string default_text(const BarRequest& request) {
  std::string text = string_at(request.page, "ogTitle");
  if (text.empty()) text = string_at(request.page, "title");
  return post_length::shorten(text, kMaxDefaultTextGraphemes, post_length::Measure::kGraphemes);
}

std::vector<Network> requested_networks(const BarRequest& request, Outcome& outcome) {
  const std::string list = has_string(request.attributes, "networks")
                               ? string_at(request.attributes, "networks")
                               : std::string(kDefaultNetworks);
  std::vector<Network> networks;
  for (const std::string& raw : split_list(list)) {
    const auto network = network_from_name(lower_ascii(raw));
    if (!network) {
      outcome.add({"unknown-network", "networks",
                   "unknown network \"" + raw.substr(0, 40) + "\"; known: x, facebook, linkedin, "
                   "whatsapp, telegram, pinterest, reddit, bluesky, threads, mastodon, email, copy, native"});
      continue;
    }
    bool seen = false;
    for (Network n : networks) seen = seen || n == *network;
    if (seen) continue;
    // Web Share exists only in some browsers; where it does not, the button
    // is left out rather than shown broken.
    if (*network == Network::kNative && !request.native_share) continue;
    networks.push_back(*network);
  }
  return networks;
}

std::vector<std::string> requested_hashtags(const BarRequest& request, Outcome& outcome) {
  std::vector<std::string> hashtags;
  for (std::string tag : split_list(string_at(request.attributes, "hashtags"))) {
    if (!tag.empty() && tag.front() == '#') tag.erase(0, 1);
    if (!is_valid_hashtag(tag)) {
      outcome.add({"invalid-hashtag", "hashtags",
                   "\"" + tag.substr(0, 40) + "\" is not a hashtag: use letters, digits and _ only"});
      continue;
    }
    hashtags.push_back(tag);
  }
  return hashtags;
}

std::string requested_via(const BarRequest& request, Outcome& outcome) {
  std::string via = string_at(request.attributes, "via");
  if (!via.empty() && via.front() == '@') via.erase(0, 1);
  if (via.empty()) return via;
  if (!is_valid_x_handle(via)) {
    outcome.add({"invalid-via", "via", "\"" + via.substr(0, 40) + "\" is not an X account name"});
    return {};
  }
  return via;
}

std::string requested_image(const BarRequest& request, Outcome& outcome) {
  const bool explicit_image = has_string(request.attributes, "image");
  const std::string value =
      explicit_image ? string_at(request.attributes, "image") : string_at(request.page, "ogImage");
  if (value.empty()) return {};
  const auto page = page_url(request);
  auto image = page ? url::parse_http_url_reference(value, page.value(), "image")
                    : url::parse_http_url(value, "image");
  if (!image) {
    if (explicit_image) outcome.add(image.error());
    return {};
  }
  return image.value().serialize();
}

// Oversized attributes are refused before anything looks at them.
bool check_sizes(const BarRequest& request, Outcome& outcome) {
  for (const AttributeLimit& limit : kAttributeLimits) {
    const std::string value = string_at(request.attributes, limit.name);
    if (value.size() > limit.max_bytes) {
      outcome.fail({"attribute-too-long", std::string(limit.name),
                    "the value is " + std::to_string(value.size()) + " bytes long; at most " +
                        std::to_string(limit.max_bytes) + " are accepted"});
    }
  }
  return !outcome.fatal;
}

std::string_view button_kind(Network network) {
  switch (network) {
    case Network::kEmail: return "mail";
    case Network::kCopy: return "copy";
    case Network::kNative: return "native";
    case Network::kMastodon: return "mastodon";
    default: return "link";
  }
}

json messages_json(i18n::Lang lang) {
  using i18n::Message;
  const auto m = [lang](Message id) { return std::string(i18n::message(lang, id)); };
  return {{"copied", m(Message::kLinkCopied)},
          {"copyFailed", m(Message::kCopyFailed)},
          {"newWindow", m(Message::kNewWindowHint)},
          {"mastodonPrompt", m(Message::kMastodonPrompt)},
          {"mastodonPlaceholder", m(Message::kMastodonPlaceholder)},
          {"mastodonSubmit", m(Message::kMastodonSubmit)},
          {"mastodonCancel", m(Message::kMastodonCancel)},
          {"mastodonChooser", m(Message::kMastodonChooser)},
          {"mastodonChange", m(Message::kMastodonChange)}};
}

json render(const BarRequest& request) {
  Outcome outcome;
  const i18n::Lang lang =
      i18n::resolve_lang(string_at(request.attributes, "lang"), string_at(request.page, "lang"));
  json response = {{"lang", i18n::lang_code(lang)},
                   {"label", std::string(i18n::message(lang, i18n::Message::kShareBarLabel))},
                   {"messages", messages_json(lang)},
                   {"buttons", json::array()}};
  const auto finish = [&]() {
    response["errors"] = outcome.errors;
    response["fatal"] = outcome.fatal;
    return response;
  };
  if (!check_sizes(request, outcome)) return finish();

  ShareContent content;
  auto link = shared_url(request);
  if (!link) {
    outcome.fail(link.error());
    return finish();
  }
  content.url = std::move(link).value();
  content.text = has_string(request.attributes, "text") ? string_at(request.attributes, "text")
                                                        : default_text(request);
  content.hashtags = requested_hashtags(request, outcome);
  content.via = requested_via(request, outcome);
  content.image = requested_image(request, outcome);
  content.utm_campaign = string_at(request.attributes, "utm-campaign");

  const std::vector<Network> networks = requested_networks(request, outcome);
  if (networks.empty()) {
    outcome.fail({"no-networks", "networks", "no network to show; list some, e.g. networks=\"x,bluesky,copy\""});
    return finish();
  }
  const bool have_host = !request.mastodon_host.empty();
  for (Network network : networks) {
    const ShareLink share = build_share_link(network, content, request.mastodon_host);
    json button = {{"network", network_name(network)},
                   {"kind", button_kind(network)},
                   {"label", std::string(i18n::network_label(network, lang))},
                   {"name", i18n::network_accessible_name(network, lang)},
                   {"href", share.href},
                   {"sharedUrl", share.shared_url},
                   {"text", share.text}};
    if (network == Network::kMastodon) {
      button["mastodonHost"] = request.mastodon_host;
      button["needsServer"] = !have_host;
      button["chooserHref"] = build_share_link(network, content).href;
    }
    response["buttons"].push_back(std::move(button));
  }
  return finish();
}

}  // namespace

std::string render_share_bar(std::string_view request_json) {
  const json parsed = json::parse(request_json, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    json response = {{"buttons", json::array()},
                     {"fatal", true},
                     {"errors", json::array({error_json({"invalid-request", "", "the request is not a JSON object"})})}};
    return dump(response);
  }
  BarRequest request;
  if (parsed.contains("attributes") && parsed["attributes"].is_object()) request.attributes = parsed["attributes"];
  if (parsed.contains("page") && parsed["page"].is_object()) request.page = parsed["page"];
  request.native_share = parsed.contains("nativeShare") && parsed["nativeShare"].is_boolean() &&
                         parsed["nativeShare"].get<bool>();
  // A remembered server is re-checked: storage is as untrusted as attributes.
  const auto host = url::normalize_host_name(string_at(parsed, "mastodonHost"), "");
  if (host) request.mastodon_host = host.value();
  return dump(render(request));
}

std::string check_mastodon_host(std::string_view request_json) {
  const json parsed = json::parse(request_json, nullptr, false);
  const i18n::Lang lang = i18n::resolve_lang(string_at(parsed, "lang"), "");
  const auto host = url::normalize_host_name(string_at(parsed, "input"), "");
  if (!host) {
    return dump({{"ok", false}, {"message", std::string(i18n::message(lang, i18n::Message::kMastodonInvalid))}});
  }
  return dump({{"ok", true}, {"host", host.value()}});
}

}  // namespace sharelock

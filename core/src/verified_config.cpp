#include "sharelock/verified_config.hpp"

#include <algorithm>

#include "sharelock/unicode.hpp"
#include "sharelock/url.hpp"

namespace sharelock::verified {
namespace {

constexpr AttributeLimit kVerifiedLimits[] = {
    {"item", 200}, {"network", 20}, {"mode", 20}, {"server", 2048},
};
constexpr std::size_t kMaxTokenLength = 4096;
constexpr std::string_view kTokenKeyPrefix = "sharelock:verified:";

std::optional<std::string> read_server(const Attributes& attributes, const PageFacts& page, Problems& problems) {
  const AttributeValue attribute = attribute_at(attributes, "server");
  if (!attribute.present) {
    problems.fail({"missing-server", "server",
                   "mode=\"verified\" needs the address of your verification server in server=\"…\""});
    return std::nullopt;
  }
  const auto base = url::parse_http_url(page.url, "server");
  auto parsed = base ? url::parse_http_url_reference(attribute.value, base.value(), "server")
                     : url::parse_http_url(attribute.value, "server");
  if (!parsed) {
    problems.fail(parsed.error());
    return std::nullopt;
  }
  url::HttpUrl server = std::move(parsed).value();
  // The server holds the shopper's one-time code: never over plain http,
  // except on this machine for development.
  if (server.scheme != "https" && !server.is_loopback()) {
    problems.fail({"unsafe-url", "server", "the verification server must use https"});
    return std::nullopt;
  }
  if (server.has_query || server.has_fragment) {
    problems.fail({"invalid-url", "server", "the server address must not have a query (?) or fragment (#)"});
    return std::nullopt;
  }
  std::string address = server.serialize();
  while (!address.empty() && address.back() == '/') address.pop_back();
  return address;
}

// A JSON string literal, escaped as nlohmann/json's dump() (and
// JSON.stringify) escape: quote, backslash and control characters only,
// \u00XX in lower-case hex. Text that is not UTF-8 has each bad sequence
// replaced by U+FFFD first (the shim only ever hands valid text).
void append_json_string(std::string& out, std::string_view text) {
  std::string valid;
  if (!unicode::is_valid_utf8(text)) {
    valid = unicode::encode_utf8(unicode::decode_utf8(text));
    text = valid;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out.push_back(kHex[(c >> 4) & 0xF]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

}  // namespace

std::optional<Config> read_config(const Attributes& attributes, const PageFacts& page,
                                  std::string_view mastodon_host, Problems& problems) {
  check_attribute_sizes(attributes, kShareAttributeLimits, problems);
  check_attribute_sizes(attributes, kVerifiedLimits, problems);
  if (problems.fatal) return std::nullopt;

  Config config;
  config.lang = read_lang(attributes, page);
  const AttributeValue network_attribute = attribute_at(attributes, "network");
  std::string network = network_attribute.present ? network_attribute.value : "x";
  for (char& c : network) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  if (network != "x" && network != "mastodon") {
    problems.fail({"network-not-verifiable", "network",
                   "mode=\"verified\" publishes through the APIs of X and Mastodon; use network=\"x\" "
                   "or network=\"mastodon\", or mode=\"intent\""});
    return std::nullopt;
  }
  config.network = network == "x" ? Network::kX : Network::kMastodon;
  config.mastodon_host = checked_mastodon_host(mastodon_host);
  config.item = attribute_at(attributes, "item").value;
  if (config.item.empty()) {
    problems.fail({"missing-item", "item",
                   "mode=\"verified\" needs item=\"…\": the id your verification server knows the "
                   "content by"});
    return std::nullopt;
  }
  const auto server = read_server(attributes, page, problems);
  if (!server) return std::nullopt;
  config.server = *server;
  auto content = read_share_content(share_attributes(attributes), page, problems);
  if (!content) return std::nullopt;
  // The verification server checks the post for the item's own link, so a
  // verified post carries no analytics share reference (sl_ref).
  content->ref_seed.clear();
  const ShareLink link = build_share_link(config.network, *content, config.mastodon_host);
  report_share_fit(link, config.network, *content, problems);
  config.link = link.shared_url;
  config.post_text = shared_post(config.network, link, *content);
  return config;
}

std::string with_network(std::string_view text, Network network, i18n::Lang lang) {
  std::string out(text);
  const std::size_t at = out.find("{network}");
  if (at != std::string::npos) out.replace(at, 9, std::string(i18n::network_label(network, lang)));
  return out;
}

std::string token_key(std::string_view item) { return std::string(kTokenKeyPrefix) + std::string(item); }

bool is_token_text(std::string_view token) {
  return !token.empty() && token.size() <= kMaxTokenLength &&
         std::all_of(token.begin(), token.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || c == '.';
         });
}

std::string flow_context_text(const FlowContext& context) {
  const std::pair<std::string_view, const std::string*> members[] = {
      {"host", &context.host},     {"issuer", &context.issuer}, {"network", &context.network},
      {"redirectUri", &context.redirect_uri}, {"server", &context.server}, {"text", &context.text}};
  std::string out = "{";
  for (const auto& [name, value] : members) {
    if (out.size() > 1) out.push_back(',');
    append_json_string(out, name);
    out.push_back(':');
    append_json_string(out, *value);
  }
  out.push_back('}');
  return out;
}

FlowContext read_flow_context(const JsonDocument& document) {
  const JsonView context(document);
  const auto member = [&context](std::string_view name) {
    return std::string(context[name].text());
  };
  return {member("host"),   member("issuer"), member("network"), member("redirectUri"),
          member("server"), member("text")};
}

}  // namespace sharelock::verified

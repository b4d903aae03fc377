#include "sharelock/share_bar.hpp"

#include <array>
#include <vector>

#include "sharelock/messages.hpp"
#include "sharelock/share_links.hpp"
#include "sharelock/url.hpp"
#include "sharelock/widget_request.hpp"

namespace sharelock {
namespace {

// Byte limits: generous for real use, small enough that a hostile page
// cannot make the widget chew on megabytes.
constexpr AttributeLimit kNetworksLimit{"networks", 300};

constexpr std::string_view kDefaultNetworks =
    "x,facebook,linkedin,whatsapp,telegram,bluesky,mastodon,email,copy,native";

std::string lower_ascii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::vector<Network> requested_networks(const Json& attributes, bool native_share,
                                        Problems& problems) {
  const std::string list = has_string(attributes, "networks") ? string_at(attributes, "networks")
                                                              : std::string(kDefaultNetworks);
  std::vector<Network> networks;
  for (const std::string& raw : split_list(list)) {
    const auto network = network_from_name(lower_ascii(raw));
    if (!network) {
      problems.add({"unknown-network", "networks",
                    "unknown network \"" + raw.substr(0, 40) + "\"; known: x, facebook, linkedin, "
                    "whatsapp, telegram, pinterest, reddit, bluesky, threads, mastodon, email, copy, native"});
      continue;
    }
    bool seen = false;
    for (Network n : networks) seen = seen || n == *network;
    if (seen) continue;
    // Web Share exists only in some browsers; where it does not, the button
    // is left out rather than shown broken.
    if (*network == Network::kNative && !native_share) continue;
    networks.push_back(*network);
  }
  return networks;
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

Json messages_json(i18n::Lang lang) {
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

Json render(const Json& attributes, const Json& page, bool native_share,
            const std::string& mastodon_host) {
  Problems problems;
  const i18n::Lang lang = read_lang(attributes, page);
  Json response = {{"lang", i18n::lang_code(lang)},
                   {"label", std::string(i18n::message(lang, i18n::Message::kShareBarLabel))},
                   {"messages", messages_json(lang)},
                   {"buttons", Json::array()}};
  const auto finish = [&]() {
    response["errors"] = problems.errors;
    response["fatal"] = problems.fatal;
    return response;
  };
  check_attribute_sizes(attributes, kShareAttributeLimits, problems);
  check_attribute_sizes(attributes, std::span(&kNetworksLimit, 1), problems);
  if (problems.fatal) return finish();

  const std::optional<ShareContent> content = read_share_content(attributes, page, problems);
  if (!content) return finish();
  const std::vector<Network> networks = requested_networks(attributes, native_share, problems);
  if (networks.empty()) {
    problems.fail({"no-networks", "networks", "no network to show; list some, e.g. networks=\"x,bluesky,copy\""});
    return finish();
  }
  for (Network network : networks) {
    const ShareLink share = build_share_link(network, *content, mastodon_host);
    Json button = {{"network", network_name(network)},
                   {"kind", button_kind(network)},
                   {"label", std::string(i18n::network_label(network, lang))},
                   {"name", i18n::network_accessible_name(network, lang)},
                   {"href", share.href},
                   {"sharedUrl", share.shared_url},
                   {"text", share.text}};
    if (network == Network::kMastodon) {
      button["mastodonHost"] = mastodon_host;
      button["needsServer"] = mastodon_host.empty();
      button["chooserHref"] = build_share_link(network, *content).href;
    }
    response["buttons"].push_back(std::move(button));
  }
  return finish();
}

}  // namespace

std::string render_share_bar(std::string_view request_json) {
  Problems problems;
  const Json parsed = parse_request(request_json, problems);
  if (problems.fatal) {
    return dump_json({{"buttons", Json::array()}, {"fatal", true}, {"errors", problems.errors}});
  }
  const auto native = parsed.find("nativeShare");
  const bool native_share = native != parsed.end() && native->is_boolean() && native->get<bool>();
  return dump_json(render(object_at(parsed, "attributes"), object_at(parsed, "page"), native_share,
                          read_mastodon_host(parsed)));
}

std::string check_mastodon_host(std::string_view request_json) {
  const Json parsed = Json::parse(request_json, nullptr, false);
  const i18n::Lang lang = i18n::resolve_lang(string_at(parsed, "lang"), "");
  const auto host = url::normalize_host_name(string_at(parsed, "input"), "");
  if (!host) {
    return dump_json({{"ok", false}, {"message", std::string(i18n::message(lang, i18n::Message::kMastodonInvalid))}});
  }
  return dump_json({{"ok", true}, {"host", host.value()}});
}

}  // namespace sharelock

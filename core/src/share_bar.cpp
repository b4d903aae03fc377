#include "sharelock/share_bar.hpp"

#include <array>
#include <vector>

#include "sharelock/messages.hpp"
#include "sharelock/share_links.hpp"
#include "sharelock/url.hpp"
#include "sharelock/widget_input.hpp"

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

std::vector<Network> requested_networks(const AttributeValue& attribute, bool native_share,
                                        Problems& problems) {
  const std::string list = attribute.present ? attribute.value : std::string(kDefaultNetworks);
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

ShareBarMessages messages_for(i18n::Lang lang) {
  using i18n::Message;
  const auto m = [lang](Message id) { return std::string(i18n::message(lang, id)); };
  return {m(Message::kLinkCopied),       m(Message::kCopyFailed),          m(Message::kNewWindowHint),
          m(Message::kMastodonPrompt),   m(Message::kMastodonPlaceholder), m(Message::kMastodonSubmit),
          m(Message::kMastodonCancel),   m(Message::kMastodonChooser),     m(Message::kMastodonChange)};
}

void add_buttons(const ShareBarRequest& request, ShareBarView& view, Problems& problems, TextFitter& fitter) {
  check_share_attribute_sizes(request.attributes, problems);
  check_attribute_size(request.networks.value, kNetworksLimit, problems);
  if (problems.fatal) return;

  const std::optional<ShareContent> content = read_share_content(request.attributes, request.page, problems, fitter);
  if (!content) return;
  const std::vector<Network> networks = requested_networks(request.networks, request.native_share, problems);
  if (networks.empty()) {
    problems.fail({"no-networks", "networks", "no network to show; list some, e.g. networks=\"x,bluesky,copy\""});
    return;
  }
  const i18n::Lang lang = read_lang(request.attributes, request.page);
  const std::string mastodon_host = checked_mastodon_host(request.mastodon_host);
  for (Network network : networks) {
    ShareLink share = build_share_link(network, *content, mastodon_host, fitter);
    report_share_fit(share, network, *content, problems);
    ShareButton button;
    button.network = network_name(network);
    button.kind = button_kind(network);
    button.label = i18n::network_label(network, lang);
    button.name = i18n::network_accessible_name(network, lang);
    button.href = std::move(share.href);
    button.shared_url = std::move(share.shared_url);
    button.text = std::move(share.text);
    if (network == Network::kMastodon) {
      button.mastodon_host = mastodon_host;
      button.needs_server = mastodon_host.empty();
      button.chooser_href = build_share_link(network, *content, {}, fitter).href;
    }
    view.buttons.push_back(std::move(button));
  }
}

}  // namespace

ShareBarView render_share_bar(const ShareBarRequest& request) {
  TextFitter exact = TextFitter::exact();
  return render_share_bar(request, exact);
}

ShareBarView render_share_bar(const ShareBarRequest& request, TextFitter& fitter) {
  const i18n::Lang lang = read_lang(request.attributes, request.page);
  ShareBarView view;
  view.lang = i18n::lang_code(lang);
  view.label = i18n::message(lang, i18n::Message::kShareBarLabel);
  view.messages = messages_for(lang);
  Problems problems;
  add_buttons(request, view, problems, fitter);
  if (problems.fatal) view.buttons.clear();
  view.errors = std::move(problems.errors);
  view.fatal = problems.fatal;
  view.text_undecided = fitter.undecided();
  return view;
}

MastodonHostCheck check_mastodon_host(std::string_view input, std::string_view lang) {
  const auto host = url::normalize_host_name(input, "");
  if (!host) {
    return {false, "", std::string(i18n::message(i18n::resolve_lang(lang, ""), i18n::Message::kMastodonInvalid))};
  }
  return {true, host.value(), ""};
}

}  // namespace sharelock

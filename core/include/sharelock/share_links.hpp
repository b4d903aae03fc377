// Share-intent links, one rule per network (see shared/PLATFORMS.md for the
// formats and their sources).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sharelock/text_fit.hpp"
#include "sharelock/url.hpp"

namespace sharelock {

enum class Network {
  kX, kFacebook, kLinkedIn, kWhatsApp, kTelegram, kPinterest, kReddit,
  kBluesky, kThreads, kMastodon, kEmail, kCopy, kNative,
};

inline constexpr std::array<Network, 13> kAllNetworks = {
    Network::kX,       Network::kFacebook, Network::kLinkedIn, Network::kWhatsApp,
    Network::kTelegram, Network::kPinterest, Network::kReddit, Network::kBluesky,
    Network::kThreads, Network::kMastodon, Network::kEmail,    Network::kCopy,
    Network::kNative};

// The public name used in the `networks` attribute and in events ("x", …).
std::string_view network_name(Network network);
std::optional<Network> network_from_name(std::string_view name);

// What is shared, already validated.
struct ShareContent {
  url::HttpUrl url;
  std::string text;                   // NFC, may be empty
  std::vector<std::string> hashtags;  // without '#'
  std::string via;                    // X account without '@', may be empty
  std::string image;                  // absolute http(s) URL for Pinterest, may be empty
  std::string utm_campaign;           // empty: no UTM tags
  std::string ref_seed;               // this page view's analytics seed; empty: no sl_ref
};

struct ShareLink {
  std::string href;        // the intent URL; empty for copy and native
  std::string shared_url;  // the page URL as shared (with UTM tags if asked)
  std::string text;        // the text as shared (shortened where needed)
  bool shortened = false;  // the text was cut to fit the network's limit
  // false: even shortened to nothing the text does not fit beside the rest
  // (its link, hashtags, via) within the network's limit.
  bool fits = true;
  // The hashtags and via were left out so that the text fits (they alone
  // left it no room): the site owner is told (text-does-not-fit).
  bool extras_dropped = false;
};

// The URL as shared on `network`: utm_source=<network>, utm_medium=social,
// utm_campaign=<campaign> when a campaign is set; sl_ref=<reference> when
// first-party analytics is on (analytics::share_ref), so a visit from the
// share can be counted against it; the rest untouched.
url::HttpUrl tagged_url(const ShareContent& content, Network network);

// The whole post as the network will show it, for a link of
// build_share_link on X (the text, the link, the hashtags, "via @…") or on
// a network whose intent takes one text (Bluesky, Mastodon: the text, the
// hashtags, the link). Verified pay shows and sends exactly this.
std::string shared_post(Network network, const ShareLink& link, const ShareContent& content);

// The share link of `network`, its text fitted by `fitter` (exactly,
// without one). Mastodon needs the shopper's own server; without one the
// link goes to the official chooser, share.joinmastodon.org.
ShareLink build_share_link(Network network, const ShareContent& content,
                           std::string_view mastodon_host = {});
ShareLink build_share_link(Network network, const ShareContent& content, std::string_view mastodon_host,
                           TextFitter& fitter);

}  // namespace sharelock

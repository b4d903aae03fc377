#include "sharelock/share_links.hpp"

#include "sharelock/analytics.hpp"

#include "sharelock/post_length.hpp"
#include "sharelock/unicode.hpp"

namespace sharelock {
namespace {

using url::percent_encode;

constexpr std::array<std::string_view, kAllNetworks.size()> kNames = {
    "x",       "facebook", "linkedin", "whatsapp", "telegram", "pinterest", "reddit",
    "bluesky", "threads",  "mastodon", "email",    "copy",     "native"};

// Threads takes one topic tag of at most 50 characters, without '.' or '&'.
constexpr std::size_t kThreadsTagMaxCharacters = 50;

// Text, hashtags and URL in one string, for networks whose intent has only
// a text parameter. Hashtags come before the URL, where shoppers expect them.
std::string combined_text(const std::string& text, const std::vector<std::string>& hashtags,
                          const std::string& link) {
  std::string out = text;
  const auto append_word = [&out](const std::string& word) {
    if (word.empty()) return;
    if (!out.empty()) out.push_back(' ');
    out += word;
  };
  for (const std::string& tag : hashtags) append_word("#" + tag);
  append_word(link);
  return out;
}

// The text for X, shortened so that text + URL + hashtags + via fit 280.
std::string fit_x_text(const ShareContent& content, bool& shortened) {
  std::size_t fixed = 1 + post_length::kXUrlWeight;  // " " + t.co link
  for (const std::string& tag : content.hashtags) {
    fixed += post_length::x_weighted_length(" #" + tag);
  }
  if (!content.via.empty()) fixed += post_length::x_weighted_length(" via @" + content.via);
  const std::size_t budget = fixed >= post_length::kXLimit ? 0 : post_length::kXLimit - fixed;
  std::string text = post_length::shorten(content.text, budget, post_length::Measure::kXWeighted);
  shortened = text != content.text;
  return text;
}

// The text for Bluesky, shortened so the whole post fits 300 graphemes.
std::string fit_bluesky_text(const ShareContent& content, const std::string& link,
                             bool& shortened) {
  // Everything but the text, plus the space that will separate them.
  const std::size_t fixed = post_length::grapheme_length(" " + combined_text("", content.hashtags, link));
  const std::size_t budget =
      fixed >= post_length::kBlueskyLimit ? 0 : post_length::kBlueskyLimit - fixed;
  std::string text = post_length::shorten(content.text, budget, post_length::Measure::kGraphemes);
  shortened = text != content.text;
  return text;
}

std::string first_threads_tag(const std::vector<std::string>& hashtags) {
  for (const std::string& tag : hashtags) {
    if (unicode::decode_utf8(tag).size() <= kThreadsTagMaxCharacters &&
        tag.find_first_of(".&") == std::string::npos) {
      return tag;
    }
  }
  return {};
}

}  // namespace

std::string_view network_name(Network network) {
  return kNames[static_cast<std::size_t>(network)];
}

std::optional<Network> network_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return kAllNetworks[i];
  }
  return std::nullopt;
}

url::HttpUrl tagged_url(const ShareContent& content, Network network) {
  url::HttpUrl tagged = content.url;
  if (!content.utm_campaign.empty()) {
    url::set_query_parameter(tagged, "utm_source", network_name(network));
    url::set_query_parameter(tagged, "utm_medium", "social");
    url::set_query_parameter(tagged, "utm_campaign", content.utm_campaign);
  }
  if (!content.ref_seed.empty()) {
    url::set_query_parameter(tagged, "sl_ref",
                             analytics::share_ref(content.ref_seed, network_name(network), tagged.serialize()));
  }
  return tagged;
}

ShareLink build_share_link(Network network, const ShareContent& content,
                           std::string_view mastodon_host) {
  ShareLink link;
  link.shared_url = tagged_url(content, network).serialize();
  link.text = content.text;
  const std::string& u = link.shared_url;
  const std::string enc_url = percent_encode(u);
  switch (network) {
    case Network::kX: {
      link.text = fit_x_text(content, link.shortened);
      link.href = "https://x.com/intent/tweet?text=" + percent_encode(link.text) + "&url=" + enc_url;
      if (!content.hashtags.empty()) {
        std::string tags;
        for (const std::string& tag : content.hashtags) tags += (tags.empty() ? "" : ",") + tag;
        link.href += "&hashtags=" + percent_encode(tags);
      }
      if (!content.via.empty()) link.href += "&via=" + percent_encode(content.via);
      break;
    }
    case Network::kFacebook:
      link.href = "https://www.facebook.com/sharer/sharer.php?u=" + enc_url;
      if (!content.hashtags.empty()) link.href += "&hashtag=" + percent_encode("#" + content.hashtags[0]);
      break;
    case Network::kLinkedIn:
      link.href = "https://www.linkedin.com/sharing/share-offsite/?url=" + enc_url;
      break;
    case Network::kWhatsApp:
      link.href = "https://wa.me/?text=" + percent_encode(combined_text(content.text, content.hashtags, u));
      break;
    case Network::kTelegram:
      link.href = "https://t.me/share/url?url=" + enc_url + "&text=" +
                  percent_encode(combined_text(content.text, content.hashtags, ""));
      break;
    case Network::kPinterest:
      link.href = "https://pinterest.com/pin/create/button/?url=" + enc_url + "&description=" +
                  percent_encode(combined_text(content.text, content.hashtags, ""));
      if (!content.image.empty()) link.href += "&media=" + percent_encode(content.image);
      break;
    case Network::kReddit:
      link.href = "https://www.reddit.com/submit?url=" + enc_url + "&title=" + percent_encode(content.text);
      break;
    case Network::kBluesky:
      link.text = fit_bluesky_text(content, u, link.shortened);
      link.href = "https://bsky.app/intent/compose?text=" +
                  percent_encode(combined_text(link.text, content.hashtags, u));
      break;
    case Network::kThreads: {
      link.href = "https://www.threads.com/intent/post?text=" + percent_encode(content.text) + "&url=" + enc_url;
      const std::string tag = first_threads_tag(content.hashtags);
      if (!tag.empty()) link.href += "&tag=" + percent_encode(tag);
      break;
    }
    case Network::kMastodon: {
      const std::string text = percent_encode(combined_text(content.text, content.hashtags, u));
      // The chooser reads a fragment, which never reaches its server.
      link.href = mastodon_host.empty()
                      ? "https://share.joinmastodon.org/#text=" + text
                      : "https://" + std::string(mastodon_host) + "/share?text=" + text;
      break;
    }
    case Network::kEmail: {
      const std::string body = content.text.empty() ? u : content.text + "\r\n\r\n" + u;  // RFC 6068: CRLF line breaks
      link.href = "mailto:?subject=" + percent_encode(content.text) + "&body=" + percent_encode(body);
      break;
    }
    case Network::kCopy:
    case Network::kNative:
      break;
  }
  return link;
}

}  // namespace sharelock

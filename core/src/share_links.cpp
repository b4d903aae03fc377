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

// The shopper-facing text of `link`, shortened so that the whole post
// fits `limit` as the network measures it; `rest` is the rest of the post,
// each part with the space that separates it. A post does not fit when the
// text had to go entirely, or when even without it the rest is over the
// limit.
void fit_text(ShareLink& link, const std::string& text, std::span<const std::string> rest, std::size_t limit,
              post_length::Measure how, TextFitter& fitter) {
  TextFit fit = fitter.fit(text, rest, limit, how);
  link.text = std::move(fit.text);
  link.shortened = fit.shortened;
  link.fits = fit.fits;
}

// X adds the URL, the hashtags and "via @…" to the text itself, each
// measured on its own. The URL weighs 23 as a t.co link, or in full where
// X does not link it (an IP address, a host without a real top-level
// domain).
std::vector<std::string> x_rest(const ShareContent& content, const std::string& shared_url) {
  std::vector<std::string> rest{" " + shared_url};
  for (const std::string& tag : content.hashtags) rest.push_back(" #" + tag);
  if (!content.via.empty()) rest.push_back(" via @" + content.via);
  return rest;
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

namespace {

ShareLink link_as_given(Network network, const ShareContent& content, std::string_view mastodon_host,
                        TextFitter& fitter) {
  using post_length::Measure;
  ShareLink link;
  link.shared_url = tagged_url(content, network).serialize();
  link.text = content.text;
  const std::string& u = link.shared_url;
  const std::string enc_url = percent_encode(u);
  // Everything a text-only intent carries besides the text, with the space
  // that separates them.
  const std::string text_only_rest[] = {" " + combined_text("", content.hashtags, u)};
  switch (network) {
    case Network::kX: {
      fit_text(link, content.text, x_rest(content, u), post_length::kXLimit, Measure::kXWeighted, fitter);
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
      fit_text(link, content.text, text_only_rest, post_length::kBlueskyLimit, Measure::kGraphemes, fitter);
      link.href = "https://bsky.app/intent/compose?text=" +
                  percent_encode(combined_text(link.text, content.hashtags, u));
      break;
    case Network::kThreads: {
      // The topic tag is not part of the text; the URL is.
      const std::string url_rest[] = {" " + u};
      fit_text(link, content.text, url_rest, post_length::kThreadsLimit, Measure::kThreads, fitter);
      link.href = "https://www.threads.com/intent/post?text=" + percent_encode(link.text) + "&url=" + enc_url;
      const std::string tag = first_threads_tag(content.hashtags);
      if (!tag.empty()) link.href += "&tag=" + percent_encode(tag);
      break;
    }
    case Network::kMastodon: {
      fit_text(link, content.text, text_only_rest, post_length::kMastodonLimit, Measure::kMastodon, fitter);
      const std::string text = percent_encode(combined_text(link.text, content.hashtags, u));
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

}  // namespace

std::string shared_post(Network network, const ShareLink& link, const ShareContent& content) {
  const std::vector<std::string> no_tags;
  const std::vector<std::string>& tags = link.extras_dropped ? no_tags : content.hashtags;
  if (network != Network::kX) return combined_text(link.text, tags, link.shared_url);
  std::string post = combined_text(link.text, {}, link.shared_url);
  for (const std::string& tag : tags) post += " #" + tag;
  if (!content.via.empty() && !link.extras_dropped) post += " via @" + content.via;
  return post;
}

ShareLink build_share_link(Network network, const ShareContent& content, std::string_view mastodon_host) {
  TextFitter exact = TextFitter::exact();
  return build_share_link(network, content, mastodon_host, exact);
}

ShareLink build_share_link(Network network, const ShareContent& content, std::string_view mastodon_host,
                           TextFitter& fitter) {
  ShareLink link = link_as_given(network, content, mastodon_host, fitter);
  if (link.fits || (content.hashtags.empty() && content.via.empty())) return link;
  // The hashtags and "via" leave no room for the text: a post without them
  // is worth more to the shopper than one without what they share.
  ShareContent plain = content;
  plain.hashtags.clear();
  plain.via.clear();
  ShareLink without = link_as_given(network, plain, mastodon_host, fitter);
  if (!without.fits) return link;
  without.extras_dropped = true;
  return without;
}

}  // namespace sharelock

// Share-intent links, one per network, with the exact URLs of
// shared/PLATFORMS.md; UTM tagging; share references. Fitting the text into
// each network's limit is in share_fitting_test.cpp.
#include "sharelock/share_links.hpp"

#include "sharelock/analytics.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sharelock/url.hpp"

namespace {

using sharelock::build_share_link;
using sharelock::kAllNetworks;
using sharelock::Network;
using sharelock::network_from_name;
using sharelock::network_name;
using sharelock::ShareContent;
using sharelock::ShareLink;
using sharelock::tagged_url;

// percent_encode("https://shop.example/ebook"), written out.
constexpr std::string_view kEncUrl = "https%3A%2F%2Fshop.example%2Febook";

sharelock::url::HttpUrl must_parse(std::string_view text) {
  auto result = sharelock::url::parse_http_url(text, "url");
  if (!result.ok()) {
    ADD_FAILURE() << text << ": " << result.error().code;
    return {};
  }
  return std::move(result).value();
}

ShareContent ebook() {
  ShareContent content;
  content.url = must_parse("https://shop.example/ebook");
  content.text = "Get the ebook";
  content.hashtags = {"books", "sale"};
  content.via = "shopexample";
  return content;
}

// ---------------------------------------------------------------------------
// Names

TEST(NetworkNames, RoundTripForEveryNetwork) {
  const std::vector<std::string_view> expected = {
      "x",       "facebook", "linkedin", "whatsapp", "telegram", "pinterest", "reddit",
      "bluesky", "threads",  "mastodon", "email",    "copy",     "native"};
  ASSERT_EQ(kAllNetworks.size(), expected.size());
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < kAllNetworks.size(); ++i) {
    const Network network = kAllNetworks[i];
    EXPECT_EQ(network_name(network), expected[i]);
    const auto back = network_from_name(network_name(network));
    ASSERT_TRUE(back.has_value()) << expected[i];
    EXPECT_EQ(*back, network);
    seen.insert(network_name(network));
  }
  EXPECT_EQ(seen.size(), kAllNetworks.size());
}

TEST(NetworkNames, UnknownNamesAreRefused) {
  for (std::string_view name : {"", "twitter", "myspace", "x ", " x", "x,bluesky", "mastodon.social",
                                "threads.net", "mail", "bsky"}) {
    EXPECT_FALSE(network_from_name(name).has_value()) << name;
  }
}

// ---------------------------------------------------------------------------
// Every network's link

TEST(ShareLinks, X) {
  const ShareLink link = build_share_link(Network::kX, ebook());
  EXPECT_EQ(link.href,
            "https://x.com/intent/tweet?text=Get%20the%20ebook&url=https%3A%2F%2Fshop.example%2Febook"
            "&hashtags=books%2Csale&via=shopexample");
  EXPECT_EQ(link.shared_url, "https://shop.example/ebook");
  EXPECT_EQ(link.text, "Get the ebook");
  EXPECT_FALSE(link.shortened);

  ShareContent bare = ebook();
  bare.hashtags.clear();
  bare.via.clear();
  EXPECT_EQ(build_share_link(Network::kX, bare).href,
            "https://x.com/intent/tweet?text=Get%20the%20ebook&url=https%3A%2F%2Fshop.example%2Febook");
  bare.text.clear();
  EXPECT_EQ(build_share_link(Network::kX, bare).href,
            "https://x.com/intent/tweet?text=&url=https%3A%2F%2Fshop.example%2Febook");
}

TEST(ShareLinks, FacebookTakesOneHashtagWithAnEncodedHash) {
  EXPECT_EQ(build_share_link(Network::kFacebook, ebook()).href,
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fshop.example%2Febook"
            "&hashtag=%23books");
  ShareContent bare = ebook();
  bare.hashtags.clear();
  EXPECT_EQ(build_share_link(Network::kFacebook, bare).href,
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fshop.example%2Febook");
}

TEST(ShareLinks, LinkedInTakesTheUrlOnly) {
  EXPECT_EQ(build_share_link(Network::kLinkedIn, ebook()).href,
            "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fshop.example%2Febook");
}

TEST(ShareLinks, WhatsAppPutsTextHashtagsAndUrlInOneTextParameter) {
  EXPECT_EQ(build_share_link(Network::kWhatsApp, ebook()).href,
            "https://wa.me/?text=Get%20the%20ebook%20%23books%20%23sale%20"
            "https%3A%2F%2Fshop.example%2Febook");
  ShareContent bare = ebook();
  bare.hashtags.clear();
  bare.text.clear();
  EXPECT_EQ(build_share_link(Network::kWhatsApp, bare).href,
            "https://wa.me/?text=https%3A%2F%2Fshop.example%2Febook");
}

TEST(ShareLinks, Telegram) {
  EXPECT_EQ(build_share_link(Network::kTelegram, ebook()).href,
            "https://t.me/share/url?url=https%3A%2F%2Fshop.example%2Febook"
            "&text=Get%20the%20ebook%20%23books%20%23sale");
}

TEST(ShareLinks, PinterestWithAndWithoutImage) {
  ShareContent content = ebook();
  EXPECT_EQ(build_share_link(Network::kPinterest, content).href,
            "https://pinterest.com/pin/create/button/?url=https%3A%2F%2Fshop.example%2Febook"
            "&description=Get%20the%20ebook%20%23books%20%23sale");
  content.image = "https://shop.example/img/cover.jpg";
  EXPECT_EQ(build_share_link(Network::kPinterest, content).href,
            "https://pinterest.com/pin/create/button/?url=https%3A%2F%2Fshop.example%2Febook"
            "&description=Get%20the%20ebook%20%23books%20%23sale"
            "&media=https%3A%2F%2Fshop.example%2Fimg%2Fcover.jpg");
}

TEST(ShareLinks, Reddit) {
  EXPECT_EQ(build_share_link(Network::kReddit, ebook()).href,
            "https://www.reddit.com/submit?url=https%3A%2F%2Fshop.example%2Febook&title=Get%20the%20ebook");
}

TEST(ShareLinks, BlueskyTakesEverythingInText) {
  const ShareLink link = build_share_link(Network::kBluesky, ebook());
  EXPECT_EQ(link.href,
            "https://bsky.app/intent/compose?text=Get%20the%20ebook%20%23books%20%23sale%20"
            "https%3A%2F%2Fshop.example%2Febook");
  EXPECT_FALSE(link.shortened);
  EXPECT_EQ(link.text, "Get the ebook");
}

TEST(ShareLinks, ThreadsTakesOneTag) {
  EXPECT_EQ(build_share_link(Network::kThreads, ebook()).href,
            "https://www.threads.com/intent/post?text=Get%20the%20ebook"
            "&url=https%3A%2F%2Fshop.example%2Febook&tag=books");
  ShareContent content = ebook();
  // A tag over 50 characters is skipped for the next one that fits.
  content.hashtags = {std::string(51, 'a'), "sale"};
  EXPECT_EQ(build_share_link(Network::kThreads, content).href,
            "https://www.threads.com/intent/post?text=Get%20the%20ebook"
            "&url=https%3A%2F%2Fshop.example%2Febook&tag=sale");
  content.hashtags = {std::string(50, 'a')};
  EXPECT_EQ(build_share_link(Network::kThreads, content).href,
            "https://www.threads.com/intent/post?text=Get%20the%20ebook"
            "&url=https%3A%2F%2Fshop.example%2Febook&tag=" + std::string(50, 'a'));
  content.hashtags = {std::string(51, 'a')};
  EXPECT_EQ(build_share_link(Network::kThreads, content).href,
            "https://www.threads.com/intent/post?text=Get%20the%20ebook"
            "&url=https%3A%2F%2Fshop.example%2Febook");
  content.hashtags.clear();
  EXPECT_EQ(build_share_link(Network::kThreads, content).href,
            "https://www.threads.com/intent/post?text=Get%20the%20ebook"
            "&url=https%3A%2F%2Fshop.example%2Febook");
}

TEST(ShareLinks, ThreadsTagLimitIsInCharactersNotBytes) {
  // PLATFORMS.md: one tag of at most 50 characters. 30 "ñ" are 30
  // characters (60 bytes in UTF-8).
  ShareContent content = ebook();
  std::string tag;
  std::string encoded;
  for (int i = 0; i < 30; ++i) {
    tag += "ñ";
    encoded += "%C3%B1";
  }
  content.hashtags = {tag};
  EXPECT_EQ(build_share_link(Network::kThreads, content).href,
            "https://www.threads.com/intent/post?text=Get%20the%20ebook"
            "&url=https%3A%2F%2Fshop.example%2Febook&tag=" + encoded);
}

TEST(ShareLinks, MastodonWithAndWithoutAServer) {
  EXPECT_EQ(build_share_link(Network::kMastodon, ebook(), "mastodon.social").href,
            "https://mastodon.social/share?text=Get%20the%20ebook%20%23books%20%23sale%20"
            "https%3A%2F%2Fshop.example%2Febook");
  // Without one: the official chooser, which reads a fragment.
  EXPECT_EQ(build_share_link(Network::kMastodon, ebook()).href,
            "https://share.joinmastodon.org/#text=Get%20the%20ebook%20%23books%20%23sale%20"
            "https%3A%2F%2Fshop.example%2Febook");
  EXPECT_EQ(build_share_link(Network::kMastodon, ebook(), "").href,
            build_share_link(Network::kMastodon, ebook()).href);
}

TEST(ShareLinks, EmailSubjectAndBody) {
  // RFC 6068 section 5: line breaks in a mailto body are "%0D%0A".
  EXPECT_EQ(build_share_link(Network::kEmail, ebook()).href,
            "mailto:?subject=Get%20the%20ebook&body=Get%20the%20ebook%0D%0A%0D%0A"
            "https%3A%2F%2Fshop.example%2Febook");
  ShareContent bare = ebook();
  bare.text.clear();
  EXPECT_EQ(build_share_link(Network::kEmail, bare).href,
            "mailto:?subject=&body=https%3A%2F%2Fshop.example%2Febook");
}

TEST(ShareLinks, CopyAndNativeHaveNoHrefButTheSharedUrl) {
  for (Network network : {Network::kCopy, Network::kNative}) {
    const ShareLink link = build_share_link(network, ebook());
    EXPECT_EQ(link.href, "") << network_name(network);
    EXPECT_EQ(link.shared_url, "https://shop.example/ebook") << network_name(network);
    EXPECT_EQ(link.text, "Get the ebook") << network_name(network);
    EXPECT_FALSE(link.shortened);
  }
}

TEST(ShareLinks, TextIsDataPercentEncodedEverywhere) {
  ShareContent content = ebook();
  content.text = "50% off & <b>free</b> #1 \"now\"\n¡ya!";
  const std::string enc = "50%25%20off%20%26%20%3Cb%3Efree%3C%2Fb%3E%20%231%20%22now%22%0A%C2%A1ya%21";
  EXPECT_EQ(build_share_link(Network::kX, content).href,
            "https://x.com/intent/tweet?text=" + enc + "&url=" + std::string(kEncUrl) +
                "&hashtags=books%2Csale&via=shopexample");
  EXPECT_EQ(build_share_link(Network::kReddit, content).href,
            "https://www.reddit.com/submit?url=" + std::string(kEncUrl) + "&title=" + enc);
  EXPECT_EQ(build_share_link(Network::kBluesky, content).href,
            "https://bsky.app/intent/compose?text=" + enc + "%20%23books%20%23sale%20" +
                std::string(kEncUrl));
  for (Network network : kAllNetworks) {
    const std::string href = build_share_link(network, content, "mastodon.social").href;
    for (char c : std::string_view("<>\" \n")) {
      EXPECT_EQ(href.find(c), std::string::npos) << network_name(network) << ": " << href;
    }
  }
}

TEST(ShareLinks, UrlWithQueryAndFragmentIsEncodedWhole) {
  ShareContent content = ebook();
  content.url = must_parse("https://shop.example/ebook?id=7&lang=es#reviews");
  EXPECT_EQ(build_share_link(Network::kLinkedIn, content).href,
            "https://www.linkedin.com/sharing/share-offsite/?url="
            "https%3A%2F%2Fshop.example%2Febook%3Fid%3D7%26lang%3Des%23reviews");
  EXPECT_EQ(build_share_link(Network::kLinkedIn, content).shared_url,
            "https://shop.example/ebook?id=7&lang=es#reviews");
}

// ---------------------------------------------------------------------------
// UTM tagging

TEST(UtmTagging, EveryNetworkGetsItsOwnSource) {
  ShareContent content = ebook();
  content.url = must_parse("https://shop.example/ebook?ref=home#reviews");
  content.utm_campaign = "spring";
  for (Network network : kAllNetworks) {
    const std::string expected = "https://shop.example/ebook?ref=home&utm_source=" +
                                 std::string(network_name(network)) +
                                 "&utm_medium=social&utm_campaign=spring#reviews";
    EXPECT_EQ(tagged_url(content, network).serialize(), expected);
    EXPECT_EQ(build_share_link(network, content, "mastodon.social").shared_url, expected);
  }
  EXPECT_EQ(build_share_link(Network::kLinkedIn, content).href,
            "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fshop.example%2Febook"
            "%3Fref%3Dhome%26utm_source%3Dlinkedin%26utm_medium%3Dsocial%26utm_campaign%3Dspring"
            "%23reviews");
  EXPECT_EQ(build_share_link(Network::kBluesky, content).href,
            "https://bsky.app/intent/compose?text=Get%20the%20ebook%20%23books%20%23sale%20"
            "https%3A%2F%2Fshop.example%2Febook%3Fref%3Dhome%26utm_source%3Dbluesky"
            "%26utm_medium%3Dsocial%26utm_campaign%3Dspring%23reviews");
}

TEST(UtmTagging, ExistingUtmParametersAreReplacedNotDuplicated) {
  ShareContent content = ebook();
  content.url = must_parse(
      "https://shop.example/ebook?utm_source=newsletter&utm_medium=email&id=7&utm_source=dup"
      "&utm_campaign=old&utm_content=banner");
  content.utm_campaign = "spring sale";
  EXPECT_EQ(tagged_url(content, Network::kX).serialize(),
            "https://shop.example/ebook?utm_source=x&utm_medium=social&id=7"
            "&utm_campaign=spring%20sale&utm_content=banner");
}

TEST(UtmTagging, NoCampaignNoTags) {
  ShareContent content = ebook();
  content.url = must_parse("https://shop.example/ebook?utm_source=newsletter#top");
  EXPECT_EQ(tagged_url(content, Network::kX).serialize(),
            "https://shop.example/ebook?utm_source=newsletter#top");
  EXPECT_EQ(build_share_link(Network::kFacebook, content).shared_url,
            "https://shop.example/ebook?utm_source=newsletter#top");
}

}  // namespace

// ---------------------------------------------------------------------------
// Share references (first-party analytics)

TEST(ShareReference, AddedPerNetworkOnlyWithASeed) {
  ShareContent content = ebook();
  content.url = must_parse("https://shop.example/ebook");
  content.utm_campaign = "spring";
  EXPECT_EQ(tagged_url(content, Network::kX).serialize().find("sl_ref"), std::string::npos);

  content.ref_seed = "c2VlZC1vZi10aGlzLXBhZ2U";
  const std::string tagged_x = "https://shop.example/ebook?utm_source=x&utm_medium=social&utm_campaign=spring";
  const std::string ref = sharelock::analytics::share_ref(content.ref_seed, "x", tagged_x);
  EXPECT_EQ(tagged_url(content, Network::kX).serialize(), tagged_x + "&sl_ref=" + ref);
  EXPECT_EQ(build_share_link(Network::kX, content).shared_url, tagged_x + "&sl_ref=" + ref);
  EXPECT_NE(tagged_url(content, Network::kFacebook).serialize().find("&sl_ref="), std::string::npos);
  EXPECT_EQ(tagged_url(content, Network::kFacebook).serialize().find(ref), std::string::npos);
}

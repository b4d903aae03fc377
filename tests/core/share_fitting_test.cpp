// Fitting the shopper's text into each network's limit: X's 280 weighted
// characters, Bluesky's 300 graphemes, Mastodon's and Threads' 500; and
// what happens when the hashtags and via alone leave the text no room.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "sharelock/post_length.hpp"
#include "sharelock/share_links.hpp"
#include "sharelock/url.hpp"
#include "sharelock/widget_input.hpp"

namespace {

using sharelock::build_share_link;
using sharelock::Network;
using sharelock::network_name;
using sharelock::shared_post;
using sharelock::ShareContent;
using sharelock::ShareLink;
namespace post_length = sharelock::post_length;

ShareContent ebook() {
  ShareContent content;
  content.url = sharelock::url::parse_http_url("https://shop.example/ebook", "url").value();
  content.text = "Get the ebook";
  content.hashtags = {"books", "sale"};
  content.via = "shopexample";
  return content;
}

std::string repeat_joined(std::string_view word, std::size_t n, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out += separator;
    out += word;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Fitting X's 280 weighted characters

// What X counts for the post built from this link: the text, a space and
// the URL, " #tag" for each hashtag, " via @account".
std::size_t x_post_weight(const ShareLink& link, const ShareContent& content) {
  return post_length::x_weighted_length(shared_post(Network::kX, link, content));
}

// A page on a real top-level domain, which X links: its URL weighs 23.
ShareContent ebook_on_x() {
  ShareContent content = ebook();
  content.url = sharelock::url::parse_http_url("https://shop.example.com/ebook", "url").value();
  return content;
}

TEST(XFitting, LongTextIsCutAtAWordAndTheRestStaysIntact) {
  ShareContent content = ebook_on_x();
  content.text = repeat_joined("abcdefghi", 40, " ");  // 399 characters
  // Fixed part: " " + 23 + " #books" (7) + " #sale" (6) + " via @shopexample"
  // (17) = 54, leaving 226 for the text: 22 words (219) + "…" (2) = 221;
  // a 23rd word would make 231.
  const ShareLink link = build_share_link(Network::kX, content);
  EXPECT_TRUE(link.shortened);
  EXPECT_EQ(link.text, repeat_joined("abcdefghi", 22, " ") + "…");
  EXPECT_EQ(link.href, "https://x.com/intent/tweet?text=" + repeat_joined("abcdefghi", 22, "%20") +
                           "%E2%80%A6&url=https%3A%2F%2Fshop.example.com%2Febook"
                           "&hashtags=books%2Csale&via=shopexample");
  EXPECT_EQ(x_post_weight(link, content), 275u);
  EXPECT_LE(x_post_weight(link, content), post_length::kXLimit);
}

TEST(XFitting, ExactlyAtTheLimitIsNotShortened) {
  ShareContent content = ebook_on_x();
  content.hashtags.clear();
  content.via.clear();
  content.text = std::string(256, 'a');  // 256 + 1 + 23 = 280
  ShareLink link = build_share_link(Network::kX, content);
  EXPECT_FALSE(link.shortened);
  EXPECT_EQ(link.text, content.text);

  content.text = std::string(257, 'a');  // one over: one long word, cut anywhere
  link = build_share_link(Network::kX, content);
  EXPECT_TRUE(link.shortened);
  EXPECT_EQ(link.text, std::string(254, 'a') + "…");
  EXPECT_EQ(x_post_weight(link, content), 280u);
}

TEST(XFitting, EmojiAndCjkTextsFitTooAndOnlyTheTextChanges) {
  const std::vector<std::string> texts = {
      [] { std::string s; for (int i = 0; i < 120; ++i) s += "日本語 "; return s; }(),
      [] { std::string s; for (int i = 0; i < 100; ++i) s += "👨‍👩‍👧‍👦 🇪🇸 "; return s; }(),
      [] { std::string s; for (int i = 0; i < 60; ++i) s += "Oferta en https://shop.example/x "; return s; }(),
      std::string(600, 'x'),
  };
  for (const std::string& text : texts) {
    ShareContent content = ebook_on_x();
    content.text = text;
    content.utm_campaign = "launch";
    const ShareLink link = build_share_link(Network::kX, content);
    EXPECT_TRUE(link.shortened) << text;
    EXPECT_LE(x_post_weight(link, content), post_length::kXLimit) << link.text;
    EXPECT_EQ(link.text.substr(link.text.size() - 3), "…");
    EXPECT_EQ(text.compare(0, link.text.size() - 3, link.text.substr(0, link.text.size() - 3)), 0);
    EXPECT_EQ(link.href, "https://x.com/intent/tweet?text=" + sharelock::url::percent_encode(link.text) +
                             "&url=" + sharelock::url::percent_encode(link.shared_url) +
                             "&hashtags=books%2Csale&via=shopexample");
    EXPECT_EQ(link.shared_url,
              "https://shop.example.com/ebook?utm_source=x&utm_medium=social&utm_campaign=launch");
  }
}

TEST(XFitting, NetworksWithoutALimitAreNotShortened) {
  ShareContent content = ebook_on_x();
  content.text = std::string(600, 'x');
  for (Network network : {Network::kFacebook, Network::kWhatsApp, Network::kTelegram,
                          Network::kReddit, Network::kEmail, Network::kCopy}) {
    const ShareLink link = build_share_link(network, content);
    EXPECT_FALSE(link.shortened) << network_name(network);
    EXPECT_EQ(link.text, content.text) << network_name(network);
  }
}

// ---------------------------------------------------------------------------
// Fitting Bluesky's 300 graphemes

TEST(BlueskyFitting, LongTextIsCutSoTheWholePostIs300Graphemes) {
  ShareContent content = ebook();
  content.text = repeat_joined("abcdefghi", 40, " ");
  // Fixed: " #books #sale https://shop.example/ebook" = 40 graphemes, so the
  // text gets 260: 26 words (259) + "…".
  const ShareLink link = build_share_link(Network::kBluesky, content);
  EXPECT_TRUE(link.shortened);
  EXPECT_EQ(link.text, repeat_joined("abcdefghi", 26, " ") + "…");
  EXPECT_EQ(link.href, "https://bsky.app/intent/compose?text=" + repeat_joined("abcdefghi", 26, "%20") +
                           "%E2%80%A6%20%23books%20%23sale%20https%3A%2F%2Fshop.example%2Febook");
  EXPECT_EQ(post_length::grapheme_length(link.text + " #books #sale https://shop.example/ebook"), 300u);
}

TEST(BlueskyFitting, EmojiTextKeepsWholeClusters) {
  ShareContent content = ebook();
  content.hashtags.clear();
  std::string text;
  for (int i = 0; i < 400; ++i) text += "👨‍👩‍👧‍👦";
  content.text = text;
  // " https://shop.example/ebook" is 27 graphemes: 272 families + "…".
  const ShareLink link = build_share_link(Network::kBluesky, content);
  std::string expected;
  for (int i = 0; i < 272; ++i) expected += "👨‍👩‍👧‍👦";
  EXPECT_TRUE(link.shortened);
  EXPECT_EQ(link.text, expected + "…");
  EXPECT_EQ(post_length::grapheme_length(link.text + " https://shop.example/ebook"), 300u);
}

TEST(BlueskyFitting, ShortTextIsUntouched) {
  ShareContent content = ebook();
  content.text = repeat_joined("abcdefghi", 26, " ");  // 259 + 40 = 299
  const ShareLink link = build_share_link(Network::kBluesky, content);
  EXPECT_FALSE(link.shortened);
  EXPECT_EQ(link.text, content.text);
}

// ---------------------------------------------------------------------------
// Fitting Mastodon's and Threads' 500

TEST(MastodonFitting, LongTextIsCutSoTheWholePostIs500) {
  ShareContent content = ebook();
  content.text = repeat_joined("abcdefghi", 60, " ");  // 599 characters
  // Fixed: " #books #sale " + the URL as 23 = 37, leaving 463: 46 words
  // (459) + "…".
  const ShareLink link = build_share_link(Network::kMastodon, content, "mastodon.social");
  EXPECT_TRUE(link.shortened);
  EXPECT_TRUE(link.fits);
  EXPECT_EQ(link.text, repeat_joined("abcdefghi", 46, " ") + "…");
  const std::string post = shared_post(Network::kMastodon, link, content);
  EXPECT_EQ(post, link.text + " #books #sale https://shop.example/ebook");
  EXPECT_EQ(post_length::mastodon_length(post), 497u);
  EXPECT_EQ(link.href, "https://mastodon.social/share?text=" + sharelock::url::percent_encode(post));
}

TEST(ThreadsFitting, LongTextIsCutSoTextAndLinkAre500) {
  ShareContent content = ebook();
  content.text = repeat_joined("abcdefghi", 60, " ");
  // The tag is a topic, not text; " https://shop.example/ebook" is 27, so
  // the text gets 473: 47 words (469) + "…".
  const ShareLink link = build_share_link(Network::kThreads, content);
  EXPECT_TRUE(link.shortened);
  EXPECT_EQ(link.text, repeat_joined("abcdefghi", 47, " ") + "…");
  EXPECT_EQ(link.href, "https://www.threads.com/intent/post?text=" + repeat_joined("abcdefghi", 47, "%20") +
                           "%E2%80%A6&url=https%3A%2F%2Fshop.example%2Febook&tag=books");
  EXPECT_LE(post_length::threads_length(link.text + " https://shop.example/ebook"), post_length::kThreadsLimit);
}

TEST(ThreadsFitting, AnEmojiCountsItsUtf8Bytes) {
  EXPECT_EQ(post_length::threads_length("a"), 1u);
  EXPECT_EQ(post_length::threads_length("日本"), 2u);
  EXPECT_EQ(post_length::threads_length("😀"), 4u);
  EXPECT_EQ(post_length::threads_length("👍🏽"), 8u);
  EXPECT_EQ(post_length::threads_length("https://shop.example/ebook"), 26u);  // in full
  ShareContent content = ebook();
  std::string text;
  for (int i = 0; i < 200; ++i) text += "🎁";
  content.text = text;
  // 473 left for the text: 118 gifts (472) + "…" (1).
  const ShareLink link = build_share_link(Network::kThreads, content);
  std::string expected;
  for (int i = 0; i < 118; ++i) expected += "🎁";
  EXPECT_EQ(link.text, expected + "…");
}

// ---------------------------------------------------------------------------
// Hashtags and via that leave no room

ShareContent crowded() {
  ShareContent content = ebook();
  content.hashtags.clear();
  // 560 characters of hashtags: over every limit.
  for (int i = 0; i < 30; ++i) content.hashtags.push_back("verylonghashtag" + std::to_string(i));
  content.via = "shopexample";
  content.text = "Get the ebook before Friday";
  return content;
}

TEST(ShareFit, HashtagsThatLeaveNoRoomAreDroppedAndTheTextKept) {
  const ShareContent content = crowded();
  for (Network network : {Network::kX, Network::kBluesky, Network::kMastodon}) {
    const ShareLink link = build_share_link(network, content);
    EXPECT_TRUE(link.fits) << network_name(network);
    EXPECT_TRUE(link.extras_dropped) << network_name(network);
    EXPECT_EQ(link.text, content.text) << network_name(network);
    const std::string post = shared_post(network, link, content);
    EXPECT_EQ(post, "Get the ebook before Friday https://shop.example/ebook") << network_name(network);
    EXPECT_EQ(link.href.find("verylonghashtag"), std::string::npos) << link.href;
    EXPECT_EQ(link.href.find("shopexample"), std::string::npos) << link.href;
  }
  // Threads carries one topic tag beside the text: nothing to drop.
  const ShareLink threads = build_share_link(Network::kThreads, content);
  EXPECT_TRUE(threads.fits);
  EXPECT_FALSE(threads.extras_dropped);
}

TEST(ShareFit, TheSiteOwnerIsToldWhichAttributeToChange) {
  sharelock::Problems problems;
  const ShareContent content = crowded();
  sharelock::report_share_fit(build_share_link(Network::kX, content), Network::kX, content, problems);
  ASSERT_EQ(problems.errors.size(), 1u);
  EXPECT_FALSE(problems.fatal);
  EXPECT_EQ(problems.errors[0].code, "text-does-not-fit");
  EXPECT_EQ(problems.errors[0].attribute, "hashtags");
  EXPECT_NE(problems.errors[0].message.find("on X"), std::string::npos) << problems.errors[0].message;

  ShareContent only_via = ebook();
  only_via.hashtags.clear();
  only_via.via = std::string(300, 'v');
  problems = {};
  sharelock::report_share_fit(build_share_link(Network::kX, only_via), Network::kX, only_via, problems);
  ASSERT_EQ(problems.errors.size(), 1u);
  EXPECT_EQ(problems.errors[0].attribute, "via");

  // Hashtags that fit beside a shortened text are no problem.
  problems = {};
  ShareContent fine = ebook();
  fine.text = std::string(600, 'x');
  sharelock::report_share_fit(build_share_link(Network::kX, fine), Network::kX, fine, problems);
  EXPECT_TRUE(problems.errors.empty());
}

TEST(ShareFit, ALinkLongerThanTheLimitLeavesNoRoomOnBluesky) {
  ShareContent content = ebook();
  content.hashtags.clear();
  content.url = sharelock::url::parse_http_url("https://shop.example/" + std::string(320, 'p'), "url").value();
  const ShareLink link = build_share_link(Network::kBluesky, content);
  EXPECT_FALSE(link.fits);
  EXPECT_FALSE(link.extras_dropped);
  EXPECT_EQ(link.text, "");
  sharelock::Problems problems;
  sharelock::report_share_fit(link, Network::kBluesky, content, problems);
  ASSERT_EQ(problems.errors.size(), 1u);
  EXPECT_EQ(problems.errors[0].attribute, "url");
  // X counts it in full too: shop.example has no real top-level domain…
  EXPECT_FALSE(build_share_link(Network::kX, content).fits);
  // … while a link it makes its own weighs 23 however long.
  content.url = sharelock::url::parse_http_url("https://shop.example.com/" + std::string(320, 'p'), "url").value();
  EXPECT_TRUE(build_share_link(Network::kX, content).fits);
}

TEST(ShareFit, NoTextIsNoProblem) {
  ShareContent content = ebook();
  content.text.clear();
  for (Network network : {Network::kX, Network::kBluesky, Network::kMastodon, Network::kThreads}) {
    const ShareLink link = build_share_link(network, content);
    EXPECT_TRUE(link.fits) << network_name(network);
    EXPECT_FALSE(link.extras_dropped) << network_name(network);
  }
}

}  // namespace

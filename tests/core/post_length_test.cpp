// Post length as X and Bluesky count it, and shortening to a budget.
//
// X's rules: docs.x.com "Counting characters" and the twitter-text v3
// conformance suite (conformance/validate.yml, sections
// WeightedTweetsWithDiscountedEmojiCounterTest and
// UnicodeDirectionalMarkerCounterTest); the cases marked "conformance" are
// taken from there with their published expected values. Bluesky counts
// extended grapheme clusters (UAX #29).
#include "sharelock/post_length.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sharelock/unicode.hpp"

namespace {

using sharelock::post_length::grapheme_length;
using sharelock::post_length::kBlueskyLimit;
using sharelock::post_length::kXLimit;
using sharelock::post_length::kXUrlWeight;
using sharelock::post_length::measure;
using sharelock::post_length::Measure;
using sharelock::post_length::shorten;
using sharelock::post_length::x_weighted_length;

constexpr std::string_view kEllipsis = "\u2026";

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::string utf8(std::u32string_view code_points) {
  return sharelock::unicode::encode_utf8(code_points);
}

// ---------------------------------------------------------------------------
// X: the weighted length

TEST(XWeightedLength, Constants) {
  EXPECT_EQ(kXLimit, 280u);
  EXPECT_EQ(kXUrlWeight, 23u);
  EXPECT_EQ(kBlueskyLimit, 300u);
}

TEST(XWeightedLength, AsciiCountsOneEach) {
  EXPECT_EQ(x_weighted_length(""), 0u);
  EXPECT_EQ(x_weighted_length("This is a test."), 15u);  // conformance (lengths)
  EXPECT_EQ(x_weighted_length("Hello, world!\n"), 14u);
  EXPECT_EQ(x_weighted_length(repeat("a", 280)), 280u);
  // conformance: "Long tweet, overflow at char index 280"
  EXPECT_EQ(x_weighted_length("285 chars-" + repeat("xxxxxxxxxx-", 25)), 285u);
}

// Each value is what twitter-text 3.1.0 (parseTweet, configs.version3,
// twemoji-parser 14) gives: an emoji weighs 2, and whatever else its
// grapheme cluster holds (a stray ZWJ, selector, keycap mark or vowel sign)
// weighs as the characters it is.
TEST(XWeightedLength, AnEmojiIsTwoAndWhatTrailsItInTheClusterCountsApart) {
  EXPECT_EQ(x_weighted_length("\U0001F467\u20E3"), 4u);                 // girl + keycap mark
  EXPECT_EQ(x_weighted_length("\U0001F1F2\uFE0F"), 4u);                 // one regional indicator + selector
  EXPECT_EQ(x_weighted_length("\U0001F308\u094F"), 3u);                 // rainbow + Devanagari vowel sign
  EXPECT_EQ(x_weighted_length("\U0001F467\u200D"), 3u);                 // a trailing ZWJ
  EXPECT_EQ(x_weighted_length("\u263A\u200D"), 3u);
  EXPECT_EQ(x_weighted_length("1\uFE0F"), 3u);                           // no keycap without U+20E3
  EXPECT_EQ(x_weighted_length("1\uFE0F\u20E3"), 2u);
  EXPECT_EQ(x_weighted_length("\U0001F1EA"), 2u);
  EXPECT_EQ(x_weighted_length("\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"), 2u);
  EXPECT_EQ(x_weighted_length("\u261D\U0001F3FD"), 2u);
  EXPECT_EQ(x_weighted_length("\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"), 2u);
  EXPECT_EQ(x_weighted_length("\u2764\uFE0F\u200D\U0001F525"), 2u);
  EXPECT_EQ(x_weighted_length("\U0001F3F3\uFE0F\u200D\U0001F308"), 2u);
}

TEST(XWeightedLength, UrlCountsTwentyThreeWhateverItsLength) {
  // conformance
  EXPECT_EQ(x_weighted_length("http://test.co"), 23u);
  EXPECT_EQ(x_weighted_length("Hi http://test.co"), 26u);
  EXPECT_EQ(x_weighted_length("http://test.com"), 23u);
  EXPECT_EQ(x_weighted_length("https://test.com"), 23u);
  EXPECT_EQ(x_weighted_length("HTTPS://www.ExaMPLE.COM/index.html"), 23u);
  EXPECT_EQ(x_weighted_length(repeat("https://www.twitter.com/aloha ", 10)), 240u);
  EXPECT_EQ(x_weighted_length("285 chars- http://www.twitter.com/jack " + repeat("xxxxxxxxxx-", 24)),
            299u);
  EXPECT_EQ(x_weighted_length(repeat("xxxxxxxxxx-", 24) + " http://www.twitter.com/jack "), 289u);
  // Short and very long URLs alike.
  EXPECT_EQ(x_weighted_length("http://a.co"), 23u);
  EXPECT_EQ(x_weighted_length("https://example.com/" + repeat("long-path/", 50) + "?q=1#frag"), 23u);
  EXPECT_EQ(x_weighted_length("Test https://test.com test https://test.com test"), 5u + 23 + 6 + 23 + 5);
  // Non-ASCII in the path does not change the weight.
  EXPECT_EQ(x_weighted_length("http://example.com/Русские_слова"), 23u);
  EXPECT_EQ(x_weighted_length("http://☃.net/"), 23u);
}

TEST(XWeightedLength, TrailingPunctuationIsNotPartOfTheUrl) {
  EXPECT_EQ(x_weighted_length("See https://example.com/ebook."), 4u + 23 + 1);
  EXPECT_EQ(x_weighted_length("See https://example.com/ebook!"), 4u + 23 + 1);
  EXPECT_EQ(x_weighted_length("Visit https://example.com/a, then https://example.com/b?"),
            6u + 23 + 7 + 23 + 1);
  EXPECT_EQ(x_weighted_length("(see https://example.com/ebook)"), 5u + 23 + 1);
  EXPECT_EQ(x_weighted_length("\"https://example.com/ebook\""), 1u + 23 + 1);
}

TEST(XWeightedLength, UrlAfterPunctuationCounts23ButNotAfterALetter) {
  // twitter-text: a URL may follow anything but [A-Za-z0-9@＠$#＃].
  EXPECT_EQ(x_weighted_length("(https://example.com/ebook)"), 1u + 23 + 1);
  EXPECT_EQ(x_weighted_length("ebook:https://example.com/x"), 6u + 23);
  EXPECT_EQ(x_weighted_length("¿https://example.com/x?"), 1u + 23 + 1);
  // Glued to a word, it is not a link.
  EXPECT_EQ(x_weighted_length("abchttps://example.com"), 22u);
  EXPECT_EQ(x_weighted_length("#https://example.com"), 20u);
  EXPECT_EQ(x_weighted_length("@https://example.com"), 20u);
}

// KNOWN GAP, not fixed (needs twitter-text's TLD list): X links a domain
// written without "http(s)://" when it ends in a known TLD, and counts it
// as 23. The core counts such text character by character, so a text with
// a short bare domain ("test.com", 8) is under-counted by up to 15.
// Enable when the core recognises bare domains.
TEST(XWeightedLength, DirectionalMarkers) {
  // conformance (UnicodeDirectionalMarkerCounterTest): U+2066, U+202A, a
  // URL, U+202C, U+2069 — 2 + 2 + 23 + 2 + 2.
  EXPECT_EQ(x_weighted_length(utf8(U"\u2066\u202Ahttp://foobar.\u067E\u0627\u06A9\u0633\u062A\u0627\u0646/"
                                   U"\u202C\u2069")),
            31u);
  EXPECT_EQ(x_weighted_length(utf8(U"ABC\u202A\uFFFFABC\uFFFE")), 12u);
}

TEST(XWeightedLength, UrlWithAnInvalidHostIsCountedAsText) {
  // conformance: a 64-character label is no domain, and neither is a label
  // whose Punycode form is longer than 63.
  EXPECT_EQ(x_weighted_length("randomurlrandomurlrandomurlrandomurlrandomurlrandomurlrandomurls.com"),
            68u);
  const std::string long_label = "https://" + repeat("a", 64) + ".com/x";
  EXPECT_EQ(x_weighted_length(long_label), long_label.size());
  EXPECT_EQ(x_weighted_length("https://" + repeat("a", 63) + ".com/x"), 23u);

  const std::string cjk = repeat("あいうえおかきくけこ", 12);  // 120 characters
  const std::string host = repeat("あいうえおかきくけこ", 5);
  // 53 kana → "xn--" + 60 = 64 characters: not a URL; 7 + 106 + 4 = 117.
  EXPECT_EQ(x_weighted_length(cjk + " http://" + host + "あいう.com"), 358u);
  // 52 kana → "xn--" + 59 = 63: a URL.
  EXPECT_EQ(x_weighted_length(cjk + " http://" + host + "あい.com"), 264u);
}

TEST(XWeightedLength, EmojiCountTwo) {
  EXPECT_EQ(x_weighted_length("😀"), 2u);
  EXPECT_EQ(x_weighted_length("👍🏽"), 2u);                       // skin tone
  EXPECT_EQ(x_weighted_length("👨‍👩‍👧‍👦"), 2u);  // ZWJ family, 7 code points
  EXPECT_EQ(x_weighted_length("🇪🇸"), 2u);                       // flag
  EXPECT_EQ(x_weighted_length("🇪🇸🇫🇷"), 4u);
  EXPECT_EQ(x_weighted_length("1️⃣"), 2u);                       // keycap with VS16
  EXPECT_EQ(x_weighted_length("1\u20E3"), 2u);                    // conformance: "1⃣"
  EXPECT_EQ(x_weighted_length("#️⃣"), 2u);
  EXPECT_EQ(x_weighted_length("❤️"), 2u);                        // U+2764 U+FE0F
  EXPECT_EQ(x_weighted_length("🏳️‍🌈"), 2u);
  // conformance
  EXPECT_EQ(x_weighted_length("H🐱☺👨‍👩‍👧‍👦"), 7u);
  EXPECT_EQ(x_weighted_length("😷👾😡🔥💩"), 10u);
  EXPECT_EQ(x_weighted_length("🙋🏽👨‍🎤"), 4u);
  EXPECT_EQ(x_weighted_length("Unicode 9.0 emoji: 🤠; 💃; 💃🏾"), 29u);
  EXPECT_EQ(x_weighted_length(utf8(U"Unicode 10.0 emoji: \U0001F92A; \U0001F9D5; \U0001F9D5\U0001F3FE; "
                                   U"\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F")),
            34u);
  EXPECT_EQ(x_weighted_length(repeat("👨‍👩‍👧‍👦", 140)), 280u);
  EXPECT_EQ(x_weighted_length(repeat("😷", 160)), 320u);
}

TEST(XWeightedLength, CjkCountsTwoEach) {
  EXPECT_EQ(x_weighted_length("日本語"), 6u);
  EXPECT_EQ(x_weighted_length("저찀쯿쿿"), 8u);
  EXPECT_EQ(x_weighted_length("の"), 2u);
  EXPECT_EQ(x_weighted_length(repeat("の", 140)), 280u);
  // conformance: 160 CJK characters, and 3 Latin + 160 CJK.
  const std::string poem =
      "故人西辞黄鹤楼，烟花三月下扬州。孤帆远影碧空尽，唯见长江天际流。朱雀桥边野草花，乌衣巷口夕阳斜。"
      "旧时王谢堂前燕，飞入寻常百姓家。朝辞白帝彩云间，千里江陵一日还。两岸猿声啼不住，轻舟已过万重山。"
      "泪湿罗巾梦不成，夜深前殿按歌声。红颜未老恩先断，斜倚薰笼坐到明。独在异乡为异客，每逢佳节倍思亲。"
      "遥知兄弟登高处，遍插茱萸少一人。";
  ASSERT_EQ(sharelock::unicode::decode_utf8(poem).size(), 160u);
  EXPECT_EQ(x_weighted_length(poem), 320u);
  EXPECT_EQ(x_weighted_length("the" + poem), 323u);
}

TEST(XWeightedLength, LightRangesCountOne) {
  // U+0000–U+10FF: Latin-1, Latin Extended, Greek, Cyrillic, Hebrew,
  // Arabic, Devanagari, Thai, Georgian …
  EXPECT_EQ(x_weighted_length("ñandú"), 5u);
  EXPECT_EQ(x_weighted_length("Привет"), 6u);
  EXPECT_EQ(x_weighted_length("αβγ"), 3u);
  EXPECT_EQ(x_weighted_length("שלום"), 4u);
  EXPECT_EQ(x_weighted_length("سلام"), 4u);
  EXPECT_EQ(x_weighted_length("สวัสดี"), 6u);
  EXPECT_EQ(x_weighted_length(utf8(U"\u10FF")), 1u);
  EXPECT_EQ(x_weighted_length(utf8(U"\u1100")), 2u);  // first code point past the range
  // U+2000–U+200D, U+2010–U+201F, U+2032–U+2037.
  EXPECT_EQ(x_weighted_length(utf8(U"\u2000\u200A\u200B\u200C\u200D")), 5u);
  EXPECT_EQ(x_weighted_length(utf8(U"\u200E")), 2u);
  EXPECT_EQ(x_weighted_length(utf8(U"\u2010\u2013\u2014\u2018\u2019\u201C\u201D\u201F")), 8u);
  EXPECT_EQ(x_weighted_length(utf8(U"\u2020")), 2u);  // † is outside
  EXPECT_EQ(x_weighted_length(kEllipsis), 2u);         // … (U+2026) too
  EXPECT_EQ(x_weighted_length(utf8(U"\u2032\u2037")), 2u);
  EXPECT_EQ(x_weighted_length(utf8(U"\u2038")), 2u);
  EXPECT_EQ(x_weighted_length("€"), 2u);
  // conformance: "Handle General Punctuation Characters with visible spaces"
  EXPECT_EQ(x_weighted_length(utf8(
                U"This is a tweet with general punctuation characters: "
                U"\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u200B\u200C\u200D"
                U" \u2010 \u2011 \u2012 \u2013 \u2014 \u2015 \u2016  \u2017 \u2018 \u2019 \u201A \u201B"
                U" \u201C \u201D \u201E \u201F \u2032 \u2033 \u2034 \u2035 \u2036 \u2037")),
            112u);
}

TEST(XWeightedLength, CombiningSequences) {
  // NFC input: "é" is one code point.
  EXPECT_EQ(x_weighted_length(utf8(U"\u00E9")), 1u);
  EXPECT_EQ(x_weighted_length(utf8(U"\u00C1B")), 2u);  // conformance "ÁB"
  // No precomposed form: each code point counts.
  EXPECT_EQ(x_weighted_length(utf8(U"q\u0307")), 2u);
  // conformance: U+FB2C is a composition exclusion; its NFC form is
  // U+05E9 U+05BC U+05C1, three code points.
  EXPECT_EQ(x_weighted_length(utf8(U"A\u05E9\u05BC\u05C1")), 4u);
  // A mark outside the light ranges weighs 2 although it joins 'a'.
  EXPECT_EQ(x_weighted_length(utf8(U"a\u20DD")), 3u);
  // twitter-text's Objective-C test: Devanagari with ZWJ and ZWNJ.
  EXPECT_EQ(x_weighted_length(utf8(U"ZWJ: \u0915\u094D\u0937 -> \u0915\u094D\u200D\u0937; "
                                   U"ZWNJ: \u0915\u094D\u0937 -> \u0915\u094D\u200C\u0937")),
            35u);
}

TEST(XWeightedLength, MeasureAgrees) {
  for (std::string_view text : {"", "hello", "日本 😀 https://example.com/x", "👨‍👩‍👧‍👦"}) {
    EXPECT_EQ(measure(text, Measure::kXWeighted), x_weighted_length(text)) << text;
    EXPECT_EQ(measure(text, Measure::kGraphemes), grapheme_length(text)) << text;
  }
}

// ---------------------------------------------------------------------------
// Bluesky: graphemes

TEST(GraphemeLength, CountsUserPerceivedCharacters) {
  EXPECT_EQ(grapheme_length(""), 0u);
  EXPECT_EQ(grapheme_length("hello"), 5u);
  EXPECT_EQ(grapheme_length("日本語"), 3u);
  EXPECT_EQ(grapheme_length("👨‍👩‍👧‍👦"), 1u);
  EXPECT_EQ(grapheme_length("👍🏽"), 1u);
  EXPECT_EQ(grapheme_length("🇪🇸🇫🇷"), 2u);
  EXPECT_EQ(grapheme_length("1️⃣"), 1u);
  EXPECT_EQ(grapheme_length(utf8(U"e\u0301")), 1u);
  EXPECT_EQ(grapheme_length(utf8(U"\u00E9")), 1u);
  EXPECT_EQ(grapheme_length("\r\n"), 1u);
  EXPECT_EQ(grapheme_length("한국어"), 3u);
  // Bluesky counts a URL's characters (no t.co).
  EXPECT_EQ(grapheme_length("https://example.com/"), 20u);
  EXPECT_EQ(grapheme_length("Hi 👋 https://example.com/"), 25u);
  EXPECT_EQ(grapheme_length(repeat("👨‍👩‍👧‍👦", 300)), 300u);
}

// ---------------------------------------------------------------------------
// shorten

TEST(Shorten, TextThatFitsIsUnchanged) {
  EXPECT_EQ(shorten("Hello world", 11, Measure::kXWeighted), "Hello world");
  EXPECT_EQ(shorten("Hello world", 1000, Measure::kXWeighted), "Hello world");
  EXPECT_EQ(shorten("日本語", 6, Measure::kXWeighted), "日本語");
  EXPECT_EQ(shorten("日本語", 3, Measure::kGraphemes), "日本語");
  EXPECT_EQ(shorten("Read https://example.com/" + repeat("x", 100), 28, Measure::kXWeighted),
            "Read https://example.com/" + repeat("x", 100));
  EXPECT_EQ(shorten("", 0, Measure::kXWeighted), "");
  EXPECT_EQ(shorten("", 0, Measure::kGraphemes), "");
}

TEST(Shorten, CutsAtAWordBoundaryAndAppendsAnEllipsis) {
  const std::string text = "The quick brown fox jumps over the lazy dog";  // 43
  // X: "…" weighs 2, so at most 18 of text; "The quick brown fo" ends inside
  // a word, so back to "The quick brown".
  EXPECT_EQ(shorten(text, 20, Measure::kXWeighted), "The quick brown…");
  // Graphemes: "…" is 1, so 19 fit and end right before a space.
  EXPECT_EQ(shorten(text, 20, Measure::kGraphemes), "The quick brown fox…");
  EXPECT_EQ(shorten(text, 42, Measure::kGraphemes), "The quick brown fox jumps over the lazy…");
  EXPECT_EQ(shorten(text, 6, Measure::kGraphemes), "The…");
  // Several spaces or a newline before the cut are dropped.
  EXPECT_EQ(shorten("Hello   \n  wonderful world", 12, Measure::kGraphemes), "Hello…");
}

TEST(Shorten, SingleOverlongWordIsCutAtAGraphemeBoundary) {
  EXPECT_EQ(shorten("Supercalifragilistic", 10, Measure::kGraphemes), "Supercali…");
  EXPECT_EQ(shorten("Supercalifragilistic", 10, Measure::kXWeighted), "Supercal…");
  // CJK has no spaces: cut between characters (2 each, "…" 2).
  EXPECT_EQ(shorten("日本語のテキストです", 11, Measure::kXWeighted), "日本語の…");
  EXPECT_EQ(shorten("日本語のテキストです", 5, Measure::kGraphemes), "日本語の…");
}

TEST(Shorten, NeverSplitsAGraphemeCluster) {
  const std::string family = "👨‍👩‍👧‍👦";
  // X: a 1 + b 1 + family 2 + "…" 2 = 6. With 5 the family does not fit
  // whole, and must not be split into "👨" (which would also weigh 2).
  const std::string word = "ab" + family + "cdef";  // X: 8, graphemes: 7
  EXPECT_EQ(shorten(word, 6, Measure::kXWeighted), "ab" + family + "…");
  EXPECT_EQ(shorten(word, 5, Measure::kXWeighted), "ab…");
  EXPECT_EQ(shorten(word, 4, Measure::kGraphemes), "ab" + family + "…");
  EXPECT_EQ(shorten(word, 3, Measure::kGraphemes), "ab…");
  EXPECT_EQ(shorten("🇪🇸🇫🇷🇩🇪", 2, Measure::kGraphemes), "🇪🇸…");
  EXPECT_EQ(shorten("🇪🇸🇫🇷🇩🇪🇮🇹", 3, Measure::kGraphemes), "🇪🇸🇫🇷…");
  EXPECT_EQ(shorten("🇪🇸🇫🇷🇩🇪", 5, Measure::kXWeighted), "🇪🇸…");
  // A base and its combining mark stay together.
  const std::string cafes = utf8(U"cafe\u0301cafe\u0301");
  EXPECT_EQ(shorten(cafes, 5, Measure::kGraphemes), utf8(U"cafe\u0301\u2026"));
  EXPECT_EQ(shorten(cafes, 7, Measure::kXWeighted), utf8(U"cafe\u0301\u2026"));
  EXPECT_EQ(shorten(cafes, 6, Measure::kXWeighted), "caf…");
}

TEST(Shorten, NeverSplitsAUrl) {
  const std::string url = "https://example.com/a-very-long-path-indeed";
  const std::string text = "Read " + url + " now please";
  // X: "Read " 5 + URL 23 + "…" 2 = 30.
  EXPECT_EQ(shorten(text, 29, Measure::kXWeighted), "Read…");
  // The ellipsis is never glued to a URL ("…/indeed…" would be linked):
  // a cut right after one leaves the URL out.
  EXPECT_EQ(shorten(text, 30, Measure::kXWeighted), "Read…");
  EXPECT_EQ(shorten(text, 33, Measure::kXWeighted), "Read…");
  // "Read " 5 + URL 23 + " now" 4 + "…" 2 = 34.
  EXPECT_EQ(shorten(text, 34, Measure::kXWeighted), "Read " + url + " now…");
  // Bluesky counts the URL in full, but still never cuts inside it.
  for (std::size_t budget = 0; budget < grapheme_length(text); ++budget) {
    const std::string out = shorten(text, budget, Measure::kGraphemes);
    const std::size_t cut = out.size() >= kEllipsis.size() ? out.size() - kEllipsis.size() : 0;
    EXPECT_TRUE(cut <= 5 || cut >= 5 + url.size()) << budget << ": " << out;
  }
  // A URL alone that does not fit is left out rather than cut.
  const std::string alone = shorten(url, 20, Measure::kGraphemes);
  EXPECT_TRUE(alone.empty() || alone == kEllipsis) << alone;
  EXPECT_TRUE(shorten(url + " and more", 20, Measure::kXWeighted) == std::string(kEllipsis) ||
              shorten(url + " and more", 20, Measure::kXWeighted).empty());
}

TEST(Shorten, BudgetSmallerThanTheEllipsisGivesNothing) {
  EXPECT_EQ(shorten("Hello", 0, Measure::kXWeighted), "");
  EXPECT_EQ(shorten("Hello", 1, Measure::kXWeighted), "");  // "…" weighs 2 on X
  EXPECT_EQ(shorten("Hello", 0, Measure::kGraphemes), "");
  // Exactly the ellipsis: nothing else fits.
  EXPECT_EQ(shorten("Hello", 2, Measure::kXWeighted), "…");
  EXPECT_EQ(shorten("Hello", 1, Measure::kGraphemes), "…");
  EXPECT_EQ(shorten("日本", 3, Measure::kXWeighted), "…");
}

// What every shortened text must satisfy, whatever the budget.
void check_shortened(const std::string& text, std::size_t budget, Measure how) {
  SCOPED_TRACE("text \"" + text + "\", budget " + std::to_string(budget) +
               (how == Measure::kXWeighted ? " (X)" : " (graphemes)"));
  const std::string out = shorten(text, budget, how);
  const std::size_t ellipsis_weight = measure(kEllipsis, how);
  EXPECT_LE(measure(out, how), budget) << out;
  if (measure(text, how) <= budget) {
    EXPECT_EQ(out, text);
    return;
  }
  if (budget < ellipsis_weight) {
    EXPECT_EQ(out, "");
    return;
  }
  ASSERT_GE(out.size(), kEllipsis.size());
  ASSERT_EQ(out.substr(out.size() - kEllipsis.size()), kEllipsis) << out;
  const std::string prefix = out.substr(0, out.size() - kEllipsis.size());
  ASSERT_EQ(text.compare(0, prefix.size(), prefix), 0) << out;

  // The cut is a grapheme boundary of the original text.
  const std::u32string cps = sharelock::unicode::decode_utf8(text);
  const std::size_t cut = sharelock::unicode::decode_utf8(prefix).size();
  const auto boundaries = sharelock::unicode::grapheme_boundaries(cps);
  EXPECT_TRUE(std::find(boundaries.begin(), boundaries.end(), cut) != boundaries.end()) << out;
  // No white space before the ellipsis.
  if (cut > 0) EXPECT_FALSE(sharelock::unicode::is_white_space(cps[cut - 1])) << out;
  // Not inside a URL: no "http" run starting before the cut continues past it
  // without white space.
  for (std::size_t at = text.find("http"); at != std::string::npos && at < prefix.size();
       at = text.find("http", at + 1)) {
    const std::size_t end = text.find(' ', at);
    const std::size_t url_end = end == std::string::npos ? text.size() : end;
    EXPECT_TRUE(prefix.size() >= url_end - 1 || prefix.size() <= at) << out;
  }
  // At a word boundary unless the first word alone is too long.
  const bool has_space = std::any_of(cps.begin(), cps.begin() + static_cast<std::ptrdiff_t>(cut),
                                     [](char32_t c) { return sharelock::unicode::is_white_space(c); });
  if (has_space) {
    ASSERT_LT(cut, cps.size());
    EXPECT_TRUE(sharelock::unicode::is_white_space(cps[cut])) << out;
    // And the last one that fits: the next word would not.
    std::size_t next = cut;
    while (next < cps.size() && sharelock::unicode::is_white_space(cps[next])) ++next;
    while (next < cps.size() && !sharelock::unicode::is_white_space(cps[next])) ++next;
    // (Measured apart: on X an ellipsis glued to a URL would vanish into it.)
    // A URL as the next word is left out on purpose: the ellipsis would be
    // glued to it.
    const std::string longer = utf8(std::u32string_view(cps).substr(0, next));
    const std::string next_word = utf8(std::u32string_view(cps).substr(cut, next - cut));
    if (next_word.find("http") == std::string::npos) {
      EXPECT_GT(measure(longer, how) + ellipsis_weight, budget) << "could have kept " << longer;
    }
  }
}

TEST(Shorten, SweepOfBudgetsKeepsTheInvariants) {
  const std::vector<std::string> texts = {
      "The quick brown fox jumps over the lazy dog",
      "Supercalifragilisticexpialidocious",
      "Descarga el ebook gratis: 30 recetas de cocina española 🇪🇸 para principiantes",
      "😀 😃 😄 😁 😆 😅 😂 🤣 🥲 ☺️ 😊 😇",
      "👨‍👩‍👧‍👦👩‍❤️‍💋‍👨👍🏽🏳️‍🌈 family time 👨‍👩‍👧‍👦 again",
      "🇪🇸🇫🇷🇩🇪🇮🇹🇵🇹🇬🇧",
      "日本語のテキストです。短くしてください。",
      "新しい電子書籍 を 今すぐ ダウンロード してください",
      "Get it at https://example.com/ebook/spring-edition?ref=share now, before it is gone!",
      "https://example.com/first then https://example.com/second and https://example.com/third",
      "Cafe\u0301 cre\u0300me bru\u0302le\u0301e — 20 % de descuento “hoy”",
      "Line one\nLine two\r\nLine three",
  };
  for (const std::string& text : texts) {
    for (Measure how : {Measure::kXWeighted, Measure::kGraphemes}) {
      const std::size_t total = measure(text, how);
      for (std::size_t budget = 0; budget <= total + 3; ++budget) check_shortened(text, budget, how);
    }
  }
}

TEST(Shorten, ShortenedTextMeasuresAtMostTheLimit) {
  const std::string long_text = repeat("Spring sale on every ebook in the shop, ", 20);
  const std::string out = shorten(long_text, kXLimit, Measure::kXWeighted);
  EXPECT_LE(x_weighted_length(out), kXLimit);
  EXPECT_GE(x_weighted_length(out), kXLimit - 10);  // not needlessly short
  const std::string cjk = repeat("電子書籍のセール中、", 40);
  EXPECT_LE(x_weighted_length(shorten(cjk, kXLimit, Measure::kXWeighted)), kXLimit);
  EXPECT_EQ(x_weighted_length(shorten(cjk, kXLimit, Measure::kXWeighted)), kXLimit);
  const std::string emoji = repeat("👨‍👩‍👧‍👦", 400);
  EXPECT_EQ(grapheme_length(shorten(emoji, kBlueskyLimit, Measure::kGraphemes)), kBlueskyLimit);
  EXPECT_EQ(shorten(emoji, kBlueskyLimit, Measure::kGraphemes),
            repeat("👨‍👩‍👧‍👦", 299) + std::string(kEllipsis));
}

TEST(Shorten, ACutThatMakesAUrlStillFits) {
  // Found by fuzz/post_length. "comaaa…" is no top-level domain, so this
  // word is no link and weighs one per character; cut inside it,
  // "(https://shop.co…" ends in one (Colombia's) and weighs 23 as a link,
  // which would put "(" + 23 over a budget of 23.
  const std::string text = "(https://shop.com" + std::string(64, 'a') + "/ofertas";
  ASSERT_EQ(x_weighted_length(text), text.size());
  for (std::size_t budget = 2; budget <= 40; ++budget) {
    const std::string out = shorten(text, budget, Measure::kXWeighted);
    EXPECT_LE(x_weighted_length(out), budget) << budget << ": " << out;
  }
  // "…" weighs 2 on X.
  EXPECT_EQ(x_weighted_length("(https://shop.co\u2026"), 1u + 23u + 2u);
  EXPECT_EQ(shorten(text, 18, Measure::kXWeighted), "(https://shop.c\u2026");
  EXPECT_EQ(shorten(text, 23, Measure::kXWeighted), "(https://shop.comaaaa\u2026");
}

TEST(Shorten, HostileTextTakesLinearTime) {
  // A page title is untrusted and unbounded. Many URL-looking starts in one
  // run of text once made every start rescan the rest of the run (minutes
  // for this input); linear work takes well under a second.
  const auto started = std::chrono::steady_clock::now();
  for (std::string_view unit : {"http://..", "(https://a.", "http://\u00E9.", "https://" }) {
    const std::string text = repeat(unit, 200000 / unit.size());
    EXPECT_LE(x_weighted_length(shorten(text, kXLimit, Measure::kXWeighted)), kXLimit);
    EXPECT_LE(grapheme_length(shorten(text, 500, Measure::kGraphemes)), 500u);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30));
}

}  // namespace

// ---------------------------------------------------------------------------
// Characters X refuses

TEST(RefusedByX, TheThreeInvalidCharactersAndNoOther) {
  using sharelock::post_length::first_refused_by_x;
  using sharelock::post_length::without_refused_by_x;
  EXPECT_EQ(first_refused_by_x("Sale\xEF\xBB\xBF today"), char32_t{0xFEFF});
  EXPECT_EQ(first_refused_by_x("a\xEF\xBF\xBE"), char32_t{0xFFFE});
  EXPECT_EQ(first_refused_by_x("\xEF\xBF\xBF"), char32_t{0xFFFF});
  // Other characters that start with the same byte: full-width "！", "￥".
  EXPECT_EQ(first_refused_by_x("Oferta\xEF\xBC\x81 \xEF\xBF\xA5"), std::nullopt);
  EXPECT_EQ(first_refused_by_x(""), std::nullopt);
  EXPECT_EQ(without_refused_by_x("\xEF\xBB\xBFSale\xEF\xBF\xBE \xEF\xBC\x81\xEF\xBF\xBF"), "Sale \xEF\xBC\x81");
  EXPECT_EQ(without_refused_by_x("ends with \xEF"), "ends with \xEF");
}

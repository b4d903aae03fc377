// The two ways a share fits its text (text_fit.hpp): the exact rules, and
// the bounds the share bar's small module uses instead of the Unicode and
// top-level-domain tables. A bound must never be below the exact count,
// and whatever the bounded fitter decides must be what the exact one
// answers. tests/js/share-bounds.test.mjs compares the two built modules.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sharelock/post_length.hpp"
#include "sharelock/text_fit.hpp"

namespace {

using sharelock::TextFitter;
using sharelock::post_length::Measure;

const std::vector<std::string> kTexts = {
    "", "sale", "Café ñandú", "本日限定セール", "المتجر", "🎉", "👩🏽‍💻 code", "🇪🇸🇪🇸", "1️⃣", "©", "e\u0301",
    "https://shop.example.com/x", "shop.example.com", "see t.co/abc now", "a.co b.co c.co", "12:30 http://x",
    "x.y", "https://a.co", "…", "#tag @ana", "\u200d\u200d", std::string(300, 'x'), "word. word. word.",
};

TEST(TextBounds, NeverBelowTheExactCount) {
  for (const Measure how : {Measure::kXWeighted, Measure::kGraphemes, Measure::kMastodon, Measure::kThreads}) {
    for (const std::string& text : kTexts) {
      EXPECT_GE(sharelock::post_length::measure_bound(text, how), sharelock::post_length::measure(text, how))
          << text << " measure " << static_cast<int>(how);
    }
  }
}

TEST(TextBounds, EqualForShortPlainText) {
  for (const Measure how : {Measure::kXWeighted, Measure::kGraphemes, Measure::kMastodon, Measure::kThreads}) {
    EXPECT_EQ(sharelock::post_length::measure_bound("Free ebook this week", how), 20u);
  }
}

TEST(BoundedTextFit, DecidesWhatFitsAsItIsExactlyAsTheExactRules) {
  const std::vector<std::string> rest = {" https://shop.example.com/ebook"};
  for (const std::string& text : kTexts) {
    TextFitter bounded = TextFitter::bounded();
    TextFitter exact = TextFitter::exact();
    const sharelock::TextFit fitted = bounded.fit(text, rest, 280, Measure::kXWeighted);
    const sharelock::TextFit expected = exact.fit(text, rest, 280, Measure::kXWeighted);
    if (bounded.undecided()) continue;
    EXPECT_EQ(fitted.text, expected.text) << text;
    EXPECT_EQ(fitted.shortened, expected.shortened) << text;
    EXPECT_EQ(fitted.fits, expected.fits) << text;
  }
}

TEST(BoundedTextFit, LeavesWhatItCannotSettleUndecided) {
  TextFitter fitter = TextFitter::bounded();
  const std::vector<std::string> rest = {" https://shop.example.com/ebook"};
  fitter.fit(std::string(200, 'x'), rest, 280, Measure::kXWeighted);
  EXPECT_FALSE(fitter.undecided());
  // 249 + 31 + 2 × 23 for the link's two dots: over 280 by the bound only
  // (X counts 249 + 1 + 23).
  fitter.fit(std::string(249, 'x'), rest, 280, Measure::kXWeighted);
  EXPECT_TRUE(fitter.undecided());
  TextFitter exact = TextFitter::exact();
  EXPECT_FALSE(exact.fit(std::string(249, 'x'), rest, 280, Measure::kXWeighted).shortened);
}

TEST(BoundedTextFit, ChecksAsciiHashtagsAsXDoesAndLeavesOthersUndecided) {
  for (const char* tag : {"books", "Libros_2026", "12345", "_", "a-b", "x y", "#x", ""}) {
    TextFitter bounded = TextFitter::bounded();
    TextFitter exact = TextFitter::exact();
    EXPECT_EQ(bounded.is_valid_hashtag(tag), exact.is_valid_hashtag(tag)) << tag;
    EXPECT_FALSE(bounded.undecided()) << tag;
  }
  TextFitter bounded = TextFitter::bounded();
  bounded.is_valid_hashtag("año");
  EXPECT_TRUE(bounded.undecided());
}

}  // namespace

// Which hashtags the share bar takes: X's rule (twitter-text's
// validHashtag) for every script. Each expected verdict is what X's own
// library (npm twitter-text 3.1.0, isValidHashtag) answers;
// tests/js/x-differential.test.mjs compares the two on generated tags.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <utility>

#include "share_bar_json.hpp"
#include "sharelock/share_bar.hpp"
#include "sharelock/unicode.hpp"

namespace {

using nlohmann::json;

// Whether the share bar takes `tag` as a hashtag (reports no
// invalid-hashtag error for it).
bool takes(const std::string& tag) {
  const json request = {{"attributes", {{"networks", "x"}, {"hashtags", tag}}},
                        {"page", {{"url", "https://shop.example/ebook"}, {"title", "Ebook"}}},
                        {"nativeShare", false},
                        {"mastodonHost", ""}};
  const json view = sharelock::testing::share_bar_json(
      sharelock::render_share_bar(sharelock::testing::share_bar_request(request)));
  for (const json& error : view.at("errors")) {
    if (error.at("code") == "invalid-hashtag") return false;
  }
  return true;
}

TEST(Hashtags, LettersOfEveryScript) {
  for (const char* tag : {"ашок", "트위터", "日本語", "हिन्दी", "عربي", "ñandú", "トレンド", "קו״ם", "ǅemal",
                          "𝒜bc", "𐐀𐐨", "ª", "1ª", "a١٢٣"}) {
    EXPECT_TRUE(takes(tag)) << tag;
  }
}

TEST(Hashtags, DigitsAloneAreNone) {
  for (const char* tag : {"12345", "١٢٣", "½", "²"}) EXPECT_FALSE(takes(tag)) << tag;
}

TEST(Hashtags, XsJoinersAndMarksBelongToTheTag) {
  for (const char* tag : {"テスト・タグ", "under_score", "a\u200Db", "oferta·ya", "a\u0301", "x\u20E3", "a\uFE0F"}) {
    EXPECT_TRUE(takes(tag)) << tag;
  }
}

TEST(Hashtags, PunctuationEmojiAndAStrayEmojiMarkAreNot) {
  for (const char* tag : {"🔥sale", "sale!", "¿qué", "«oferta»", "a-b", "a.b", "\uFE0Fa", "\u20E3x"}) {
    EXPECT_FALSE(takes(tag)) << tag;
  }
}

TEST(Hashtags, TheTablesComeFromTheUnicodeCharacterDatabase) {
  namespace unicode = sharelock::unicode;
  EXPECT_TRUE(unicode::is_letter_or_mark(U'a'));
  EXPECT_TRUE(unicode::is_letter_or_mark(0x0301));   // combining acute accent (Mn)
  EXPECT_TRUE(unicode::is_letter_or_mark(0x1D49C));  // 𝒜, plane 1
  EXPECT_TRUE(unicode::is_letter_or_mark(0x323AF));  // the last of CJK Extension H, plane 3
  EXPECT_FALSE(unicode::is_letter_or_mark(U'1'));
  EXPECT_FALSE(unicode::is_letter_or_mark(0xFFFF));
  EXPECT_FALSE(unicode::is_letter_or_mark(0x110000));
  EXPECT_TRUE(unicode::is_decimal_digit(0x0661));    // Arabic-Indic one
  EXPECT_TRUE(unicode::is_decimal_digit(0x1D7CE));   // mathematical bold zero, plane 1
  EXPECT_FALSE(unicode::is_decimal_digit(0x00BD));   // ½ is No
}

}  // namespace

// base64url without padding. Encodings are RFC 4648 section 10's test
// vectors with the padding removed (the url alphabet changes none of them),
// plus bytes that land on '-' and '_' (standard base64's '+' and '/').
#include "sharelock/base64url.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {

namespace b64 = sharelock::base64url;

std::string decoded(std::string_view text) {
  const auto result = b64::decode(text);
  EXPECT_TRUE(result.ok()) << "\"" << text << "\" → "
                           << (result.ok() ? "" : result.error().message);
  return result.ok() ? result.value() : std::string("<error>");
}

void expect_refused(std::string_view text) {
  const auto result = b64::decode(text);
  ASSERT_FALSE(result.ok()) << "\"" << text << "\" was accepted";
  EXPECT_EQ(result.error().code, "invalid-base64url") << text;
  EXPECT_FALSE(result.error().message.empty());
}

TEST(Base64Url, Rfc4648Section10VectorsWithoutPadding) {
  EXPECT_EQ(b64::encode(""), "");
  EXPECT_EQ(b64::encode("f"), "Zg");
  EXPECT_EQ(b64::encode("fo"), "Zm8");
  EXPECT_EQ(b64::encode("foo"), "Zm9v");
  EXPECT_EQ(b64::encode("foob"), "Zm9vYg");
  EXPECT_EQ(b64::encode("fooba"), "Zm9vYmE");
  EXPECT_EQ(b64::encode("foobar"), "Zm9vYmFy");

  EXPECT_EQ(decoded(""), "");
  EXPECT_EQ(decoded("Zg"), "f");
  EXPECT_EQ(decoded("Zm8"), "fo");
  EXPECT_EQ(decoded("Zm9v"), "foo");
  EXPECT_EQ(decoded("Zm9vYg"), "foob");
  EXPECT_EQ(decoded("Zm9vYmE"), "fooba");
  EXPECT_EQ(decoded("Zm9vYmFy"), "foobar");
}

TEST(Base64Url, UsesDashAndUnderscoreWhereBase64UsesPlusAndSlash) {
  EXPECT_EQ(b64::encode("\xfb\xff"), "-_8");       // base64: "+/8="
  EXPECT_EQ(b64::encode("\xfb\xff\xbf"), "-_-_");  // base64: "+/+/"
  EXPECT_EQ(decoded("-_8"), "\xfb\xff");
  EXPECT_EQ(decoded("-_-_"), "\xfb\xff\xbf");
  EXPECT_EQ(b64::encode(std::string("\0\0\0", 3)), "AAAA");
  EXPECT_EQ(decoded("AAAA"), std::string("\0\0\0", 3));
}

TEST(Base64Url, EveryByteValueRoundTrips) {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  for (std::size_t length = 0; length <= all.size(); ++length) {
    const std::string bytes = all.substr(all.size() - length);  // ends at 0xff
    const std::string text = b64::encode(bytes);
    EXPECT_EQ(text.size(), (length * 4 + 2) / 3) << length;
    EXPECT_EQ(decoded(text), bytes) << length;
  }
}

TEST(Base64Url, RefusesPadding) {
  expect_refused("Zg==");
  expect_refused("Zm8=");
  expect_refused("Zg=");
  expect_refused("====");
  expect_refused("Zm9v====");
}

TEST(Base64Url, RefusesCharactersOutsideTheUrlAlphabet) {
  expect_refused("+/8");      // standard base64
  expect_refused("Zm9v Yg");  // whitespace, as a mail client would wrap
  expect_refused("Zm9v\nYg");
  expect_refused("Zm9v.Yg");  // the token separator
  expect_refused("Zm9%76");   // percent-encoded
  expect_refused(std::string("Zm\0v", 4));
  expect_refused("Zm9\xc3\xa9");  // UTF-8
  expect_refused("\xff\xfe");
}

TEST(Base64Url, RefusesLengthsNoByteStringEncodesTo) {
  expect_refused("Z");
  expect_refused("Zm9vY");
  expect_refused("AAAAAAAAA");
}

TEST(Base64Url, RefusesNonCanonicalTrailingBits) {
  // "Zg" is "f"; "Zh" … "Zv" carry the same 8 bits plus non-zero unused ones.
  expect_refused("Zh");
  expect_refused("Zv");
  // "Zm8" is "fo"; "Zm9" sets one of the two unused bits.
  expect_refused("Zm9");
  expect_refused("Zm9vYh");
  expect_refused("Zm9vYmF");
  expect_refused("_-_");
  EXPECT_EQ(decoded("Zm8"), "fo");
  EXPECT_EQ(decoded("_-8"), "\xff\xef");
}

}  // namespace

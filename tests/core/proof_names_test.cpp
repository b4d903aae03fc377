// The first-name and place rules that keep personal data off the page:
// what a feed's "name" and "place" are cut down to before anything shows
// them (proof::first_name, proof::place_name).
#include <gtest/gtest.h>

#include <string>

#include "sharelock/proof_feed.hpp"

namespace sharelock::proof {
namespace {

// ---- first names and places -----------------------------------------------

TEST(ProofFirstName, TakesTheFirstWord) {
  EXPECT_EQ(first_name("Ana"), "Ana");
  EXPECT_EQ(first_name("Ana María López"), "Ana");
  EXPECT_EQ(first_name("  José\tLuis  "), "José");
  EXPECT_EQ(first_name("Zoë\nSmith"), "Zoë");
  EXPECT_EQ(first_name("Ana\u3000María"), "Ana");  // ideographic space
  EXPECT_EQ(first_name("Ana ana@example.com"), "Ana");
  EXPECT_EQ(first_name(""), "");
  EXPECT_EQ(first_name("   "), "");
}

TEST(ProofFirstName, RefusesLinks) {
  EXPECT_EQ(first_name("VisitScam.shop"), "");
  EXPECT_EQ(first_name("https://scam.example"), "");
  EXPECT_EQ(first_name("www.scam.example"), "");
  EXPECT_EQ(first_name("Ana:"), "");
  EXPECT_EQ(place_name("scam.shop"), "");
  EXPECT_EQ(place_name("Visit https://scam.example"), "");
  // A dot ending a word is an abbreviation, not a domain.
  EXPECT_EQ(place_name("St. Louis"), "St. Louis");
  EXPECT_EQ(place_name("Sta. Cruz de Tenerife"), "Sta. Cruz de Tenerife");
}

TEST(ProofFirstName, DropsControlAndBidiCharacters) {
  EXPECT_EQ(first_name("Ana\u202E"), "Ana");               // RIGHT-TO-LEFT OVERRIDE
  EXPECT_EQ(first_name("\u202Eanaig"), "anaig");
  EXPECT_EQ(first_name("A\u200Fna"), "Ana");               // RIGHT-TO-LEFT MARK
  EXPECT_EQ(first_name("\u2066Ana\u2069"), "Ana");         // LEFT-TO-RIGHT ISOLATE … POP
  EXPECT_EQ(first_name("An\u200Ba"), "Ana");               // ZERO WIDTH SPACE
  EXPECT_EQ(first_name("\uFEFFAna"), "Ana");               // BOM
  EXPECT_EQ(first_name("A\u061Cna"), "Ana");               // ARABIC LETTER MARK
  EXPECT_EQ(first_name("\x07" "An\x1B" "a\x7F"), "Ana");
  EXPECT_EQ(first_name("Ana\xC2\x85María"), "Ana");        // NEL is white space
  EXPECT_EQ(first_name("Ana\xC2\x9B"), "Ana");             // C1 control
  // Invalid UTF-8 becomes U+FFFD rather than passing through.
  EXPECT_EQ(first_name("An\xFF" "a"), "An\uFFFDa");
}

TEST(ProofFirstName, RefusesWhatIsMoreThanAName) {
  for (const char* name : {"ana@example.com", "@ana", "Ana2", "R2D2 Smith", "600123123", "Ana＠shop",
                           "Ana１"}) {
    EXPECT_EQ(first_name(name), "") << name;
  }
}

TEST(ProofFirstName, RefusesMoreThanThirtyCodePoints) {
  std::string thirty;
  for (int i = 0; i < 30; ++i) thirty += "á";  // 60 bytes, 30 code points
  EXPECT_EQ(first_name(thirty), thirty);
  EXPECT_EQ(first_name(thirty + " López"), thirty);
  EXPECT_EQ(first_name(thirty + "é"), "");
  // Invisible characters do not count.
  EXPECT_EQ(first_name(thirty + "\u200B\u202E"), thirty);
}

TEST(ProofFirstName, KeepsMarkupVerbatimForTheDomToEscape) {
  EXPECT_EQ(first_name("<b>Ana</b>"), "<b>Ana</b>");
  EXPECT_EQ(first_name("<img src=x onerror=alert(1)>"), "<img");
  EXPECT_EQ(place_name("<b>Madrid</b>"), "<b>Madrid</b>");
}

TEST(ProofPlaceName, KeepsPlaceNames) {
  EXPECT_EQ(place_name("San Sebastián de los Reyes"), "San Sebastián de los Reyes");
  EXPECT_EQ(place_name("  A Coruña\n"), "A Coruña");
  EXPECT_EQ(place_name("New\t\tYork"), "New York");
  EXPECT_EQ(place_name("Zaragoza\u202E"), "Zaragoza");
  EXPECT_EQ(place_name("\u2066Bilbao\u2069 \u200F"), "Bilbao");
  EXPECT_EQ(place_name(""), "");
}

TEST(ProofPlaceName, RefusesPostcodesAddressesAndLongText) {
  for (const char* place : {"Madrid 28001", "Calle Mayor 5, Madrid", "28001", "ana@madrid", "Madrid＠"}) {
    EXPECT_EQ(place_name(place), "") << place;
  }
  const std::string sixty(60, 'a');
  EXPECT_EQ(place_name(sixty), sixty);
  EXPECT_EQ(place_name(sixty + "b"), "");
  EXPECT_EQ(place_name("\u202E" + sixty + "\u2069"), sixty);
}

}  // namespace
}  // namespace sharelock::proof

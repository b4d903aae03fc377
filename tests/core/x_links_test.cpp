// Where X finds links, and so what it counts as 23: every expected value
// below is what X's own library (npm twitter-text 3.1.0: parseTweet,
// extractUrlsWithIndices) answers for the same text.
// tests/js/x-differential.test.mjs holds the core against it on 12,000
// generated texts; a text it finds wrong belongs here.
#include "sharelock/x_links.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "sharelock/post_length.hpp"
#include "sharelock/top_level_domains.hpp"
#include "sharelock/unicode.hpp"

namespace {

using sharelock::post_length::x_weighted_length;
namespace unicode = sharelock::unicode;
namespace x_links = sharelock::x_links;

// The links as "offset:text", offsets in code points.
std::vector<std::string> links(const std::string& utf8) {
  const std::u32string text = unicode::decode_utf8(utf8);
  std::vector<std::string> out;
  for (const x_links::Link link : x_links::find(text)) {
    out.push_back(
        std::to_string(link.begin) + ":" +
        unicode::encode_utf8(std::u32string_view(text).substr(link.begin, link.end - link.begin)));
  }
  return out;
}

using Links = std::vector<std::string>;

TEST(XLinks, EndWhereJapaneseTextGoesOn) {
  EXPECT_EQ(links("詳しくはhttps://mitienda.com/ebookをチェックしてね"),
            Links{"4:https://mitienda.com/ebook"});
  EXPECT_EQ(x_weighted_length("詳しくはhttps://mitienda.com/ebookをチェックしてね"), 47u);
  EXPECT_EQ(links("新刊（https://mitienda.com/ebook）発売中"),
            Links{"3:https://mitienda.com/ebook"});
  EXPECT_EQ(x_weighted_length("新刊（https://mitienda.com/ebook）発売中"), 37u);
  EXPECT_EQ(links("「mitienda.com/ebook」"), Links{"1:mitienda.com/ebook"});
}

TEST(XLinks, AHostWithARealTopLevelDomainNeedsNoScheme) {
  EXPECT_EQ(links("Pídelo en mitienda.com hoy"), Links{"10:mitienda.com"});
  EXPECT_EQ(x_weighted_length("Pídelo en mitienda.com hoy"), 37u);
  EXPECT_EQ(links("www.shop.de, t.co and brand.co.uk/sale"),
            (Links{"0:www.shop.de", "13:t.co", "22:brand.co.uk/sale"}));
  EXPECT_EQ(x_weighted_length("www.shop.de, t.co and brand.co.uk/sale"),
            76u);  // t.co: 4 characters, 23
}

TEST(XLinks, EndBeforeTrailingPunctuation) {
  for (const char* after :
       {"—", "’s", "…", "*", "~", ">", "]", "}", ".", ",", "!", "?", ":", ";", ")"}) {
    const std::string text = std::string("https://shop.com/sale") + after;
    EXPECT_EQ(links(text), Links{"0:https://shop.com/sale"}) << after;
  }
}

TEST(XLinks, HostsXDoesNotLinkCountEveryCharacter) {
  const std::string text =
      "shop.example localhost 127.0.0.1 -shop.com shop_x.com https://shop.example/x";
  EXPECT_EQ(links(text), Links{});
  EXPECT_EQ(x_weighted_length(text), 76u);
  // A link may not start after a Latin letter, a digit, '@', '$' or '#'.
  EXPECT_EQ(links("abchttps://shop.com @shop.com #shop.com $shop.com ＃shop.com"),
            Links{"51:shop.com"});
}

TEST(XLinks, InternationalisedHosts) {
  EXPECT_EQ(links("https://tienda-españa.es/oferta"), Links{"0:https://tienda-españa.es/oferta"});
  EXPECT_EQ(links("tienda-españa.es/oferta"), Links{"0:tienda-españa.es/oferta"});
  EXPECT_EQ(links("https://магазин.рф/товар"), Links{"0:https://магазин.рф/товар"});
  // Without a scheme X links only Latin hosts.
  EXPECT_EQ(links("магазин.рф"), Links{});
  // A label longer than 63 characters is no host name.
  const std::string long_host =
      "https://" + std::string(64, 'a') + ".com https://" + std::string(63, 'a') + ".com";
  EXPECT_EQ(links(long_host), Links{"77:https://" + std::string(63, 'a') + ".com"});
}

TEST(XLinks, SchemesAndTopLevelDomainsIgnoreCase) {
  EXPECT_EQ(links("SHOP.COM and HTTPS://SHOP.COM/A and https://магазин.РФ"),
            (Links{"0:SHOP.COM", "13:HTTPS://SHOP.COM/A", "36:https://магазин.РФ"}));
  EXPECT_EQ(sharelock::top_level_domains::fold_case(U'Р'), U'р');
  EXPECT_EQ(sharelock::top_level_domains::fold_case(U'Ö'), U'ö');  // vermögensberater
  EXPECT_EQ(sharelock::top_level_domains::fold_case(U'Ж'), U'Ж');  // in no top-level domain
}

TEST(XLinks, TopLevelDomainsComeFromThePublicSuffixList) {
  namespace tlds = sharelock::top_level_domains;
  for (const char* tld :
       {"com", "uk", "de", "jp", "co", "music", "рф", "中国", "みんな", "vermögensberater"}) {
    EXPECT_TRUE(tlds::contains(tld)) << tld;
  }
  // Retired ones twitter-text 3.1.0 still lists, and names that never were.
  for (const char* name :
       {"xperia", "example", "localhost", "invalid", "", "co.uk", "COM", "c", "comx"}) {
    EXPECT_FALSE(tlds::contains(name)) << name;
  }
  // twitter-text links "old.xperia" (retired in 2021) and not "new.music"
  // (delegated since); the core follows the list: X's servers move with it.
  EXPECT_EQ(links("new.music old.xperia"), Links{"0:new.music"});
}

TEST(XLinks, EveryTopLevelDomainOfTheListIsFound) {
  // Read here from the list the build made the table from: the last label
  // of every rule in its ICANN section.
  std::ifstream list(SHARELOCK_PUBLIC_SUFFIX_LIST);
  ASSERT_TRUE(list) << SHARELOCK_PUBLIC_SUFFIX_LIST;
  std::set<std::string> domains;
  bool icann = false;
  for (std::string line; std::getline(list, line);) {
    if (line.find("===BEGIN ICANN DOMAINS===") != std::string::npos) icann = true;
    if (line.find("===END ICANN DOMAINS===") != std::string::npos) icann = false;
    if (!icann || line.empty() || line.rfind("//", 0) == 0) continue;
    const std::string rule = line.substr(0, line.find_first_of(" \t\r"));
    domains.insert(rule.substr(rule.rfind('.') + 1));
  }
  ASSERT_GT(domains.size(), 1000u);
  for (const std::string& domain : domains) {
    EXPECT_TRUE(sharelock::top_level_domains::contains(domain)) << domain;
    // … and X links a host on it, with a scheme or without (a Latin name
    // takes any of them), whatever the case of its ASCII letters.
    const std::string host = "https://shop." + domain;
    EXPECT_EQ(links("see " + host + " now"), Links{"4:" + host}) << domain;
    std::string upper = "shop." + domain;
    for (char& c : upper) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - ('a' - 'A')) : c;
    EXPECT_EQ(links(upper), Links{"0:" + upper}) << domain;
  }
}

TEST(XLinks, TcoLinksEndAfterTheirSlug) {
  EXPECT_EQ(links("https://t.co/abc123-def https://t.co/" + std::string(41, 'a')),
            Links{"0:https://t.co/abc123"});
}

TEST(XLinks, PathsEndAtTheirLastLetterOrABalancedGroup) {
  EXPECT_EQ(
      links("https://a.com/x~(y) https://a.com/x(y)(z)~ https://a.com/wiki/Foo_(bar)"),
      (Links{"0:https://a.com/x", "20:https://a.com/x(y)(z)", "43:https://a.com/wiki/Foo_(bar)"}));
}

TEST(XLinks, PortsAndQueriesNeedAPathWithoutAScheme) {
  EXPECT_EQ(links("shop.com:8080 shop.com?q=1 shop.com:8080/x?q=1. https://shop.com:8080?q=1."),
            (Links{"0:shop.com", "14:shop.com", "27:shop.com:8080/x?q=1",
                   "48:https://shop.com:8080?q=1"}));
  EXPECT_EQ(x_weighted_length(
                "shop.com:8080 shop.com?q=1 shop.com:8080/x?q=1. https://shop.com:8080?q=1."),
            106u);
}

TEST(XLinks, AHostAfterOtherTextCountsAsX) {
  // Without a scheme, the host's Latin part takes the path; parseTweet
  // counts 23 for as many code units as "shop.com/x" has, from "shop.com"
  // on: over "shop.com日本", and ".jp/x" as text.
  EXPECT_EQ(links("a shop.com日本.jp/x more"), Links{"2:shop.com日本"});
  EXPECT_EQ(x_weighted_length("a shop.com日本.jp/x more"), 35u);
}

TEST(XLinks, HostileTextTakesLinearTime) {
  // Every offset of a long run of labels is worked out once: a million
  // steps here would take minutes if each start scanned the rest again.
  std::string labels;
  for (int i = 0; i < 20000; ++i) labels += "a.";
  EXPECT_EQ(links(labels), Links{});
  std::string cjk;
  for (int i = 0; i < 20000; ++i) cjk += "日";
  EXPECT_EQ(links(cjk + ".example"), Links{});
  EXPECT_EQ(links(cjk + ".com").size(), 0u);  // no Latin host in it
}

}  // namespace

// URL rules: RFC 3986 percent-encoding, the http(s)-only parser that every
// attribute goes through, relative references, tracking-parameter removal,
// query editing for UTM tags and the Mastodon host-name check.
//
// Expected values come from the RFCs (3986, 3492) and the WHATWG URL
// standard's behaviour for the cases the core accepts, not from running the
// code.
#include "sharelock/url.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {

using sharelock::url::HttpUrl;
using sharelock::url::normalize_host_name;
using sharelock::url::parse_http_url;
using sharelock::url::parse_http_url_reference;
using sharelock::url::percent_encode;
using sharelock::url::set_query_parameter;
using sharelock::url::strip_tracking_parameters;

// Parses `text` and returns its serialisation, failing the test when the
// parse fails.
std::string normalized(std::string_view text) {
  const auto result = parse_http_url(text, "url");
  EXPECT_TRUE(result.ok()) << "\"" << text << "\" → " << (result.ok() ? "" : result.error().code)
                           << " " << (result.ok() ? "" : result.error().message);
  return result.ok() ? result.value().serialize() : std::string("<error>");
}

// The error code of a parse that must fail ("" when it succeeded).
std::string error_code(std::string_view text, std::string_view attribute = "url") {
  const auto result = parse_http_url(text, attribute);
  if (result.ok()) {
    ADD_FAILURE() << "\"" << text << "\" was accepted as " << result.value().serialize();
    return {};
  }
  EXPECT_EQ(result.error().attribute, attribute) << text;
  EXPECT_FALSE(result.error().message.empty()) << text;
  return result.error().code;
}

HttpUrl must_parse(std::string_view text) {
  auto result = parse_http_url(text, "url");
  if (!result.ok()) {
    ADD_FAILURE() << "\"" << text << "\" → " << result.error().code;
    return {};
  }
  return std::move(result).value();
}

// ---------------------------------------------------------------------------
// percent_encode

TEST(PercentEncode, UnreservedCharactersStayAsTheyAre) {
  EXPECT_EQ(percent_encode(""), "");
  const std::string unreserved =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
  EXPECT_EQ(percent_encode(unreserved), unreserved);
}

TEST(PercentEncode, SpaceIsPercent20AndHashIsPercent23) {
  EXPECT_EQ(percent_encode(" "), "%20");  // never '+'
  EXPECT_EQ(percent_encode("#"), "%23");
  EXPECT_EQ(percent_encode("Get the ebook #books"), "Get%20the%20ebook%20%23books");
}

TEST(PercentEncode, EveryReservedCharacterIsEncodedWithUpperCaseHex) {
  // gen-delims and sub-delims of RFC 3986 section 2.2, plus '%' itself.
  EXPECT_EQ(percent_encode(":/?#[]@"), "%3A%2F%3F%23%5B%5D%40");
  EXPECT_EQ(percent_encode("!$&'()*+,;="), "%21%24%26%27%28%29%2A%2B%2C%3B%3D");
  EXPECT_EQ(percent_encode("%"), "%25");
  EXPECT_EQ(percent_encode("%20"), "%2520");  // text, not an escape: encoded again
  EXPECT_EQ(percent_encode("\"<>\\^`{|}"), "%22%3C%3E%5C%5E%60%7B%7C%7D");
  EXPECT_EQ(percent_encode("https://shop.example/ebook?a=1&b=2"),
            "https%3A%2F%2Fshop.example%2Febook%3Fa%3D1%26b%3D2");
}

TEST(PercentEncode, ControlCharactersAndNul) {
  EXPECT_EQ(percent_encode("\n"), "%0A");
  EXPECT_EQ(percent_encode("\r\n\t"), "%0D%0A%09");
  EXPECT_EQ(percent_encode(std::string_view("a\0b", 3)), "a%00b");
  EXPECT_EQ(percent_encode("\x7F"), "%7F");
}

TEST(PercentEncode, Utf8BytesAreEncodedOneByOne) {
  EXPECT_EQ(percent_encode("é"), "%C3%A9");               // U+00E9
  EXPECT_EQ(percent_encode("€"), "%E2%82%AC");            // U+20AC
  EXPECT_EQ(percent_encode("…"), "%E2%80%A6");            // U+2026
  EXPECT_EQ(percent_encode("😀"), "%F0%9F%98%80");        // U+1F600
  EXPECT_EQ(percent_encode("日本"), "%E6%97%A5%E6%9C%AC");
  EXPECT_EQ(percent_encode("\xFF"), "%FF");  // not UTF-8, still one byte each
}

// ---------------------------------------------------------------------------
// parse_http_url: what is accepted and how it is normalised

TEST(ParseHttpUrl, SimpleUrlsAndTheirParts) {
  const HttpUrl url = must_parse("https://shop.example/ebook?id=7#reviews");
  EXPECT_EQ(url.scheme, "https");
  EXPECT_EQ(url.host, "shop.example");
  EXPECT_EQ(url.port, "");
  EXPECT_EQ(url.path, "/ebook");
  EXPECT_TRUE(url.has_query);
  EXPECT_EQ(url.query, "id=7");
  EXPECT_TRUE(url.has_fragment);
  EXPECT_EQ(url.fragment, "reviews");
  EXPECT_EQ(url.origin(), "https://shop.example");
  EXPECT_EQ(url.serialize(), "https://shop.example/ebook?id=7#reviews");

  const HttpUrl plain = must_parse("http://shop.example");
  EXPECT_EQ(plain.scheme, "http");
  EXPECT_EQ(plain.path, "/");
  EXPECT_FALSE(plain.has_query);
  EXPECT_FALSE(plain.has_fragment);
  EXPECT_EQ(plain.serialize(), "http://shop.example/");
}

TEST(ParseHttpUrl, SchemeAndHostAreLowerCasedPathIsNot) {
  EXPECT_EQ(normalized("HTTPS://WWW.Shop.EXAMPLE/Ebook/PDF"), "https://www.shop.example/Ebook/PDF");
  EXPECT_EQ(normalized("HtTp://Shop.Example?Q=A#Top"), "http://shop.example/?Q=A#Top");
}

TEST(ParseHttpUrl, PathSlashIsAdded) {
  EXPECT_EQ(normalized("https://shop.example"), "https://shop.example/");
  EXPECT_EQ(normalized("https://shop.example?a=1"), "https://shop.example/?a=1");
  EXPECT_EQ(normalized("https://shop.example#top"), "https://shop.example/#top");
}

TEST(ParseHttpUrl, DefaultPortIsDroppedOthersKept) {
  EXPECT_EQ(normalized("http://shop.example:80/a"), "http://shop.example/a");
  EXPECT_EQ(normalized("https://shop.example:443/a"), "https://shop.example/a");
  EXPECT_EQ(normalized("https://shop.example:0443/a"), "https://shop.example/a");
  // 80 is not https's default, nor 443 http's.
  EXPECT_EQ(normalized("https://shop.example:80/a"), "https://shop.example:80/a");
  EXPECT_EQ(normalized("http://shop.example:443/a"), "http://shop.example:443/a");
  const HttpUrl url = must_parse("http://shop.example:8080");
  EXPECT_EQ(url.port, "8080");
  EXPECT_EQ(url.origin(), "http://shop.example:8080");
  EXPECT_EQ(url.serialize(), "http://shop.example:8080/");
  EXPECT_EQ(normalized("https://shop.example:65535/"), "https://shop.example:65535/");
  // An empty port is the default one (WHATWG URL).
  EXPECT_EQ(normalized("https://shop.example:/a"), "https://shop.example/a");
}

TEST(ParseHttpUrl, DotSegmentsAreRemoved) {
  // RFC 3986 section 5.2.4.
  EXPECT_EQ(normalized("https://shop.example/a/b/c/./../../g"), "https://shop.example/a/g");
  EXPECT_EQ(normalized("https://shop.example/a/./b/"), "https://shop.example/a/b/");
  EXPECT_EQ(normalized("https://shop.example/a/b/.."), "https://shop.example/a/");
  EXPECT_EQ(normalized("https://shop.example/a/b/."), "https://shop.example/a/b/");
  EXPECT_EQ(normalized("https://shop.example/../../etc/passwd"), "https://shop.example/etc/passwd");
  EXPECT_EQ(normalized("https://shop.example/.."), "https://shop.example/");
  // Dots in the query are not path segments.
  EXPECT_EQ(normalized("https://shop.example/a?p=../b"), "https://shop.example/a?p=../b");
}

TEST(ParseHttpUrl, ExistingEscapesAreKept) {
  EXPECT_EQ(normalized("https://shop.example/a%20b?q=%2F%3d#x%41"),
            "https://shop.example/a%20b?q=%2F%3d#x%41");
  // A '%' that starts no escape is itself encoded.
  EXPECT_EQ(normalized("https://shop.example/100%?off=50%"),
            "https://shop.example/100%25?off=50%25");
  EXPECT_EQ(normalized("https://shop.example/%zz"), "https://shop.example/%25zz");
}

TEST(ParseHttpUrl, SpacesAndNonAsciiInPathQueryFragmentAreEncoded) {
  EXPECT_EQ(normalized("https://shop.example/my ebook?q=spring sale#my part"),
            "https://shop.example/my%20ebook?q=spring%20sale#my%20part");
  EXPECT_EQ(normalized("https://shop.example/café?q=ñandú"),
            "https://shop.example/caf%C3%A9?q=%C3%B1and%C3%BA");
  EXPECT_EQ(normalized("https://shop.example/a\"b<c>"), "https://shop.example/a%22b%3Cc%3E");
  // Characters RFC 3986 allows in a query stay readable.
  EXPECT_EQ(normalized("https://shop.example/p?a=1&b=x,y;z:@/?!$'()*+"),
            "https://shop.example/p?a=1&b=x,y;z:@/?!$'()*+");
  // A second '#' belongs to the fragment and is encoded there.
  const HttpUrl url = must_parse("https://shop.example/a#b#c");
  EXPECT_EQ(url.fragment, "b%23c");
}

TEST(ParseHttpUrl, EmptyQueryAndFragmentAreKept) {
  EXPECT_EQ(normalized("https://shop.example/a?"), "https://shop.example/a?");
  EXPECT_EQ(normalized("https://shop.example/a#"), "https://shop.example/a#");
}

TEST(ParseHttpUrl, SurroundingWhiteSpaceIsTrimmed) {
  EXPECT_EQ(normalized("  https://shop.example/a \n"), "https://shop.example/a");
}

TEST(ParseHttpUrl, InternationalisedHostsUsePunycode) {
  // RFC 3492 / IDNA: the well-known encodings.
  EXPECT_EQ(must_parse("https://bücher.example/").host, "xn--bcher-kva.example");
  EXPECT_EQ(must_parse("https://Bücher.Example/").host, "xn--bcher-kva.example");
  EXPECT_EQ(must_parse("https://españa.example/").host, "xn--espaa-rta.example");
  EXPECT_EQ(must_parse("https://日本語.jp/").host, "xn--wgv71a119e.jp");
  // IANA's IDN test domain.
  EXPECT_EQ(must_parse("http://例え.テスト/").host, "xn--r8jz45g.xn--zckzah");
  EXPECT_EQ(normalized("https://bücher.example/straße?q=1"),
            "https://xn--bcher-kva.example/stra%C3%9Fe?q=1");
  // Already in ASCII form: untouched.
  EXPECT_EQ(must_parse("https://xn--bcher-kva.example/").host, "xn--bcher-kva.example");
}

// KNOWN GAP, not fixed (needs Unicode case-mapping tables): browsers map a
// host through UTS #46, which lower-cases "Ü" before Punycode. The core
// lower-cases ASCII only, so "BÜCHER.example" becomes xn--bcher-2pa, another
// domain than the one the site owner meant. Enable once non-ASCII host
// labels are case-folded.
TEST(ParseHttpUrl, NonAsciiUpperCaseInHostIsFoldedLikeBrowsersDo) {
  EXPECT_EQ(must_parse("https://BÜCHER.example/").host, "xn--bcher-kva.example");
  EXPECT_EQ(must_parse("https://ESPAÑA.example/").host, "xn--espaa-rta.example");
}

TEST(ParseHttpUrl, IpAddresses) {
  EXPECT_EQ(normalized("http://192.168.0.1/index.html"), "http://192.168.0.1/index.html");
  const HttpUrl v6 = must_parse("http://[::1]:8080/x");
  EXPECT_EQ(v6.host, "[::1]");
  EXPECT_EQ(v6.port, "8080");
  EXPECT_EQ(v6.serialize(), "http://[::1]:8080/x");
  EXPECT_EQ(must_parse("https://[2001:DB8::1]/").host, "[2001:db8::1]");
}

TEST(ParseHttpUrl, LabelLengthLimits) {
  const std::string label63(63, 'a');
  EXPECT_EQ(must_parse("https://" + label63 + ".example/").host, label63 + ".example");
  EXPECT_EQ(error_code("https://" + std::string(64, 'a') + ".example/"), "invalid-url");
  // 253 characters of host name at most.
  const std::string host253 = label63 + "." + label63 + "." + label63 + "." + std::string(61, 'a');
  ASSERT_EQ(host253.size(), 253u);
  EXPECT_EQ(must_parse("https://" + host253 + "/").host, host253);
  const std::string long_host = host253 + "b";  // 254 characters
  EXPECT_EQ(error_code("https://" + long_host + "/"), "invalid-url");
}

// ---------------------------------------------------------------------------
// parse_http_url: what is refused

TEST(ParseHttpUrl, OtherSchemesAreUnsafe) {
  EXPECT_EQ(error_code("javascript:alert(1)"), "unsafe-url");
  EXPECT_EQ(error_code("JaVaScRiPt:alert(1)"), "unsafe-url");
  EXPECT_EQ(error_code("  javascript:alert(document.cookie)"), "unsafe-url");
  EXPECT_EQ(error_code("\x01javascript:alert(1)"), "unsafe-url");  // leading C0 trimmed
  EXPECT_EQ(error_code("data:text/html,<script>alert(1)</script>"), "unsafe-url");
  EXPECT_EQ(error_code("DATA:text/html;base64,PHNjcmlwdD4="), "unsafe-url");
  EXPECT_EQ(error_code("vbscript:msgbox(1)"), "unsafe-url");
  EXPECT_EQ(error_code("file:///etc/passwd"), "unsafe-url");
  EXPECT_EQ(error_code("ftp://shop.example/ebook.pdf"), "unsafe-url");
  EXPECT_EQ(error_code("blob:https://shop.example/uuid"), "unsafe-url");
}

TEST(ParseHttpUrl, ControlCharactersAreInvalid) {
  // Browsers strip tab and newline from inside URLs, so "java\nscript:" is
  // javascript: to them: it must not slip past the scheme check.
  EXPECT_EQ(error_code("java\nscript:alert(1)"), "invalid-url");
  EXPECT_EQ(error_code("java\tscript:alert(1)"), "invalid-url");
  EXPECT_EQ(error_code("java\rscript:alert(1)"), "invalid-url");
  EXPECT_EQ(error_code("https://shop.example/a\nb"), "invalid-url");
  EXPECT_EQ(error_code("https://shop\x7F.example/"), "invalid-url");
  EXPECT_EQ(error_code(std::string("https://shop.example/\0x", 23)), "invalid-url");
  EXPECT_EQ(error_code("https://shop.example/\x1b[0m"), "invalid-url");
}

TEST(ParseHttpUrl, UserinfoIsInvalid) {
  EXPECT_EQ(error_code("https://user:pass@shop.example/"), "invalid-url");
  EXPECT_EQ(error_code("https://user@shop.example/"), "invalid-url");
  // The classic look-alike: the host is evil.example.
  EXPECT_EQ(error_code("https://shop.example@evil.example/"), "invalid-url");
  EXPECT_EQ(error_code("https://@shop.example/"), "invalid-url");
}

TEST(ParseHttpUrl, BadPortsAreInvalid) {
  EXPECT_EQ(error_code("https://shop.example:65536/"), "invalid-url");
  EXPECT_EQ(error_code("https://shop.example:99999999999999999999/"), "invalid-url");
  EXPECT_EQ(error_code("https://shop.example:-1/"), "invalid-url");
  EXPECT_EQ(error_code("https://shop.example:http/"), "invalid-url");
  EXPECT_EQ(error_code("https://shop.example:1.5/"), "invalid-url");
  EXPECT_EQ(error_code("https://shop.example:80:80/"), "invalid-url");
}

TEST(ParseHttpUrl, MissingOrEmptyHostIsInvalid) {
  EXPECT_EQ(error_code("https://"), "invalid-url");
  EXPECT_EQ(error_code("https:///ebook"), "invalid-url");
  EXPECT_EQ(error_code("https://:443/"), "invalid-url");
  EXPECT_EQ(error_code("https://?q=1"), "invalid-url");
  EXPECT_EQ(error_code("https:shop.example/ebook"), "invalid-url");
  EXPECT_EQ(error_code("https:/shop.example/ebook"), "invalid-url");
}

TEST(ParseHttpUrl, BadLabelsAreInvalid) {
  EXPECT_EQ(error_code("https://-shop.example/"), "invalid-url");
  EXPECT_EQ(error_code("https://shop-.example/"), "invalid-url");
  EXPECT_EQ(error_code("https://sh_op.example/"), "invalid-url");
  EXPECT_EQ(error_code("https://shop..example/"), "invalid-url");
  EXPECT_EQ(error_code("https://.shop.example/"), "invalid-url");
  EXPECT_EQ(error_code("https://shop.example!/"), "invalid-url");
  EXPECT_EQ(error_code("https://shop example/"), "invalid-url");
  EXPECT_EQ(error_code("https://sh%6Fp.example/"), "invalid-url");
  EXPECT_EQ(error_code("https://shop.example\"onmouseover=\"x/"), "invalid-url");
  EXPECT_EQ(error_code("https://[::1/"), "invalid-url");
  EXPECT_EQ(error_code("https://[not-v6]/"), "invalid-url");
  EXPECT_EQ(error_code("https://\xFF\xFE.example/"), "invalid-url");  // not UTF-8
}

TEST(ParseHttpUrl, BackslashesAreInvalid) {
  // WHATWG treats '\' as '/' in http(s) URLs; a parser that does not would
  // check a different host than the browser opens.
  EXPECT_EQ(error_code("https:\\\\evil.example/"), "invalid-url");
  EXPECT_EQ(error_code("https:/\\evil.example/"), "invalid-url");
  EXPECT_EQ(error_code("https:\\/evil.example/"), "invalid-url");
  EXPECT_EQ(error_code("https://evil.example\\@shop.example/"), "invalid-url");
  EXPECT_EQ(error_code("https://evil.example\\.shop.example/"), "invalid-url");
  EXPECT_EQ(error_code("https://shop.example\\"), "invalid-url");
}

TEST(ParseHttpUrl, NotAUrlAtAll) {
  EXPECT_EQ(error_code(""), "invalid-url");
  EXPECT_EQ(error_code("   "), "invalid-url");
  EXPECT_EQ(error_code("shop.example/ebook"), "invalid-url");
  EXPECT_EQ(error_code("//shop.example/ebook"), "invalid-url");
  EXPECT_EQ(error_code("/ebook"), "invalid-url");
  EXPECT_EQ(error_code("not a url"), "invalid-url");
}

TEST(ParseHttpUrl, ErrorNamesTheAttributePassed) {
  const auto unsafe = parse_http_url("javascript:alert(1)", "image");
  ASSERT_FALSE(unsafe.ok());
  EXPECT_EQ(unsafe.error().code, "unsafe-url");
  EXPECT_EQ(unsafe.error().attribute, "image");
  const auto invalid = parse_http_url("https://", "canonical");
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.error().code, "invalid-url");
  EXPECT_EQ(invalid.error().attribute, "canonical");
  const auto none = parse_http_url("https://a b", "");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().attribute, "");
}

// ---------------------------------------------------------------------------
// parse_http_url_reference

class UrlReference : public ::testing::Test {
 protected:
  HttpUrl base = must_parse("https://shop.example/products/ebook?ref=home#top");

  std::string resolve(std::string_view text) {
    const auto result = parse_http_url_reference(text, base, "url");
    EXPECT_TRUE(result.ok()) << "\"" << text << "\" → "
                             << (result.ok() ? "" : result.error().code);
    return result.ok() ? result.value().serialize() : std::string("<error>");
  }
  std::string refused(std::string_view text, std::string_view attribute = "url") {
    const auto result = parse_http_url_reference(text, base, attribute);
    if (result.ok()) {
      ADD_FAILURE() << "\"" << text << "\" was accepted as " << result.value().serialize();
      return {};
    }
    EXPECT_EQ(result.error().attribute, attribute);
    return result.error().code;
  }
};

TEST_F(UrlReference, AbsolutePath) {
  EXPECT_EQ(resolve("/"), "https://shop.example/");
  EXPECT_EQ(resolve("/checkout?step=2#pay"), "https://shop.example/checkout?step=2#pay");
  EXPECT_EQ(resolve("/a/../b/./c"), "https://shop.example/b/c");
  EXPECT_EQ(resolve("/my ebook"), "https://shop.example/my%20ebook");
  EXPECT_EQ(resolve("  /trimmed  "), "https://shop.example/trimmed");
}

TEST_F(UrlReference, DotRelativePaths) {
  // RFC 3986 section 5.2: merged with the base path's directory.
  EXPECT_EQ(resolve("./reviews"), "https://shop.example/products/reviews");
  EXPECT_EQ(resolve("./"), "https://shop.example/products/");
  EXPECT_EQ(resolve("../about"), "https://shop.example/about");
  EXPECT_EQ(resolve("../../../../about"), "https://shop.example/about");
  EXPECT_EQ(resolve("./a?x=1#y"), "https://shop.example/products/a?x=1#y");
}

TEST_F(UrlReference, QueryOnlyKeepsThePathAndDropsTheFragment) {
  EXPECT_EQ(resolve("?page=2"), "https://shop.example/products/ebook?page=2");
  EXPECT_EQ(resolve("?page=2#list"), "https://shop.example/products/ebook?page=2#list");
}

TEST_F(UrlReference, FragmentOnlyKeepsPathAndQuery) {
  EXPECT_EQ(resolve("#reviews"), "https://shop.example/products/ebook?ref=home#reviews");
  EXPECT_EQ(resolve("#"), "https://shop.example/products/ebook?ref=home#");
}

TEST_F(UrlReference, SchemeRelativeTakesTheBaseScheme) {
  EXPECT_EQ(resolve("//cdn.example/img/cover.png"), "https://cdn.example/img/cover.png");
  base = must_parse("http://shop.example/");
  EXPECT_EQ(resolve("//cdn.example/x"), "http://cdn.example/x");
  EXPECT_EQ(refused("//"), "invalid-url");
  EXPECT_EQ(refused("//user@evil.example/"), "invalid-url");
}

TEST_F(UrlReference, AbsoluteUrlsAreParsedAsSuch) {
  EXPECT_EQ(resolve("https://other.example/x"), "https://other.example/x");
  EXPECT_EQ(refused("javascript:alert(1)"), "unsafe-url");
  EXPECT_EQ(refused("JaVaScRiPt:alert(1)"), "unsafe-url");
  EXPECT_EQ(refused("data:text/html,x"), "unsafe-url");
}

TEST_F(UrlReference, BareWordsAreRefused) {
  EXPECT_EQ(refused("shop.example/ebook"), "invalid-url");
  EXPECT_EQ(refused("not a url"), "invalid-url");
  EXPECT_EQ(refused("ebook"), "invalid-url");
  EXPECT_EQ(refused("ebook.html"), "invalid-url");
  EXPECT_EQ(refused(".hidden"), "invalid-url");
  EXPECT_EQ(refused("\\\\evil.example/x"), "invalid-url");
  EXPECT_EQ(refused(""), "invalid-url");
  EXPECT_EQ(refused("   "), "invalid-url");
  EXPECT_EQ(refused("/\n/evil.example"), "invalid-url");
  EXPECT_EQ(refused("java\nscript:alert(1)"), "invalid-url");
  EXPECT_EQ(refused("<script>", "image"), "invalid-url");
}

TEST_F(UrlReference, BackslashAfterSlashNeverLeavesTheBaseHost) {
  // A browser reads "/\evil.example" as "//evil.example"; whatever the core
  // makes of it, it must not become a link to another host.
  for (std::string_view text : {"/\\evil.example", "/\\evil.example/x", "./\\evil.example"}) {
    const auto result = parse_http_url_reference(text, base, "url");
    if (result.ok()) {
      EXPECT_EQ(result.value().host, "shop.example") << text;
      EXPECT_EQ(result.value().serialize().find('\\'), std::string::npos) << text;
    } else {
      EXPECT_EQ(result.error().code, "invalid-url") << text;
    }
  }
}

// ---------------------------------------------------------------------------
// strip_tracking_parameters

std::string stripped(std::string_view text) {
  HttpUrl url = must_parse(text);
  strip_tracking_parameters(url);
  return url.serialize();
}

TEST(StripTrackingParameters, RemovesTrackingKeepsTheRestInOrder) {
  EXPECT_EQ(stripped("https://shop.example/p?utm_source=news&id=7&fbclid=IwAR0x&utm_medium=email"
                     "&q=a%20b&gclid=Cj0&utm_campaign=spring&utm_term=x&utm_content=y#reviews"),
            "https://shop.example/p?id=7&q=a%20b#reviews");
  EXPECT_EQ(stripped("https://shop.example/p?b=2&msclkid=1&a=1&c=%C3%A9"),
            "https://shop.example/p?b=2&a=1&c=%C3%A9");
}

TEST(StripTrackingParameters, RemovesOurOwnShareReference) {
  // A shopper who arrived from a share and shares again passes on a fresh
  // reference, not the one they came with.
  EXPECT_EQ(stripped("https://shop.example/p?id=7&sl_ref=AbCdEfGh-_0"), "https://shop.example/p?id=7");
}

TEST(StripTrackingParameters, NothingLeftDropsTheQuestionMark) {
  EXPECT_EQ(stripped("https://shop.example/p?utm_source=x&gclid=y"), "https://shop.example/p");
  EXPECT_EQ(stripped("https://shop.example/p?fbclid=1#top"), "https://shop.example/p#top");
  EXPECT_EQ(stripped("https://shop.example/p?fbclid"), "https://shop.example/p");
}

TEST(StripTrackingParameters, LookAlikesAreKept) {
  EXPECT_EQ(stripped("https://shop.example/p?utm=1&utmost=2&xutm_source=3&my_gclid=4&fbclid2=5"),
            "https://shop.example/p?utm=1&utmost=2&xutm_source=3&my_gclid=4&fbclid2=5");
  // A tracking name as a value is not a tracking parameter.
  EXPECT_EQ(stripped("https://shop.example/p?ref=utm_source"), "https://shop.example/p?ref=utm_source");
}

TEST(StripTrackingParameters, UrlsWithoutQueryAreUntouched) {
  EXPECT_EQ(stripped("https://shop.example/p"), "https://shop.example/p");
  EXPECT_EQ(stripped("https://shop.example/p#utm_source=x"), "https://shop.example/p#utm_source=x");
}

// ---------------------------------------------------------------------------
// set_query_parameter

std::string with_parameter(std::string_view text, std::string_view name, std::string_view value) {
  HttpUrl url = must_parse(text);
  set_query_parameter(url, name, value);
  return url.serialize();
}

TEST(SetQueryParameter, AppendsWhenAbsent) {
  EXPECT_EQ(with_parameter("https://shop.example/p", "utm_source", "x"),
            "https://shop.example/p?utm_source=x");
  EXPECT_EQ(with_parameter("https://shop.example/p?a=1", "utm_source", "x"),
            "https://shop.example/p?a=1&utm_source=x");
  EXPECT_EQ(with_parameter("https://shop.example/p?", "utm_source", "x"),
            "https://shop.example/p?utm_source=x");
}

TEST(SetQueryParameter, ReplacesTheFirstAndDropsDuplicates) {
  EXPECT_EQ(with_parameter("https://shop.example/p?utm_source=old&a=1", "utm_source", "x"),
            "https://shop.example/p?utm_source=x&a=1");
  EXPECT_EQ(with_parameter("https://shop.example/p?utm_source=1&a=1&utm_source=2&b=2&utm_source",
                           "utm_source", "x"),
            "https://shop.example/p?utm_source=x&a=1&b=2");
  // Only the exact name matches.
  EXPECT_EQ(with_parameter("https://shop.example/p?utm_source_id=1", "utm_source", "x"),
            "https://shop.example/p?utm_source_id=1&utm_source=x");
}

TEST(SetQueryParameter, KeepsFragmentAndOtherEncodings) {
  EXPECT_EQ(with_parameter("https://shop.example/p?q=a%20b&r=%C3%A9&s=a+b#frag", "utm_medium", "social"),
            "https://shop.example/p?q=a%20b&r=%C3%A9&s=a+b&utm_medium=social#frag");
  EXPECT_EQ(with_parameter("https://shop.example/p#frag", "utm_medium", "social"),
            "https://shop.example/p?utm_medium=social#frag");
}

TEST(SetQueryParameter, NameAndValueArePercentEncoded) {
  EXPECT_EQ(with_parameter("https://shop.example/p", "utm_campaign", "spring sale #1 & más"),
            "https://shop.example/p?utm_campaign=spring%20sale%20%231%20%26%20m%C3%A1s");
  EXPECT_EQ(with_parameter("https://shop.example/p", "a b", "c"), "https://shop.example/p?a%20b=c");
  EXPECT_EQ(with_parameter("https://shop.example/p?x=1", "utm_campaign", ""),
            "https://shop.example/p?x=1&utm_campaign=");
}

// ---------------------------------------------------------------------------
// normalize_host_name

std::string host_of(std::string_view input) {
  const auto result = normalize_host_name(input, "mastodon");
  EXPECT_TRUE(result.ok()) << "\"" << input << "\" → "
                           << (result.ok() ? "" : result.error().message);
  return result.ok() ? result.value() : std::string("<error>");
}

TEST(NormalizeHostName, AcceptsWhatShoppersType) {
  EXPECT_EQ(host_of("mastodon.social"), "mastodon.social");
  EXPECT_EQ(host_of("Mastodon.Social"), "mastodon.social");
  EXPECT_EQ(host_of("@me@Mastodon.Social"), "mastodon.social");
  EXPECT_EQ(host_of("me@mastodon.social"), "mastodon.social");
  EXPECT_EQ(host_of("https://mastodon.social/"), "mastodon.social");
  EXPECT_EQ(host_of("https://mastodon.social"), "mastodon.social");
  EXPECT_EQ(host_of("HTTPS://Mastodon.Social//"), "mastodon.social");
  EXPECT_EQ(host_of("http://fosstodon.org"), "fosstodon.org");
  EXPECT_EQ(host_of("  social.vivaldi.net \n"), "social.vivaldi.net");
  EXPECT_EQ(host_of("bücher.social"), "xn--bcher-kva.social");
}

TEST(NormalizeHostName, RefusesAnythingThatIsNotAHostName) {
  for (std::string_view input :
       {"", "   ", "mastodon", "@me", "@", "localhost", "mastodon.social/share?text=x",
        "mastodon.social:443", "mastodon.social#x", "mastodon.social?x=1", "mast odon.social",
        "-bad.example", "bad-.example", "exa_mple.social", "mastodon..social", ".mastodon.social",
        "mastodon.social.", "[::1]", "javascript:alert(1)", "JavaScript:alert(1)",
        "ftp://mastodon.social", "data:text/html,x", "https://", "https:///x",
        "https://mastodon.social/@me", "mastodon%2esocial", "evil.example\\x.social",
        "evil.example/\\@x", "<script>.social", "mastodon.social\"><img>"}) {
    const auto result = normalize_host_name(input, "mastodon");
    if (result.ok()) {
      ADD_FAILURE() << "\"" << input << "\" was accepted as " << result.value();
      continue;
    }
    EXPECT_EQ(result.error().code, "invalid-host") << input;
    EXPECT_EQ(result.error().attribute, "mastodon") << input;
    EXPECT_FALSE(result.error().message.empty()) << input;
  }
}

TEST(NormalizeHostName, RefusesOverlongInput) {
  const std::string label(63, 'a');
  std::string host = label + "." + label + "." + label + "." + label + ".social";  // 263
  const auto result = normalize_host_name(host, "");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "invalid-host");
  EXPECT_EQ(result.error().attribute, "");
  EXPECT_FALSE(normalize_host_name(std::string(100000, 'a') + ".social", "").ok());
}

}  // namespace

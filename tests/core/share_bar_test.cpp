// <sharelock-share>: render_share_bar and check_mastodon_host. Requests
// are written as the shim's objects and views read back as JSON
// (share_bar_json.hpp), then checked field by field.
#include "sharelock/share_bar.hpp"

#include "share_bar_json.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace {

using nlohmann::json;
using sharelock::check_mastodon_host;
using sharelock::render_share_bar;

json parse(const std::string& text) {
  json parsed = json::parse(text, nullptr, false);
  EXPECT_FALSE(parsed.is_discarded()) << "not JSON: " << text;
  EXPECT_TRUE(parsed.is_object()) << text;
  return parsed;
}

json render(const json& request) {
  return sharelock::testing::share_bar_json(render_share_bar(sharelock::testing::share_bar_request(request)));
}

json check_host(std::string_view input, std::string_view lang) {
  const sharelock::MastodonHostCheck check = check_mastodon_host(input, lang);
  return check.ok ? json{{"ok", true}, {"host", check.host}} : json{{"ok", false}, {"message", check.message}};
}

// A product page with tracking parameters in its address, in English.
json page_request(json attributes = json::object()) {
  return {{"attributes", std::move(attributes)},
          {"page",
           {{"url", "https://shop.example/ebook?utm_source=news&id=7&fbclid=IwAR0"},
            {"canonical", ""},
            {"title", "Ebook | Shop"},
            {"ogTitle", ""},
            {"ogImage", ""},
            {"lang", ""}}},
          {"nativeShare", false},
          {"mastodonHost", ""}};
}

std::vector<std::string> networks_of(const json& response) {
  std::vector<std::string> names;
  for (const json& button : response.at("buttons")) names.push_back(button.at("network").get<std::string>());
  return names;
}

json button(const json& response, std::string_view network) {
  for (const json& b : response.at("buttons")) {
    if (b.at("network") == network) return b;
  }
  ADD_FAILURE() << "no " << network << " button in " << response.dump();
  return json::object();
}

bool has_error(const json& response, std::string_view code, std::string_view attribute) {
  for (const json& e : response.at("errors")) {
    if (e.at("code") == code && e.at("attribute") == attribute) {
      EXPECT_TRUE(e.at("message").is_string());
      EXPECT_FALSE(e.at("message").get<std::string>().empty());
      return true;
    }
  }
  return false;
}

void expect_fatal(const json& response, std::string_view code, std::string_view attribute) {
  EXPECT_EQ(response.at("fatal"), true) << response.dump();
  EXPECT_TRUE(has_error(response, code, attribute)) << response.dump();
  EXPECT_TRUE(response.at("buttons").empty()) << response.dump();
}

void expect_clean(const json& response) {
  EXPECT_EQ(response.at("fatal"), false) << response.dump();
  EXPECT_TRUE(response.at("errors").empty()) << response.dump();
}

// ---------------------------------------------------------------------------
// Defaults

TEST(ShareBarDefaults, PageUrlWithoutTrackingParametersAndTitle) {
  const json response = render(page_request({{"networks", "reddit,copy"}}));
  expect_clean(response);
  EXPECT_EQ(networks_of(response), (std::vector<std::string>{"reddit", "copy"}));
  const json reddit = button(response, "reddit");
  EXPECT_EQ(reddit.at("sharedUrl"), "https://shop.example/ebook?id=7");
  EXPECT_EQ(reddit.at("text"), "Ebook | Shop");
  EXPECT_EQ(reddit.at("href"),
            "https://www.reddit.com/submit?url=https%3A%2F%2Fshop.example%2Febook%3Fid%3D7"
            "&title=Ebook%20%7C%20Shop");
  const json copy = button(response, "copy");
  EXPECT_EQ(copy.at("href"), "");
  EXPECT_EQ(copy.at("sharedUrl"), "https://shop.example/ebook?id=7");
}

TEST(ShareBarDefaults, CanonicalLinkIsPreferred) {
  json request = page_request({{"networks", "linkedin"}});
  request["page"]["canonical"] = "https://shop.example/products/ebook";
  json response = render(request);
  expect_clean(response);
  EXPECT_EQ(button(response, "linkedin").at("sharedUrl"), "https://shop.example/products/ebook");
  EXPECT_EQ(button(response, "linkedin").at("href"),
            "https://www.linkedin.com/sharing/share-offsite/?url="
            "https%3A%2F%2Fshop.example%2Fproducts%2Febook");

  // A relative canonical link resolves against the page.
  request["page"]["canonical"] = "/products/ebook";
  response = render(request);
  EXPECT_EQ(button(response, "linkedin").at("sharedUrl"), "https://shop.example/products/ebook");

  // A hostile one is not used; the page's own URL is.
  request["page"]["canonical"] = "javascript:alert(1)";
  response = render(request);
  EXPECT_EQ(response.at("fatal"), false);
  EXPECT_EQ(button(response, "linkedin").at("sharedUrl"), "https://shop.example/ebook?id=7");
}

TEST(ShareBarDefaults, OgTitleIsPreferredOverTitleAndTextAttributeOverBoth) {
  json request = page_request({{"networks", "x"}});
  request["page"]["ogTitle"] = "The Spring Ebook";
  json response = render(request);
  EXPECT_EQ(button(response, "x").at("text"), "The Spring Ebook");
  EXPECT_EQ(button(response, "x").at("href"),
            "https://x.com/intent/tweet?text=The%20Spring%20Ebook"
            "&url=https%3A%2F%2Fshop.example%2Febook%3Fid%3D7");
  request["attributes"]["text"] = "Get the ebook";
  response = render(request);
  EXPECT_EQ(button(response, "x").at("text"), "Get the ebook");
}

TEST(ShareBarDefaults, PageWithoutHttpAddressNeedsAUrlAttribute) {
  json request = page_request({{"networks", "x"}});
  request["page"]["url"] = "file:///home/me/shop/ebook.html";
  expect_fatal(render(request), "invalid-url", "url");
  request["attributes"]["url"] = "https://shop.example/ebook";
  const json response = render(request);
  expect_clean(response);
  EXPECT_EQ(button(response, "x").at("sharedUrl"), "https://shop.example/ebook");
}

// ---------------------------------------------------------------------------
// The full set of attributes, end to end

TEST(ShareBar, EveryAttributeReachesTheLinks) {
  const json response = render(page_request({{"networks", "x,facebook,bluesky,email"},
                                             {"url", "https://shop.example/ebook"},
                                             {"text", "Get the ebook"},
                                             {"hashtags", "books,sale"},
                                             {"via", "shopexample"}}));
  expect_clean(response);
  EXPECT_EQ(button(response, "x").at("href"),
            "https://x.com/intent/tweet?text=Get%20the%20ebook&url=https%3A%2F%2Fshop.example%2Febook"
            "&hashtags=books%2Csale&via=shopexample");
  EXPECT_EQ(button(response, "facebook").at("href"),
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fshop.example%2Febook"
            "&hashtag=%23books");
  EXPECT_EQ(button(response, "bluesky").at("href"),
            "https://bsky.app/intent/compose?text=Get%20the%20ebook%20%23books%20%23sale%20"
            "https%3A%2F%2Fshop.example%2Febook");
  EXPECT_EQ(button(response, "email").at("href"),
            "mailto:?subject=Get%20the%20ebook&body=Get%20the%20ebook%0D%0A%0D%0A"
            "https%3A%2F%2Fshop.example%2Febook");
}

TEST(ShareBar, UtmCampaignTagsEachNetwork) {
  const json response = render(page_request({{"networks", "x,email"}, {"utm-campaign", "launch"}}));
  expect_clean(response);
  EXPECT_EQ(button(response, "x").at("sharedUrl"),
            "https://shop.example/ebook?id=7&utm_source=x&utm_medium=social&utm_campaign=launch");
  EXPECT_EQ(button(response, "email").at("sharedUrl"),
            "https://shop.example/ebook?id=7&utm_source=email&utm_medium=social&utm_campaign=launch");
}

// ---------------------------------------------------------------------------
// Networks

TEST(ShareBarNetworks, OrderIsKeptAndDuplicatesDropped) {
  const json response = render(page_request({{"networks", "bluesky, x ,bluesky,copy,x"}}));
  expect_clean(response);
  EXPECT_EQ(networks_of(response), (std::vector<std::string>{"bluesky", "x", "copy"}));
}

TEST(ShareBarNetworks, UnknownNetworkIsReportedAndTheRestRender) {
  const json response = render(page_request({{"networks", "x,myspace,bluesky"}}));
  EXPECT_EQ(response.at("fatal"), false);
  EXPECT_TRUE(has_error(response, "unknown-network", "networks")) << response.dump();
  EXPECT_EQ(response.at("errors").size(), 1u);
  EXPECT_NE(response.at("errors")[0].at("message").get<std::string>().find("myspace"), std::string::npos);
  EXPECT_EQ(networks_of(response), (std::vector<std::string>{"x", "bluesky"}));
}

TEST(ShareBarNetworks, NothingKnownIsFatal) {
  const json response = render(page_request({{"networks", "myspace,friendster"}}));
  EXPECT_EQ(response.at("fatal"), true);
  EXPECT_TRUE(has_error(response, "unknown-network", "networks"));
  EXPECT_TRUE(response.at("buttons").empty());
}

TEST(ShareBarNetworks, NativeOnlyWhereWebShareExists) {
  json request = page_request({{"networks", "x,native"}});
  json response = render(request);
  expect_clean(response);
  EXPECT_EQ(networks_of(response), (std::vector<std::string>{"x"}));

  request["nativeShare"] = true;
  response = render(request);
  expect_clean(response);
  EXPECT_EQ(networks_of(response), (std::vector<std::string>{"x", "native"}));
  EXPECT_EQ(button(response, "native").at("href"), "");
  EXPECT_EQ(button(response, "native").at("sharedUrl"), "https://shop.example/ebook?id=7");

  // The default set too.
  request["attributes"] = json::object();
  request["nativeShare"] = false;
  response = render(request);
  expect_clean(response);
  for (const std::string& name : networks_of(response)) EXPECT_NE(name, "native");
  EXPECT_FALSE(networks_of(response).empty());
}

// ---------------------------------------------------------------------------
// URLs

TEST(ShareBarUrl, JavascriptUrlIsFatal) {
  for (std::string_view url : {"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
                               "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"}) {
    SCOPED_TRACE(url);
    expect_fatal(render(page_request({{"networks", "x"}, {"url", url}})), "unsafe-url", "url");
  }
  // Browsers drop the newline; the core refuses it.
  expect_fatal(render(page_request({{"networks", "x"}, {"url", "java\nscript:alert(1)"}})),
               "invalid-url", "url");
}

TEST(ShareBarUrl, RelativeUrlResolvesAgainstThePage) {
  json response = render(page_request({{"networks", "x"}, {"url", "/products/ebook?ref=bar"}}));
  expect_clean(response);
  EXPECT_EQ(button(response, "x").at("sharedUrl"), "https://shop.example/products/ebook?ref=bar");
  response = render(page_request({{"networks", "x"}, {"url", "./reviews"}}));
  EXPECT_EQ(button(response, "x").at("sharedUrl"), "https://shop.example/reviews");
  response = render(page_request({{"networks", "x"}, {"url", "?page=2"}}));
  EXPECT_EQ(button(response, "x").at("sharedUrl"), "https://shop.example/ebook?page=2");
  response = render(page_request({{"networks", "x"}, {"url", "//cdn.example/e"}}));
  EXPECT_EQ(button(response, "x").at("sharedUrl"), "https://cdn.example/e");
}

TEST(ShareBarUrl, RelativeGarbageIsFatal) {
  for (std::string_view url : {"shop.example/ebook", "not a url", "ebook", "https://",
                               "https://user:pw@shop.example/", "https://shop.example:99999/"}) {
    SCOPED_TRACE(url);
    expect_fatal(render(page_request({{"networks", "x"}, {"url", url}})), "invalid-url", "url");
  }
}

// ---------------------------------------------------------------------------
// Sizes, hashtags, via

TEST(ShareBarLimits, OversizedAttributeIsFatalAndNamed) {
  const std::string huge(100000, 'a');
  for (std::string_view name : {"networks", "url", "text", "hashtags", "via", "utm-campaign", "lang"}) {
    SCOPED_TRACE(name);
    json attributes = {{"networks", "x"}};
    attributes[std::string(name)] = name == "url" ? "https://shop.example/" + huge : huge;
    const json response = render(page_request(attributes));
    expect_fatal(response, "attribute-too-long", name);
  }
}

TEST(ShareBarLimits, APostSizedTextIsFine) {
  std::string text;
  while (text.size() < 500) text += "Spring sale ";
  const json response = render(page_request({{"networks", "x,threads,whatsapp"}, {"text", text}}));
  expect_clean(response);
  EXPECT_EQ(button(response, "whatsapp").at("text"), text);
  // Threads' 500 hold the text and the link: the text is cut at a word.
  const std::string threads = button(response, "threads").at("text");
  EXPECT_LT(threads.size(), text.size());
  EXPECT_EQ(threads.substr(threads.size() - 3), "…");
}

TEST(ShareBarLimits, HashtagsThatLeaveNoRoomAreReportedAndLeftOut) {
  std::string hashtags;
  for (int i = 0; i < 25; ++i) hashtags += (i ? "," : "") + std::string("verylonghashtag") + std::to_string(i);
  const json response = render(page_request({{"networks", "x,facebook"}, {"hashtags", hashtags}}));
  EXPECT_EQ(response.at("fatal"), false);
  EXPECT_TRUE(has_error(response, "text-does-not-fit", "hashtags")) << response.dump();
  EXPECT_EQ(response.at("errors").size(), 1u) << response.dump();  // X only: Facebook takes one tag
  EXPECT_EQ(button(response, "x").at("text"), "Ebook | Shop");
  EXPECT_EQ(button(response, "x").at("href").get<std::string>().find("hashtags="), std::string::npos);
  EXPECT_NE(button(response, "facebook").at("href").get<std::string>().find("hashtag="), std::string::npos);
}

TEST(ShareBarHashtags, InvalidOnesAreReportedTheRestUsed) {
  const json response =
      render(page_request({{"networks", "x"}, {"hashtags", "books, bad tag!,#sale,12345"}}));
  EXPECT_EQ(response.at("fatal"), false);
  EXPECT_TRUE(has_error(response, "invalid-hashtag", "hashtags")) << response.dump();
  EXPECT_EQ(response.at("errors").size(), 2u) << response.dump();  // "bad tag!" and "12345"
  EXPECT_EQ(button(response, "x").at("href"),
            "https://x.com/intent/tweet?text=Ebook%20%7C%20Shop"
            "&url=https%3A%2F%2Fshop.example%2Febook%3Fid%3D7&hashtags=books%2Csale");
}

TEST(ShareBarHashtags, LettersOfAnyScriptAreFine) {
  const json response = render(page_request({{"networks", "facebook"}, {"hashtags", "ñandú,トレンド"}}));
  expect_clean(response);
  EXPECT_EQ(button(response, "facebook").at("href"),
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fshop.example%2Febook%3Fid%3D7"
            "&hashtag=%23%C3%B1and%C3%BA");
}

TEST(ShareBarHashtags, PunctuationAndEmojiBeyondAsciiAreNotHashtagCharacters) {
  // X, Bluesky and Mastodon end a hashtag at punctuation and emoji: "#¿qué"
  // would link nothing. "ª" is a letter; "·" is one of X's (and
  // Mastodon's) hashtag characters.
  const json response = render(page_request({{"networks", "x"}, {"hashtags", "¿qué,«oferta»,🔥sale,1ª,oferta·ya"}}));
  EXPECT_EQ(response.at("fatal"), false);
  EXPECT_EQ(response.at("errors").size(), 3u) << response.dump();
  EXPECT_TRUE(has_error(response, "invalid-hashtag", "hashtags"));
  EXPECT_EQ(button(response, "x").at("href"),
            "https://x.com/intent/tweet?text=Ebook%20%7C%20Shop"
            "&url=https%3A%2F%2Fshop.example%2Febook%3Fid%3D7&hashtags=1%C2%AA%2Coferta%C2%B7ya");
}

TEST(ShareBarText, ACharacterXRefusesIsReportedAndThePageTitleShared) {
  // A byte-order mark pasted along with the text: X refuses the whole post.
  const json response = render(page_request({{"networks", "x,whatsapp"}, {"text", "Spring\uFEFF sale"}}));
  EXPECT_EQ(response.at("fatal"), false);
  ASSERT_EQ(response.at("errors").size(), 1u) << response.dump();
  EXPECT_TRUE(has_error(response, "invalid-text", "text"));
  EXPECT_NE(response.at("errors")[0].at("message").get<std::string>().find("U+FEFF"), std::string::npos);
  EXPECT_EQ(button(response, "x").at("text"), "Ebook | Shop");
  EXPECT_EQ(button(response, "whatsapp").at("text"), "Ebook | Shop");
  // A page title with one has it left out, without a word to the owner.
  json request = page_request({{"networks", "x"}});
  request["page"]["title"] = "\uFFFEEbook | Shop\uFFFF";
  const json from_title = render(request);
  expect_clean(from_title);
  EXPECT_EQ(button(from_title, "x").at("text"), "Ebook | Shop");
  // Nor is it a hashtag character.
  EXPECT_TRUE(has_error(render(page_request({{"networks", "x"}, {"hashtags", "sale\uFEFF"}})), "invalid-hashtag",
                        "hashtags"));
}

TEST(ShareBarVia, AtSignIsDroppedInvalidHandlesReported) {
  json response = render(page_request({{"networks", "x"}, {"via", "@shopexample"}}));
  expect_clean(response);
  EXPECT_EQ(button(response, "x").at("href"),
            "https://x.com/intent/tweet?text=Ebook%20%7C%20Shop"
            "&url=https%3A%2F%2Fshop.example%2Febook%3Fid%3D7&via=shopexample");
  for (std::string_view via : {"bad handle!", "abcdefghijklmnop" /* 16 > 15 */, "shop-example",
                               "<script>"}) {
    SCOPED_TRACE(via);
    response = render(page_request({{"networks", "x"}, {"via", via}}));
    EXPECT_EQ(response.at("fatal"), false);
    EXPECT_TRUE(has_error(response, "invalid-via", "via")) << response.dump();
    EXPECT_EQ(button(response, "x").at("href"),
              "https://x.com/intent/tweet?text=Ebook%20%7C%20Shop"
              "&url=https%3A%2F%2Fshop.example%2Febook%3Fid%3D7");
  }
}

// ---------------------------------------------------------------------------
// Language

TEST(ShareBarLang, AttributeThenPageThenEnglish) {
  json request = page_request({{"networks", "x"}});
  EXPECT_EQ(render(request).at("lang"), "en");
  request["page"]["lang"] = "es-ES";
  EXPECT_EQ(render(request).at("lang"), "es");
  request["attributes"]["lang"] = "en";
  EXPECT_EQ(render(request).at("lang"), "en");
  request["page"]["lang"] = "en-GB";
  request["attributes"]["lang"] = "es";
  EXPECT_EQ(render(request).at("lang"), "es");
  for (std::string_view tag : {"es-419", "es-MX", "ES"}) {
    request["attributes"]["lang"] = tag;
    EXPECT_EQ(render(request).at("lang"), "es") << tag;
  }
  for (std::string_view tag : {"fr", "de-DE", "est", "e"}) {
    request["attributes"]["lang"] = tag;
    EXPECT_EQ(render(request).at("lang"), "en") << tag;
  }
}

TEST(ShareBarLang, SpanishLabels) {
  json request = page_request({{"networks", "x,bluesky,email,copy,native"}});
  request["page"]["lang"] = "es-ES";
  request["nativeShare"] = true;
  const json response = render(request);
  expect_clean(response);
  EXPECT_EQ(response.at("label"), "Compartir");
  EXPECT_EQ(button(response, "x").at("name"), "Compartir en X");
  EXPECT_EQ(button(response, "bluesky").at("name"), "Compartir en Bluesky");
  EXPECT_EQ(button(response, "email").at("label"), "Correo");
  EXPECT_EQ(button(response, "email").at("name"), "Compartir por correo electrónico");
  EXPECT_EQ(button(response, "copy").at("label"), "Copiar enlace");
  EXPECT_EQ(response.at("messages").at("copied"), "Enlace copiado");
}

TEST(ShareBarLang, EnglishLabels) {
  const json response = render(page_request({{"networks", "x,bluesky,email,copy"}}));
  EXPECT_EQ(response.at("label"), "Share");
  EXPECT_EQ(button(response, "x").at("name"), "Share on X");
  EXPECT_EQ(button(response, "bluesky").at("name"), "Share on Bluesky");
  EXPECT_EQ(button(response, "bluesky").at("label"), "Bluesky");
  EXPECT_EQ(button(response, "email").at("name"), "Share by email");
  EXPECT_EQ(button(response, "copy").at("label"), "Copy link");
  EXPECT_EQ(response.at("messages").at("copied"), "Link copied");
}

// ---------------------------------------------------------------------------
// Hostile input

TEST(ShareBarHostile, MarkupInTextIsDataOnly) {
  const std::string markup = "<img src=x onerror=alert(1)>\"'&";
  const json response = render(page_request({{"networks", "x,whatsapp,telegram,reddit,email,copy"},
                                             {"text", markup},
                                             {"url", "https://shop.example/ebook"}}));
  expect_clean(response);
  EXPECT_EQ(button(response, "x").at("href"),
            "https://x.com/intent/tweet?text=%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%22%27%26"
            "&url=https%3A%2F%2Fshop.example%2Febook");
  for (const json& b : response.at("buttons")) {
    const std::string href = b.at("href").get<std::string>();
    for (char c : std::string_view("<>\"' ")) {
      EXPECT_EQ(href.find(c), std::string::npos) << b.at("network") << ": " << href;
    }
    // The text comes back verbatim, for the shim to set as text, not HTML.
    EXPECT_EQ(b.at("text"), markup);
  }
}

TEST(ShareBarHostile, MarkupInPageTitleIsDataOnly) {
  json request = page_request({{"networks", "reddit"}});
  request["page"]["ogTitle"] = "<script>alert(1)</script>";
  const json response = render(request);
  EXPECT_EQ(button(response, "reddit").at("text"), "<script>alert(1)</script>");
  EXPECT_EQ(button(response, "reddit").at("href"),
            "https://www.reddit.com/submit?url=https%3A%2F%2Fshop.example%2Febook%3Fid%3D7"
            "&title=%3Cscript%3Ealert%281%29%3C%2Fscript%3E");
}

TEST(ShareBarHostile, HugeTitleIsCutToAPostsWorth) {
  json request = page_request({{"networks", "reddit,x"}});
  std::string title;
  while (title.size() < 300000) title += "http://.. ";
  request["page"]["title"] = title;
  const json response = render(request);
  EXPECT_EQ(response.at("fatal"), false);
  const std::string text = button(response, "reddit").at("text").get<std::string>();
  EXPECT_LT(text.size(), 600u);
  EXPECT_EQ(text.substr(text.size() - 3), "…");
}

TEST(ShareBarHostile, WrongTypesAreIgnoredNotTrusted) {
  json request = page_request();
  request["attributes"] = {{"networks", 42}, {"url", json::array({"javascript:alert(1)"})}};
  request["nativeShare"] = "yes";
  const json response = render(request);
  EXPECT_EQ(response.at("fatal"), false) << response.dump();
  for (const std::string& name : networks_of(response)) EXPECT_NE(name, "native");
  for (const json& b : response.at("buttons")) {
    EXPECT_EQ(b.at("sharedUrl"), "https://shop.example/ebook?id=7");
  }
}

// ---------------------------------------------------------------------------
// Mastodon

TEST(ShareBarMastodon, RememberedServerIsNormalisedAndUsed) {
  json request = page_request({{"networks", "mastodon"}, {"text", "Get the ebook"},
                               {"url", "https://shop.example/ebook"}});
  request["mastodonHost"] = "@me@Mastodon.Social";
  const json response = render(request);
  expect_clean(response);
  const json mastodon = button(response, "mastodon");
  EXPECT_EQ(mastodon.at("href"),
            "https://mastodon.social/share?text=Get%20the%20ebook%20https%3A%2F%2Fshop.example%2Febook");
  EXPECT_EQ(mastodon.at("mastodonHost"), "mastodon.social");
  EXPECT_EQ(mastodon.at("needsServer"), false);
  EXPECT_EQ(mastodon.at("chooserHref"),
            "https://share.joinmastodon.org/#text=Get%20the%20ebook%20https%3A%2F%2Fshop.example%2Febook");
}

TEST(ShareBarMastodon, HostileStoredServerIsIgnored) {
  for (std::string_view stored : {"evil.example/phish?x=", "javascript:alert(1)",
                                  "evil.example\"><script>alert(1)</script>", "evil.example:8080",
                                  "localhost", "", "https://evil.example/share?text="}) {
    SCOPED_TRACE(stored);
    json request = page_request({{"networks", "mastodon"}, {"text", "Get the ebook"},
                                 {"url", "https://shop.example/ebook"}});
    request["mastodonHost"] = stored;
    const json response = render(request);
    expect_clean(response);
    const json mastodon = button(response, "mastodon");
    EXPECT_EQ(mastodon.at("mastodonHost"), "");
    EXPECT_EQ(mastodon.at("needsServer"), true);
    EXPECT_EQ(mastodon.at("href"),
              "https://share.joinmastodon.org/#text=Get%20the%20ebook%20https%3A%2F%2Fshop.example%2Febook");
    EXPECT_EQ(mastodon.at("chooserHref"), mastodon.at("href"));
  }
}

TEST(CheckMastodonHost, AcceptsAndNormalises) {
  EXPECT_EQ(check_host("@me@Mastodon.Social", "en"), json::parse(R"({"ok":true,"host":"mastodon.social"})"));
  EXPECT_EQ(check_host("https://fosstodon.org/", "es"), json::parse(R"({"ok":true,"host":"fosstodon.org"})"));
}

TEST(CheckMastodonHost, RefusesWithALocalisedMessage) {
  EXPECT_EQ(check_host("not a server", "en"),
            json::parse(R"({"ok":false,"message":"Enter a server name such as mastodon.social"})"));
  EXPECT_EQ(check_host("javascript:alert(1)", "es-ES"),
            json({{"ok", false}, {"message", "Escribe el nombre de un servidor, como mastodon.social"}}));
  // Nothing typed, no language: still a clean refusal, in English.
  EXPECT_EQ(check_host("", ""), json({{"ok", false}, {"message", "Enter a server name such as mastodon.social"}}));
}

}  // namespace

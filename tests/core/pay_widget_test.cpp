// <sharelock-pay>'s calls, as the shim drives them (written as JSON by
// pay_json.hpp).
#include "sharelock/pay_widget.hpp"

#include <gtest/gtest.h>

#include <limits>

#include <nlohmann/json.hpp>

#include "pay_json.hpp"

namespace sharelock {
namespace {

using nlohmann::json;
using testing::pay_input;
using testing::pay_json;
using testing::pay_step_request;

constexpr std::int64_t kDay = 24LL * 60 * 60 * 1000;
constexpr std::int64_t kT0 = 1'764'000'000'000;

json base_request(json attributes) {
  return {{"attributes", std::move(attributes)},
          {"page", {{"url", "https://shop.example/ebook"}, {"lang", "en"}}}};
}

json ebook() {
  return {{"item", "ebook-1"}, {"network", "x"}, {"text", "Free ebook"},
          {"url", "https://shop.example/ebook"}, {"hashtags", "SeedSale"}};
}

json describe(json attributes) { return pay_json(describe_pay(pay_input(base_request(std::move(attributes))))); }

json step(json attributes, const std::string& event, std::int64_t now, json state = nullptr,
          json stored = json::object()) {
  json request = base_request(std::move(attributes));
  request["event"] = event;
  request["now"] = now;
  request["stored"] = std::move(stored);
  if (!state.is_null()) request["state"] = std::move(state);
  return pay_json(step_pay(pay_step_request(request)));
}

std::vector<std::string> effect_types(const json& response) {
  std::vector<std::string> out;
  for (const json& effect : response["effects"]) out.push_back(effect["type"]);
  return out;
}

TEST(PayWidget, DescribesTheItemAndItsStorageKeys) {
  const json described = describe(ebook());
  EXPECT_FALSE(described["fatal"]);
  EXPECT_EQ(described["item"], "ebook-1");
  EXPECT_EQ(described["keys"]["unlock"], "sharelock:unlock:ebook-1");
  EXPECT_EQ(described["keys"]["snooze"], "sharelock:snooze:ebook-1");
  EXPECT_EQ(described["keys"]["pending"], "sharelock:pending:ebook-1");
}

TEST(PayWidget, TheItemDefaultsToTheSharedUrl) {
  json attributes = ebook();
  attributes.erase("item");
  EXPECT_EQ(describe(attributes)["item"], "https://shop.example/ebook");
  // A fragment is a place on the page, not another item.
  attributes["url"] = "https://shop.example/ebook?edition=2#reviews";
  EXPECT_EQ(describe(attributes)["item"], "https://shop.example/ebook?edition=2");
}

TEST(PayWidget, HostileInstantsCannotOverflowTheWait) {
  const json waiting = {{"phase", "waiting"}, {"openedAt", std::numeric_limits<std::int64_t>::min()}};
  json request = base_request(ebook());
  request["event"] = "window-closed";
  request["now"] = std::numeric_limits<std::int64_t>::min();
  request["state"] = waiting;
  const json response = pay_json(step_pay(pay_step_request(request)));
  EXPECT_FALSE(response["fatal"]);
  EXPECT_EQ(response["view"]["phase"], "locked");
}

TEST(PayWidget, RefusesFacebookCitingItsPlatformPolicy) {
  json attributes = ebook();
  attributes["network"] = "Facebook";
  const json described = describe(attributes);
  EXPECT_TRUE(described["fatal"]);
  ASSERT_EQ(described["errors"].size(), 1u);
  EXPECT_EQ(described["errors"][0]["code"], "network-not-allowed");
  EXPECT_EQ(described["errors"][0]["attribute"], "network");
  EXPECT_NE(described["errors"][0]["message"].get<std::string>().find("Platform Policy"), std::string::npos);
  EXPECT_TRUE(step(attributes, "init", kT0)["fatal"]);
}

TEST(PayWidget, RefusesNetworksWithNoPostToWaitFor) {
  for (const char* network : {"copy", "native", "pinterest", "reddit", "myspace", ""}) {
    json attributes = ebook();
    attributes["network"] = network;
    const json described = describe(attributes);
    EXPECT_TRUE(described["fatal"]) << network;
    EXPECT_EQ(described["errors"][0]["code"], "network-not-allowed") << network;
  }
}

TEST(PayWidget, AcceptsEveryPayNetwork) {
  for (const char* network : {"x", "bluesky", "threads", "mastodon", "linkedin", "whatsapp", "telegram", "email"}) {
    json attributes = ebook();
    attributes["network"] = network;
    EXPECT_FALSE(describe(attributes)["fatal"]) << network;
  }
}

TEST(PayWidget, BadOptionalAttributesFallBackToDefaultsWithAnError) {
  json attributes = ebook();
  attributes["wait"] = "soon";
  attributes["remember"] = "forever";
  const json described = describe(attributes);
  EXPECT_FALSE(described["fatal"]);
  ASSERT_EQ(described["errors"].size(), 2u);
  EXPECT_EQ(described["errors"][0]["code"], "invalid-wait");
  EXPECT_EQ(described["errors"][1]["code"], "invalid-duration");
  EXPECT_EQ(described["errors"][1]["attribute"], "remember");
  // Default 8 s wait: 7.999 s is too soon, 8 s is enough.
  const json opened = step(attributes, "popup-opened", kT0);
  EXPECT_EQ(step(attributes, "window-closed", kT0 + 7999, opened["state"])["view"]["phase"], "locked");
  const json unlocked = step(attributes, "window-closed", kT0 + 8000, opened["state"]);
  EXPECT_EQ(unlocked["view"]["phase"], "unlocked");
  EXPECT_EQ(unlocked["effects"][0]["record"], "{\"v\":1,\"until\":" + std::to_string(kT0 + 8000 + 30 * kDay) + "}");
}

TEST(PayWidget, UnknownModeAndOversizedItemAreFatal) {
  json verified = ebook();
  verified["mode"] = "magic";
  EXPECT_EQ(describe(verified)["errors"][0]["code"], "invalid-mode");
  json huge = ebook();
  huge["item"] = std::string(201, 'a');
  const json described = describe(huge);
  EXPECT_TRUE(described["fatal"]);
  EXPECT_EQ(described["errors"][0]["code"], "attribute-too-long");
  EXPECT_EQ(described["errors"][0]["attribute"], "item");
}

TEST(PayWidget, InitRendersTheLockedPromptWithTheExactIntent) {
  const json response = step(ebook(), "init", kT0);
  EXPECT_FALSE(response["fatal"]);
  const json& view = response["view"];
  EXPECT_EQ(view["phase"], "locked");
  EXPECT_EQ(view["buttonLabel"], "Share on X to unlock");
  EXPECT_EQ(view["href"],
            "https://x.com/intent/tweet?text=Free%20ebook&url=https%3A%2F%2Fshop.example%2Febook"
            "&hashtags=SeedSale");
  EXPECT_EQ(view["item"], "ebook-1");
  EXPECT_EQ(view["mode"], "intent");
  EXPECT_TRUE(response["effects"].empty());
}

TEST(PayWidget, SpeaksSpanish) {
  json attributes = ebook();
  attributes["lang"] = "es";
  attributes["network"] = "bluesky";
  const json view = step(attributes, "init", kT0)["view"];
  EXPECT_EQ(view["buttonLabel"], "Comparte en Bluesky para desbloquear");
  EXPECT_EQ(view["messages"]["notNow"], "Ahora no");
  EXPECT_EQ(view["messages"]["unlocked"], "Desbloqueado. ¡Gracias por compartir!");
}

TEST(PayWidget, AFullShareRoundTripThroughTheEchoedState) {
  const json clicked = step(ebook(), "click", kT0, step(ebook(), "init", kT0)["state"]);
  EXPECT_EQ(effect_types(clicked), std::vector<std::string>{"open-window"});
  const json opened = step(ebook(), "popup-opened", kT0, clicked["state"]);
  EXPECT_EQ(opened["view"]["phase"], "waiting");
  EXPECT_EQ(opened["state"]["openedAt"], kT0);
  const json early = step(ebook(), "window-closed", kT0 + 2000, opened["state"]);
  EXPECT_EQ(early["view"]["phase"], "locked");
  EXPECT_EQ(early["state"]["notice"], "too-fast");
  EXPECT_NE(early["view"]["notice"].get<std::string>().find("quick"), std::string::npos);
  EXPECT_EQ(effect_types(early), std::vector<std::string>{"emit-cancel"});
  const json again = step(ebook(), "popup-opened", kT0 + 5000, early["state"]);
  const json done = step(ebook(), "window-closed", kT0 + 15'000, again["state"]);
  EXPECT_EQ(done["view"]["phase"], "unlocked");
  EXPECT_EQ(effect_types(done), (std::vector<std::string>{"store", "reveal", "announce", "emit-unlock"}));
  EXPECT_EQ(done["effects"][0]["key"], "sharelock:unlock:ebook-1");
  EXPECT_EQ(done["effects"][0]["area"], "local");
}

TEST(PayWidget, StoredUnlocksHoldUntilTheyExpire) {
  const std::string live = "{\"v\":1,\"until\":" + std::to_string(kT0 + 1) + "}";
  EXPECT_EQ(step(ebook(), "init", kT0, nullptr, {{"unlockLocal", live}})["view"]["phase"], "unlocked");
  EXPECT_EQ(step(ebook(), "init", kT0 + 1, nullptr, {{"unlockLocal", live}})["view"]["phase"], "locked");
  EXPECT_EQ(step(ebook(), "init", kT0, nullptr, {{"unlockSession", "{\"v\":1,\"until\":null}"}})["view"]["phase"],
            "unlocked");
  EXPECT_EQ(step(ebook(), "init", kT0, nullptr, {{"unlockLocal", "<script>"}, {"pending", 42}})["view"]["phase"],
            "locked");
}

TEST(PayWidget, HostileEchoedStateIsReadSafely) {
  const json response = step(ebook(), "window-closed", kT0,
                             {{"phase", "unlocked!!"}, {"openedAt", "yesterday"}, {"sameTab", 3}});
  EXPECT_FALSE(response["fatal"]);
  EXPECT_EQ(response["view"]["phase"], "locked");
}

TEST(PayWidget, UnknownEventsAreTypedErrors) {
  const json answer = step(ebook(), "explode", kT0);
  EXPECT_TRUE(answer["fatal"]);
  EXPECT_EQ(answer["errors"][0]["code"], "invalid-request");
  EXPECT_EQ(answer["errors"][0]["message"], "unknown event \"explode\"");
}

TEST(PayWidget, InstantsThatAreNoWholeMillisecondReadAsZero) {
  // JavaScript hands in numbers: NaN, fractions and infinities are no instant.
  for (const double now : {std::nan(""), 1.5, std::numeric_limits<double>::infinity()}) {
    PayStepRequest request = pay_step_request(base_request(ebook()));
    request.event = "popup-opened";
    request.now = now;
    EXPECT_EQ(step_pay(request).state.opened_at, 0) << now;
  }
}

TEST(PayWidget, JavascriptUrlIsRefused) {
  json attributes = ebook();
  attributes["url"] = "javascript:alert(1)";
  const json described = describe(attributes);
  EXPECT_TRUE(described["fatal"]);
  EXPECT_EQ(described["errors"][0]["code"], "unsafe-url");
}

}  // namespace
}  // namespace sharelock

namespace sharelock {
namespace {

// The main browser module counts by bounds (text_fit.hpp): a short text is
// settled as the exact rules settle it, one near X's limit is left
// undecided, with nothing in the answer that the shim could act on.
TEST(PayWidgetBounded, SettlesShortTextsAsTheExactRulesAndLeavesTheRestUndecided) {
  const PayWidgetInput shop = testing::pay_input(base_request(ebook()));
  TextFitter bounded = TextFitter::bounded();
  const PayDescription settled = describe_pay(shop, bounded);
  EXPECT_FALSE(settled.text_undecided);
  EXPECT_EQ(settled.item, describe_pay(shop).item);

  std::string accented;
  for (int i = 0; i < 270; ++i) accented += "\xC3\xA9";  // é: 270 of them and the link do not fit in 280
  json long_text = ebook();
  long_text["text"] = accented;
  json request = base_request(long_text);
  request["event"] = "click";
  request["now"] = kT0;
  request["stored"] = json::object();
  TextFitter near_limit = TextFitter::bounded();
  const PayStep undecided = step_pay(testing::pay_step_request(request), near_limit);
  EXPECT_TRUE(undecided.text_undecided);
  EXPECT_TRUE(undecided.effects.empty());
  EXPECT_FALSE(undecided.fatal);
  const PayStep exact = step_pay(testing::pay_step_request(request));
  EXPECT_FALSE(exact.text_undecided);
  ASSERT_FALSE(exact.effects.empty());
  EXPECT_EQ(exact.effects[0].type, "open-window");
}

}  // namespace
}  // namespace sharelock

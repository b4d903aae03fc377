#include "sharelock/pay_machine.hpp"

#include <gtest/gtest.h>

#include "json_document_json.hpp"

namespace sharelock::pay {
namespace {

using Type = Effect::Type;
using sharelock::testing::json_document;
using sharelock::testing::json_text;

constexpr std::int64_t kDay = 24LL * 60 * 60 * 1000;
constexpr std::int64_t kT0 = 1'764'000'000'000;  // an instant in 2025, in ms

Config config(Network network = Network::kX) {
  Config c;
  c.item = "ebook-1";
  c.network = network;
  c.href = "https://x.com/intent/tweet?text=hi";
  c.wait_millis = 8000;
  return c;
}

State waiting(std::int64_t opened_at, bool same_tab = false) {
  return State{Phase::kWaiting, opened_at, same_tab, false, Notice::kNone};
}

std::vector<Type> types(const Step& step) {
  std::vector<Type> out;
  for (const Effect& e : step.effects) out.push_back(e.type);
  return out;
}

TEST(PayMachine, StartsLockedWithNothingStored) {
  const Step step = pay::step(config(), {}, Event::kInit, kT0);
  EXPECT_EQ(step.state, State{});
  EXPECT_TRUE(step.effects.empty());
}

TEST(PayMachine, ClickAsksTheShimToOpenTheShareWindow) {
  const Step step = pay::step(config(), {}, Event::kClick, kT0);
  EXPECT_EQ(step.state.phase, Phase::kLocked);
  ASSERT_EQ(step.effects.size(), 1u);
  EXPECT_EQ(step.effects[0].type, Type::kOpenWindow);
  EXPECT_EQ(step.effects[0].url, "https://x.com/intent/tweet?text=hi");
}

TEST(PayMachine, OpenedWindowStartsTheWaitAndIsWatched) {
  const Step step = pay::step(config(), {}, Event::kPopupOpened, kT0);
  EXPECT_EQ(step.state, waiting(kT0));
  EXPECT_EQ(types(step), std::vector<Type>{Type::kWatchWindow});
}

TEST(PayMachine, ClosingTheWindowAfterTheWaitUnlocksAndRemembersFor30Days) {
  const Step step = pay::step(config(), waiting(kT0), Event::kWindowClosed, kT0 + 8000);
  EXPECT_EQ(step.state.phase, Phase::kUnlocked);
  EXPECT_EQ(types(step), (std::vector<Type>{Type::kStore, Type::kReveal, Type::kAnnounce, Type::kEmitUnlock}));
  EXPECT_EQ(step.effects[0].area, Area::kLocal);
  EXPECT_EQ(step.effects[0].key, "sharelock:unlock:ebook-1");
  EXPECT_EQ(json_text(step.effects[0].record), R"({"v":1,"until":)" + std::to_string(kT0 + 8000 + 30 * kDay) + "}");
  EXPECT_TRUE(step.effects[1].focus);  // focus moves to the revealed content
}

TEST(PayMachine, ClosingTheWindowTooSoonRelocksWithANotice) {
  const Step step = pay::step(config(), waiting(kT0), Event::kWindowClosed, kT0 + 7999);
  EXPECT_EQ(step.state, (State{Phase::kLocked, 0, false, false, Notice::kTooFast}));
  EXPECT_EQ(types(step), std::vector<Type>{Type::kEmitCancel});
}

TEST(PayMachine, AClockThatWentBackwardsIsNotTimeWaited) {
  const Step step = pay::step(config(), waiting(kT0), Event::kWindowClosed, kT0 - 60'000);
  EXPECT_EQ(step.state.notice, Notice::kTooFast);
}

TEST(PayMachine, TheWaitComesFromTheConfiguration) {
  Config quick = config();
  quick.wait_millis = 0;
  EXPECT_EQ(pay::step(quick, waiting(kT0), Event::kWindowClosed, kT0).state.phase, Phase::kUnlocked);
  Config slow = config();
  slow.wait_millis = 30'000;
  EXPECT_EQ(pay::step(slow, waiting(kT0), Event::kWindowClosed, kT0 + 29'999).state.phase, Phase::kLocked);
}

TEST(PayMachine, ReturningEarlyWhileTheWindowIsOpenKeepsWaiting) {
  const Step step = pay::step(config(), waiting(kT0), Event::kReturned, kT0 + 2000);
  EXPECT_EQ(step.state, waiting(kT0));
  EXPECT_TRUE(step.effects.empty());
}

TEST(PayMachine, ReturningAfterTheWaitUnlocks) {
  const Step step = pay::step(config(), waiting(kT0), Event::kReturned, kT0 + 9000);
  EXPECT_EQ(step.state.phase, Phase::kUnlocked);
}

TEST(PayMachine, BlockedPopupFallsBackToTheSameTabAndRemembersThePendingShare) {
  const Step step = pay::step(config(), {}, Event::kPopupBlocked, kT0);
  EXPECT_EQ(step.state, waiting(kT0, true));
  ASSERT_EQ(types(step), (std::vector<Type>{Type::kStore, Type::kNavigate}));
  EXPECT_EQ(step.effects[0].area, Area::kSession);
  EXPECT_EQ(step.effects[0].key, "sharelock:pending:ebook-1");
  EXPECT_EQ(decode_pending(step.effects[0].record), kT0);
  EXPECT_EQ(step.effects[1].url, "https://x.com/intent/tweet?text=hi");
}

TEST(PayMachine, ComingBackToTheReloadedPageAfterTheWaitUnlocks) {
  Memory memory;
  memory.pending_opened_at = kT0;
  const Step step = pay::step(config(), {}, Event::kInit, kT0 + 20'000, memory);
  EXPECT_EQ(step.state.phase, Phase::kUnlocked);
  EXPECT_EQ(types(step), (std::vector<Type>{Type::kStore, Type::kRemove, Type::kReveal, Type::kAnnounce,
                                            Type::kEmitUnlock}));
  EXPECT_EQ(step.effects[1].area, Area::kSession);
  EXPECT_EQ(step.effects[1].key, "sharelock:pending:ebook-1");
}

TEST(PayMachine, ComingBackToTheReloadedPageTooSoonRelocks) {
  Memory memory;
  memory.pending_opened_at = kT0;
  const Step step = pay::step(config(), {}, Event::kInit, kT0 + 3000, memory);
  EXPECT_EQ(step.state.notice, Notice::kTooFast);
  EXPECT_EQ(types(step), (std::vector<Type>{Type::kRemove, Type::kEmitCancel}));
}

TEST(PayMachine, SameTabReturnTooSoonWithoutReloadRelocks) {
  const Step step = pay::step(config(), waiting(kT0, true), Event::kReturned, kT0 + 1000);
  EXPECT_EQ(step.state.notice, Notice::kTooFast);
  EXPECT_EQ(types(step), (std::vector<Type>{Type::kRemove, Type::kEmitCancel}));
}

TEST(PayMachine, EmailWaitsForTheShopperToComeBackFromTheMailProgram) {
  Config mail = config(Network::kEmail);
  mail.href = "mailto:?subject=hi";
  const Step clicked = pay::step(mail, {}, Event::kClick, kT0);
  EXPECT_EQ(clicked.state, waiting(kT0));
  // Kept like a same-tab share, in case a web mail handler takes the tab.
  ASSERT_EQ(types(clicked), (std::vector<Type>{Type::kStore, Type::kNavigate}));
  EXPECT_EQ(clicked.effects[0].key, "sharelock:pending:ebook-1");
  EXPECT_EQ(decode_pending(clicked.effects[0].record), kT0);
  EXPECT_EQ(clicked.effects[1].url, "mailto:?subject=hi");
  // Back too soon (the mail program flickering focus): still waiting.
  EXPECT_EQ(pay::step(mail, clicked.state, Event::kReturned, kT0 + 500).state, waiting(kT0));
  const Step done = pay::step(mail, clicked.state, Event::kReturned, kT0 + 9000);
  EXPECT_EQ(done.state.phase, Phase::kUnlocked);
  EXPECT_EQ(types(done), (std::vector<Type>{Type::kStore, Type::kRemove, Type::kReveal, Type::kAnnounce,
                                            Type::kEmitUnlock}));
}

TEST(PayMachine, CancelWhileWaitingRelocks) {
  const Step step = pay::step(config(), waiting(kT0), Event::kCancel, kT0 + 20'000);
  EXPECT_EQ(step.state, (State{Phase::kLocked, 0, false, false, Notice::kCancelled}));
  EXPECT_EQ(types(step), std::vector<Type>{Type::kEmitCancel});
}

TEST(PayMachine, RememberSessionStoresForTheTabAndZeroStoresNothing) {
  Config session = config();
  session.remember = Retention{Retention::Kind::kSession, 0};
  const Step kept = pay::step(session, waiting(kT0), Event::kWindowClosed, kT0 + 9000);
  ASSERT_EQ(kept.effects[0].type, Type::kStore);
  EXPECT_EQ(kept.effects[0].area, Area::kSession);
  EXPECT_EQ(json_text(kept.effects[0].record), R"({"v":1,"until":null})");

  Config page_only = config();
  page_only.remember = Retention{Retention::Kind::kNone, 0};
  const Step not_kept = pay::step(page_only, waiting(kT0), Event::kWindowClosed, kT0 + 9000);
  EXPECT_EQ(not_kept.state.phase, Phase::kUnlocked);
  EXPECT_EQ(types(not_kept), (std::vector<Type>{Type::kReveal, Type::kAnnounce, Type::kEmitUnlock}));
}

TEST(PayMachine, AStoredUnlockRevealsWithoutMovingFocus) {
  Memory memory;
  memory.unlocked = true;
  const Step step = pay::step(config(), {}, Event::kInit, kT0, memory);
  EXPECT_EQ(step.state.phase, Phase::kUnlocked);
  ASSERT_EQ(types(step), std::vector<Type>{Type::kReveal});
  EXPECT_FALSE(step.effects[0].focus);
}

TEST(PayMachine, AnotherWidgetForTheSameItemUnlocksThisOneQuietly) {
  const Step step = pay::step(config(), {}, Event::kSiblingUnlocked, kT0);
  EXPECT_EQ(step.state.phase, Phase::kUnlocked);
  ASSERT_EQ(types(step), std::vector<Type>{Type::kReveal});
  EXPECT_FALSE(step.effects[0].focus);
}

TEST(PayMachine, NothingTakesAnUnlockAway) {
  const State unlocked{Phase::kUnlocked, kT0, false, false, Notice::kNone};
  for (Event event : {Event::kClick, Event::kPopupOpened, Event::kPopupBlocked, Event::kWindowClosed,
                      Event::kReturned, Event::kCancel, Event::kDismiss, Event::kSiblingUnlocked}) {
    const Step step = pay::step(config(), unlocked, event, kT0 + 1);
    EXPECT_EQ(step.state, unlocked);
    EXPECT_TRUE(step.effects.empty());
  }
}

TEST(PayMachine, EventsThatNeedAWaitDoNothingWhenLocked) {
  for (Event event : {Event::kWindowClosed, Event::kReturned, Event::kCancel}) {
    const Step step = pay::step(config(), {}, event, kT0 + 60'000);
    EXPECT_EQ(step.state, State{});
    EXPECT_TRUE(step.effects.empty());
  }
}

TEST(PayMachine, NotNowCollapsesThePromptForTheSnoozePeriod) {
  const Step step = pay::step(config(), {}, Event::kDismiss, kT0);
  EXPECT_TRUE(step.state.collapsed);
  ASSERT_EQ(types(step), std::vector<Type>{Type::kStore});
  EXPECT_EQ(step.effects[0].key, "sharelock:snooze:ebook-1");
  EXPECT_EQ(json_text(step.effects[0].record), R"({"v":1,"until":)" + std::to_string(kT0 + 7 * kDay) + "}");

  Memory memory;
  memory.snoozed = true;
  EXPECT_TRUE(pay::step(config(), {}, Event::kInit, kT0, memory).state.collapsed);
  EXPECT_FALSE(pay::step(config(), step.state, Event::kExpand, kT0).state.collapsed);
}

TEST(PayMachine, SnoozeZeroCollapsesForThisPageViewOnly) {
  Config no_cap = config();
  no_cap.snooze = Retention{Retention::Kind::kNone, 0};
  const Step step = pay::step(no_cap, {}, Event::kDismiss, kT0);
  EXPECT_TRUE(step.state.collapsed);
  EXPECT_TRUE(step.effects.empty());
}

TEST(PayMachine, AnEndedOfferClosesThePromptForGood) {
  const Step closed = pay::step(config(), waiting(kT0, true), Event::kOfferClosed, kT0 + 1000);
  EXPECT_EQ(closed.state, (State{Phase::kLocked, 0, false, false, Notice::kNone, true}));
  ASSERT_EQ(types(closed), std::vector<Type>{Type::kRemove});  // the pending same-tab share is dropped
  for (Event event : {Event::kClick, Event::kPopupOpened, Event::kWindowClosed, Event::kReturned,
                      Event::kSiblingUnlocked, Event::kOfferOpened}) {
    const Step step = pay::step(config(), closed.state, event, kT0 + 60'000);
    EXPECT_EQ(step.state, closed.state);
    EXPECT_TRUE(step.effects.empty());
  }
}

TEST(PayMachine, AnEndedOfferNeverTakesBackAnEarnedUnlock) {
  const State unlocked{Phase::kUnlocked, kT0, false, false, Notice::kNone};
  EXPECT_EQ(pay::step(config(), unlocked, Event::kOfferClosed, kT0).state, unlocked);
}

TEST(PayMachine, AnOpenedOfferRevealsTheContentWithoutStoringIt) {
  const Step step = pay::step(config(), {}, Event::kOfferOpened, kT0);
  EXPECT_EQ(step.state.phase, Phase::kUnlocked);
  ASSERT_EQ(types(step), std::vector<Type>{Type::kReveal});
  EXPECT_FALSE(step.effects[0].focus);
}

TEST(PayMachine, RefreshKeepsTheStateAsItIs) {
  const Step step = pay::step(config(), waiting(kT0), Event::kRefresh, kT0 + 60'000);
  EXPECT_EQ(step.state, waiting(kT0));
  EXPECT_TRUE(step.effects.empty());
}

TEST(PayRecords, LiveUntilTheirExpiry) {
  EXPECT_TRUE(is_live_record(encode_until(kT0 + 1), kT0));
  EXPECT_FALSE(is_live_record(encode_until(kT0), kT0));
  EXPECT_TRUE(is_live_record(encode_until(std::nullopt), kT0));
}

TEST(PayRecords, MalformedOrForeignRecordsReadAsAbsent) {
  for (const char* bad : {"", "null", "true", "[]", "{}", R"({"v":2,"until":null})", R"({"v":1})",
                          R"({"v":1,"until":"tomorrow"})", R"({"v":1,"until":1.5e300})", "{\"v\":1,"}) {
    EXPECT_FALSE(is_live_record(json_document(bad), kT0)) << bad;
  }
  for (const char* bad : {"", "{}", R"({"v":1,"openedAt":"x"})", R"({"v":3,"openedAt":1})",
                          R"({"v":1,"openedAt":-9223372036854775807})"}) {
    EXPECT_FALSE(decode_pending(json_document(bad)).has_value()) << bad;
  }
  EXPECT_EQ(decode_pending(encode_pending(kT0)), kT0);
}

TEST(PayRecords, RecordsStoredBeforeTheTypedBoundaryStillRead) {
  // Text written by earlier versions, byte for byte, as shoppers' devices keep it.
  EXPECT_TRUE(is_live_record(json_document(R"({"v":1,"until":1764000000001})"), kT0));
  EXPECT_TRUE(is_live_record(json_document(R"({"v":1,"until":null})"), kT0));
  EXPECT_EQ(decode_pending(json_document(R"({"v":1,"openedAt":1764000000000})")), kT0);
  // And what is written now is the same text.
  EXPECT_EQ(json_text(encode_until(kT0 + 1)), R"({"v":1,"until":1764000000001})");
  EXPECT_EQ(json_text(encode_pending(kT0)), R"({"v":1,"openedAt":1764000000000})");
}

}  // namespace
}  // namespace sharelock::pay

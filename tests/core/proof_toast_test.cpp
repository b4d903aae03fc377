// The activity toasts' two calls as the shim makes them: each toast's
// sentence at the moment it is shown, and the per-visitor frequency cap over
// the record kept in storage, which must stay the text it was (records are
// already on shoppers' devices). Requests are written as the shim's objects
// (proof_json.hpp).
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "proof_json.hpp"
#include "sharelock/proof_widget.hpp"

namespace sharelock {
namespace {

using nlohmann::json;

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

// Wed 2026-11-25T14:30:00Z.
constexpr std::int64_t kNow = 1'795'617'000'000;

// ---- toast text ------------------------------------------------------------

json toast_json(const json& request) {
  return testing::toast_text_json(proof_toast_text(testing::toast_text_request(request)));
}

std::string toast_text(const json& request) { return toast_json(request)["text"]; }

TEST(ProofToastText, WritesTheSentenceAtNow) {
  json request = {{"type", "purchase"}, {"name", "Ana"}, {"place", "Madrid"},
                  {"at", kNow - 5 * kMinute - 59 * kSecond}, {"now", kNow}, {"lang", "en"}};
  EXPECT_EQ(toast_text(request), "Ana from Madrid bought this 5 min ago");
  request["now"] = kNow + 2 * kHour;
  EXPECT_EQ(toast_text(request), "Ana from Madrid bought this 2 hours ago");
  request["lang"] = "es-ES";
  EXPECT_EQ(toast_text(request), "Ana de Madrid lo compró hace 2 horas");
  EXPECT_EQ(toast_text({{"type", "signup"}, {"at", kNow}, {"now", kNow + 10 * kSecond}, {"lang", "es"}}),
            "Alguien se apuntó ahora mismo");
  EXPECT_EQ(toast_text({{"type", "download"}, {"name", "Eva"}, {"at", kNow - 3 * kDay}, {"now", kNow}}),
            "Eva downloaded this 3 days ago");
}

TEST(ProofToastText, SanitisesNamesAndPlacesAgain) {
  const auto text = [](const std::string& name, const std::string& place) {
    return toast_text({{"type", "share"}, {"name", name}, {"place", place}, {"at", kNow}, {"now", kNow}});
  };
  EXPECT_EQ(text("Ana López", "Sevilla\u202E"), "Ana from Sevilla shared this just now");
  EXPECT_EQ(text("ana@example.com", "Madrid 28001"), "Someone shared this just now");
  EXPECT_EQ(text("\u2066Luis\u2069", ""), "Luis shared this just now");
  EXPECT_EQ(text("<b>Ana</b>", ""), "<b>Ana</b> shared this just now");
}

TEST(ProofToastText, AnUnknownTypeHasNoText) {
  for (const char* request : {R"({"type":"viewing","at":0,"now":0})", R"({"type":"refund","at":0,"now":0})",
                              R"({"at":0,"now":0})", "not json", "[]"}) {
    EXPECT_EQ(toast_json(json::parse(request, nullptr, false)), json({{"text", ""}, {"expired", true}})) << request;
  }
}

TEST(ProofToastText, AnEventOlderThanTheWindowHasExpired) {
  const json event = {{"type", "purchase"}, {"name", "Ana"}, {"at", kNow - kDay}, {"window", kDay}};
  json inside = event;
  inside["now"] = kNow;
  EXPECT_EQ(toast_json(inside), json({{"text", "Ana bought this 1 day ago"}, {"expired", false}}));
  json outside = event;
  outside["now"] = kNow + 1;
  EXPECT_EQ(toast_json(outside), json({{"text", ""}, {"expired", true}}));
  // Without a window (0) nothing expires.
  outside["window"] = 0;
  EXPECT_EQ(toast_json(outside)["expired"], false);
}

// ---- the per-visitor cap ---------------------------------------------------

struct Gate {
  bool allow;
  json record;  // the record to store, parsed
  std::string store;
};

Gate gate(const json& stored, std::int64_t now, std::int64_t limit = 5, std::int64_t snooze = 7 * kDay,
          const std::string& action = "show") {
  const json response = testing::toast_gate_json(proof_toast_gate(testing::toast_gate_request(
      {{"stored", stored}, {"now", now}, {"limit", limit}, {"snooze", snooze}, {"action", action}})));
  const std::string store = response["store"];
  return {response["allow"], json::parse(store), store};
}

TEST(ProofToastGate, AllowsUpToTheLimitPerDay) {
  Gate first = gate(nullptr, kNow, 3);
  EXPECT_TRUE(first.allow);
  EXPECT_EQ(first.record, json({{"v", 1}, {"since", kNow}, {"shown", 1}}));
  json stored = first.store;
  for (int i = 2; i <= 3; ++i) {
    Gate next = gate(stored, kNow + i * kMinute, 3);
    EXPECT_TRUE(next.allow) << i;
    EXPECT_EQ(next.record, json({{"v", 1}, {"since", kNow}, {"shown", i}})) << i;
    stored = next.store;
  }
  Gate fourth = gate(stored, kNow + kDay - 1, 3);
  EXPECT_FALSE(fourth.allow);
  EXPECT_EQ(fourth.record, json({{"v", 1}, {"since", kNow}, {"shown", 3}}));
  // A day after the first, the count starts again.
  Gate next_day = gate(stored, kNow + kDay, 3);
  EXPECT_TRUE(next_day.allow);
  EXPECT_EQ(next_day.record, json({{"v", 1}, {"since", kNow + kDay}, {"shown", 1}}));
}

TEST(ProofToastGate, TheLimitIsClamped) {
  EXPECT_FALSE(gate(nullptr, kNow, 0).allow);
  EXPECT_FALSE(gate(nullptr, kNow, -3).allow);
  json stored = nullptr;
  for (int i = 0; i < 50; ++i) {
    Gate next = gate(stored, kNow, 1000);
    ASSERT_TRUE(next.allow) << i;
    stored = next.store;
  }
  EXPECT_FALSE(gate(stored, kNow, 1000).allow);
}

TEST(ProofToastGate, DismissSnoozes) {
  const json shown = gate(nullptr, kNow).store;
  Gate dismissed = gate(shown, kNow + kMinute, 5, 12 * kHour, "dismiss");
  EXPECT_FALSE(dismissed.allow);
  EXPECT_EQ(dismissed.record, json({{"v", 1}, {"since", kNow}, {"shown", 1}, {"until", kNow + kMinute + 12 * kHour}}));
  const json stored = dismissed.store;
  Gate during = gate(stored, kNow + kMinute + 12 * kHour - 1);
  EXPECT_FALSE(during.allow);
  EXPECT_EQ(during.record["until"], kNow + kMinute + 12 * kHour);
  // After the snooze (and a new day): allowed again, and the snooze forgotten.
  Gate after = gate(stored, kNow + kMinute + 12 * kHour);
  EXPECT_TRUE(after.allow);
  EXPECT_EQ(after.record, json({{"v", 1}, {"since", kNow}, {"shown", 2}}));
  // Snooze "0": dismissed for this page view only, nothing kept.
  Gate page_only = gate(shown, kNow + kMinute, 5, 0, "dismiss");
  EXPECT_FALSE(page_only.allow);
  EXPECT_FALSE(page_only.record.contains("until"));
  EXPECT_TRUE(gate(page_only.store, kNow + 2 * kMinute).allow);
  // A snooze beyond a year is cut to the longest retention.
  Gate long_snooze = gate(nullptr, kNow, 5, 10 * 366 * kDay, "dismiss");
  EXPECT_EQ(long_snooze.record["until"], kNow + 366 * kDay);
  EXPECT_FALSE(gate(long_snooze.store, kNow + 365 * kDay).allow);
}

TEST(ProofToastGate, AMalformedRecordStartsAfresh) {
  const json fresh = {{"v", 1}, {"since", kNow}, {"shown", 1}};
  for (const char* stored :
       {"", "not json", "[]", "null", "42", R"({"since":0,"shown":0})", R"({"v":2,"since":1795617000000,"shown":5})",
        R"({"v":"1","since":1795617000000,"shown":5})", R"({"v":1,"shown":5})",
        R"({"v":1,"since":"1795617000000","shown":5})", R"({"v":1,"since":1795617000000.5,"shown":5})",
        // From the future: a clock moved back, or a hand edit.
        R"({"v":1,"since":1795617000001,"shown":5})",
        // So long ago that now - since would overflow.
        R"({"v":1,"since":-9223372036854775807,"shown":5})"}) {
    Gate result = gate(stored, kNow, 5);
    EXPECT_TRUE(result.allow) << stored;
    EXPECT_EQ(result.record, fresh) << stored;
  }
  // Non-string stored values are no record either.
  EXPECT_EQ(gate(json({{"v", 1}, {"since", kNow}, {"shown", 5}}), kNow).record, fresh);
  // 1.7956e12 is to JSON.parse the whole number 1795600000000 (4 h 43 min
  // before kNow), as 1795600000000 would be: a record in force. (The JSON
  // core read the text itself and refused the exponent; the core never
  // writes one.)
  EXPECT_FALSE(gate(R"({"v":1,"since":1.7956e12,"shown":5})", kNow, 5).allow);
  // A negative count of shown toasts counts as none.
  EXPECT_EQ(gate(R"({"v":1,"since":1795617000000,"shown":-100})", kNow).record, fresh);
}

TEST(ProofToastGate, AnUntilBeyondAYearIsIgnored) {
  const std::string far = json({{"v", 1}, {"since", kNow}, {"shown", 0}, {"until", kNow + 367 * kDay}}).dump();
  Gate ignored = gate(far, kNow);
  EXPECT_TRUE(ignored.allow);
  EXPECT_EQ(ignored.record, json({{"v", 1}, {"since", kNow}, {"shown", 1}}));
  const std::string year = json({{"v", 1}, {"since", kNow}, {"shown", 0}, {"until", kNow + 300 * kDay}}).dump();
  Gate kept = gate(year, kNow);
  EXPECT_FALSE(kept.allow);
  EXPECT_EQ(kept.record["until"], kNow + 300 * kDay);
  const std::string huge =
      json({{"v", 1}, {"since", kNow}, {"shown", 0}, {"until", std::numeric_limits<std::int64_t>::max()}}).dump();
  EXPECT_TRUE(gate(huge, kNow).allow);
  // A record without "since" restarts the count, but its "until" still holds.
  EXPECT_FALSE(gate(R"({"v":1,"until":1795617060000})", kNow).allow);
}

TEST(ProofToastGate, WritesTheRecordAsTheJsonCoreDid) {
  // Byte for byte (nlohmann wrote an object's members sorted by name), so
  // the text stored on a device does not change with the boundary.
  EXPECT_EQ(gate(nullptr, kNow).store, R"({"shown":1,"since":1795617000000,"v":1})");
  EXPECT_EQ(gate(nullptr, kNow, 5, kHour, "dismiss").store,
            R"({"shown":0,"since":1795617000000,"until":1795620600000,"v":1})");
  // What the JSON core stored reads the same: counted, and snoozed.
  EXPECT_FALSE(gate(R"({"shown":5,"since":1795617000000,"v":1})", kNow + kMinute).allow);
  EXPECT_EQ(gate(R"({"shown":4,"since":1795617000000,"v":1})", kNow + kMinute).store,
            R"({"shown":5,"since":1795617000000,"v":1})");
  EXPECT_FALSE(gate(R"({"shown":0,"since":1795617000000,"until":1795620600000,"v":1})", kNow + kMinute).allow);
}

// ---- hostile numbers from the shim -------------------------------------------

TEST(ProofHostileNumbers, ToastTimesOutsideTheDateRangeDoNotOverflow) {
  const json response = toast_json(json::parse(
      R"({"type":"purchase","name":"Ana","now":9223372036854775807,"at":-9223372036854775807,"lang":"en"})"));
  // Both read as the epoch: no time has passed.
  EXPECT_EQ(response["text"], "Ana bought this just now");
}

}  // namespace
}  // namespace sharelock

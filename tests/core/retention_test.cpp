#include "sharelock/retention.hpp"

#include <gtest/gtest.h>

namespace sharelock {
namespace {

constexpr std::int64_t kHour = 60LL * 60 * 1000;
constexpr std::int64_t kDay = 24 * kHour;

TEST(Retention, ParsesDaysAndHours) {
  EXPECT_EQ(parse_retention("30d", "remember").value(), (Retention{Retention::Kind::kFor, 30 * kDay}));
  EXPECT_EQ(parse_retention("12h", "remember").value(), (Retention{Retention::Kind::kFor, 12 * kHour}));
  EXPECT_EQ(parse_retention("366d", "remember").value(), (Retention{Retention::Kind::kFor, 366 * kDay}));
}

TEST(Retention, SessionAndZeroKeepNothingOnTheDevice) {
  EXPECT_EQ(parse_retention("session", "remember").value().kind, Retention::Kind::kSession);
  EXPECT_EQ(parse_retention("0", "remember").value().kind, Retention::Kind::kNone);
  EXPECT_EQ(parse_retention("0d", "remember").value().kind, Retention::Kind::kNone);
  EXPECT_EQ(parse_retention("0h", "remember").value().kind, Retention::Kind::kNone);
}

TEST(Retention, RefusesWhatIsNotADuration) {
  for (const char* bad : {"", "d", "30", "-1d", "1.5d", "30D", "30m", "3 d", " 3d", "session ", "forever",
                          "9999999d"}) {
    const auto parsed = parse_retention(bad, "snooze");
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().code, "invalid-duration");
    EXPECT_EQ(parsed.error().attribute, "snooze");
  }
}

TEST(Retention, RefusesMoreThanAYear) {
  const auto parsed = parse_retention("367d", "remember");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, "invalid-duration");
  EXPECT_FALSE(parse_retention("8785h", "remember").ok());  // 366 d + 1 h
}

}  // namespace
}  // namespace sharelock

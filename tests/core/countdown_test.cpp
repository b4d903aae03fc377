// Countdown rules: daily deadlines across DST changes (zone offsets passed
// in by a fake lookup that implements the real EU and US rules), d/h/m/s
// decomposition, labels and texts, durations. Expected instants were worked
// out by hand from the rules and the calendar.
#include "sharelock/countdown.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <set>
#include <utility>
#include <variant>

namespace sharelock::countdown {
namespace {

using i18n::Lang;

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

// ---- a calendar of our own (naive, deliberately unlike the core's) -------

bool leap(std::int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

std::int64_t month_days(std::int64_t year, int month) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : kDays[month - 1];
}

// Days since 1970-01-01, counted year by year and month by month.
std::int64_t naive_days(std::int64_t year, int month, int day) {
  std::int64_t days = 0;
  for (std::int64_t y = 1970; y < year; ++y) days += leap(y) ? 366 : 365;
  for (std::int64_t y = year; y < 1970; ++y) days -= leap(y) ? 366 : 365;
  for (int m = 1; m < month; ++m) days += month_days(year, m);
  return days + day - 1;
}

std::int64_t utc(std::int64_t year, int month, int day, int hour = 0, int minute = 0) {
  return naive_days(year, month, day) * kDay + hour * kHour + minute * kMinute;
}

// 0 = Sunday; 1970-01-01 was a Thursday.
int weekday(std::int64_t days) { return static_cast<int>(((days + 4) % 7 + 7) % 7); }

// The n-th (1-based) Sunday of a month, or the last one for n = 0.
int sunday(std::int64_t year, int month, int n) {
  if (n == 0) {
    const int last = static_cast<int>(month_days(year, month));
    return last - weekday(naive_days(year, month, last));
  }
  const int first = 1 + (7 - weekday(naive_days(year, month, 1))) % 7;
  return first + 7 * (n - 1);
}

std::int64_t year_of(std::int64_t instant) {
  std::int64_t year = 1970 + instant / (365 * kDay);  // close; corrected below
  while (instant >= utc(year + 1, 1, 1)) ++year;
  while (instant < utc(year, 1, 1)) --year;
  return year;
}

// Europe/Madrid: CET (+60), CEST (+120) from 01:00 UTC on the last Sunday of
// March to 01:00 UTC on the last Sunday of October.
int madrid(std::int64_t instant) {
  static std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> summers;
  const std::int64_t y = year_of(instant);
  if (!summers.contains(y)) summers[y] = {utc(y, 3, sunday(y, 3, 0), 1), utc(y, 10, sunday(y, 10, 0), 1)};
  const auto [start, end] = summers[y];
  return instant >= start && instant < end ? 120 : 60;
}

// America/New_York: EST (-300), EDT (-240) from 2:00 EST (07:00 UTC) on the
// second Sunday of March to 2:00 EDT (06:00 UTC) on the first Sunday of
// November.
int new_york(std::int64_t instant) {
  static std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> summers;
  const std::int64_t y = year_of(instant);
  if (!summers.contains(y)) summers[y] = {utc(y, 3, sunday(y, 3, 2), 7), utc(y, 11, sunday(y, 11, 1), 6)};
  const auto [start, end] = summers[y];
  return instant >= start && instant < end ? -240 : -300;
}

// OffsetLookup refers to a function object: these live as long as the tests.
const auto kMadridOffsets = [](std::int64_t instant) -> std::optional<int> { return madrid(instant); };
const auto kNewYorkOffsets = [](std::int64_t instant) -> std::optional<int> { return new_york(instant); };
const OffsetLookup kMadrid = kMadridOffsets;
const OffsetLookup kNewYork = kNewYorkOffsets;

std::int64_t daily(std::int64_t now, int hour, int minute, const OffsetLookup& lookup) {
  const auto next = next_daily(now, hour * 60 + minute, lookup);
  EXPECT_TRUE(std::holds_alternative<std::int64_t>(next)) << "at " << now;
  return std::holds_alternative<std::int64_t>(next) ? std::get<std::int64_t>(next) : INT64_MIN;
}

// ---- the fake zones themselves --------------------------------------------

TEST(FakeZones, CalendarAndTransitionsMatchHandWorkedValues) {
  EXPECT_EQ(utc(2026, 1, 1), 1'767'225'600'000);  // 20 454 days
  EXPECT_EQ(utc(1969, 12, 31), -kDay);
  EXPECT_EQ(sunday(2026, 3, 0), 29);
  EXPECT_EQ(sunday(2026, 10, 0), 25);
  EXPECT_EQ(sunday(2026, 3, 2), 8);
  EXPECT_EQ(sunday(2026, 11, 1), 1);
  // 2026-03-29T01:00Z = 1 774 746 000 s; 2026-10-25T01:00Z = 1 792 890 000 s.
  EXPECT_EQ(utc(2026, 3, 29, 1), 1'774'746'000'000);
  EXPECT_EQ(utc(2026, 10, 25, 1), 1'792'890'000'000);
  EXPECT_EQ(madrid(1'774'746'000'000 - 1), 60);
  EXPECT_EQ(madrid(1'774'746'000'000), 120);
  EXPECT_EQ(madrid(1'792'890'000'000 - 1), 120);
  EXPECT_EQ(madrid(1'792'890'000'000), 60);
  // 2026-03-08T07:00Z = 1 772 953 200 s; 2026-11-01T06:00Z = 1 793 512 800 s.
  EXPECT_EQ(new_york(1'772'953'200'000 - 1), -300);
  EXPECT_EQ(new_york(1'772'953'200'000), -240);
  EXPECT_EQ(new_york(1'793'512'800'000 - 1), -240);
  EXPECT_EQ(new_york(1'793'512'800'000), -300);
}

// ---- next_daily: Europe/Madrid ---------------------------------------------

TEST(NextDailyMadrid, OrdinaryDays) {
  // Winter (CET): 20:00 is 19:00 UTC; summer (CEST): 18:00 UTC.
  EXPECT_EQ(daily(utc(2026, 1, 15, 12), 20, 0, kMadrid), utc(2026, 1, 15, 19));
  EXPECT_EQ(daily(utc(2026, 6, 15, 12), 20, 0, kMadrid), utc(2026, 6, 15, 18));
  EXPECT_EQ(daily(utc(2026, 12, 31, 20), 20, 0, kMadrid), utc(2027, 1, 1, 19));
}

TEST(NextDailyMadrid, JustBeforeAndJustAfterTheTime) {
  const std::int64_t eight_pm = utc(2026, 6, 15, 18);
  EXPECT_EQ(daily(eight_pm - 1, 20, 0, kMadrid), eight_pm);
  EXPECT_EQ(daily(eight_pm - kHour, 20, 0, kMadrid), eight_pm);
  // At 20:00 itself, the next one is tomorrow's: "after now".
  EXPECT_EQ(daily(eight_pm, 20, 0, kMadrid), eight_pm + kDay);
  EXPECT_EQ(daily(eight_pm + 1, 20, 0, kMadrid), eight_pm + kDay);
  EXPECT_EQ(daily(eight_pm + 3 * kHour + 59 * kMinute, 20, 0, kMadrid), eight_pm + kDay);  // 23:59 local
  EXPECT_EQ(daily(eight_pm + 4 * kHour, 20, 0, kMadrid), eight_pm + kDay);                 // 00:00 local
}

TEST(NextDailyMadrid, AroundSpringForward) {
  // Saturday 2026-03-28, CET.
  EXPECT_EQ(daily(utc(2026, 3, 28, 10), 20, 0, kMadrid), utc(2026, 3, 28, 19));
  EXPECT_EQ(daily(utc(2026, 3, 28, 19) - 1, 20, 0, kMadrid), utc(2026, 3, 28, 19));
  // After Saturday's 20:00 CET, Sunday's is 20:00 CEST = 18:00 UTC, 23 h later.
  EXPECT_EQ(daily(utc(2026, 3, 28, 19), 20, 0, kMadrid), utc(2026, 3, 29, 18));
  EXPECT_EQ(daily(utc(2026, 3, 28, 19, 30), 20, 0, kMadrid), utc(2026, 3, 29, 18));
  // Sunday, before the change (00:30 CET), after it, and just around 20:00.
  EXPECT_EQ(daily(utc(2026, 3, 28, 23, 30), 20, 0, kMadrid), utc(2026, 3, 29, 18));
  EXPECT_EQ(daily(utc(2026, 3, 29, 0, 59), 20, 0, kMadrid), utc(2026, 3, 29, 18));
  EXPECT_EQ(daily(utc(2026, 3, 29, 1), 20, 0, kMadrid), utc(2026, 3, 29, 18));
  EXPECT_EQ(daily(utc(2026, 3, 29, 10), 20, 0, kMadrid), utc(2026, 3, 29, 18));
  EXPECT_EQ(daily(utc(2026, 3, 29, 18) - 1, 20, 0, kMadrid), utc(2026, 3, 29, 18));
  EXPECT_EQ(daily(utc(2026, 3, 29, 18), 20, 0, kMadrid), utc(2026, 3, 30, 18));
  // Monday, CEST.
  EXPECT_EQ(daily(utc(2026, 3, 30, 10), 20, 0, kMadrid), utc(2026, 3, 30, 18));
  EXPECT_EQ(daily(utc(2026, 3, 30, 18, 1), 20, 0, kMadrid), utc(2026, 3, 31, 18));
}

TEST(NextDailyMadrid, AroundFallBack) {
  // Saturday 2026-10-24, CEST.
  EXPECT_EQ(daily(utc(2026, 10, 24, 10), 20, 0, kMadrid), utc(2026, 10, 24, 18));
  EXPECT_EQ(daily(utc(2026, 10, 24, 18) - 1, 20, 0, kMadrid), utc(2026, 10, 24, 18));
  // After Saturday's 20:00 CEST, Sunday's is 20:00 CET = 19:00 UTC, 25 h later.
  EXPECT_EQ(daily(utc(2026, 10, 24, 18), 20, 0, kMadrid), utc(2026, 10, 25, 19));
  EXPECT_EQ(daily(utc(2026, 10, 24, 18, 30), 20, 0, kMadrid), utc(2026, 10, 25, 19));
  // Sunday: during the repeated hour, after the change, around 20:00 CET.
  EXPECT_EQ(daily(utc(2026, 10, 24, 22, 30), 20, 0, kMadrid), utc(2026, 10, 25, 19));
  EXPECT_EQ(daily(utc(2026, 10, 25, 0, 30), 20, 0, kMadrid), utc(2026, 10, 25, 19));
  EXPECT_EQ(daily(utc(2026, 10, 25, 1, 30), 20, 0, kMadrid), utc(2026, 10, 25, 19));
  EXPECT_EQ(daily(utc(2026, 10, 25, 18), 20, 0, kMadrid), utc(2026, 10, 25, 19));  // 19:00 CET
  EXPECT_EQ(daily(utc(2026, 10, 25, 19) - 1, 20, 0, kMadrid), utc(2026, 10, 25, 19));
  EXPECT_EQ(daily(utc(2026, 10, 25, 19), 20, 0, kMadrid), utc(2026, 10, 26, 19));
  // Monday, CET.
  EXPECT_EQ(daily(utc(2026, 10, 26, 10), 20, 0, kMadrid), utc(2026, 10, 26, 19));
  EXPECT_EQ(daily(utc(2026, 10, 26, 19, 1), 20, 0, kMadrid), utc(2026, 10, 27, 19));
}

TEST(NextDailyMadrid, ATimeInTheSpringGapArrivesWhenTheClocksJump) {
  // 02:30 does not exist on 2026-03-29 in Madrid (02:00 CET → 03:00 CEST at
  // 01:00 UTC): the deal falls due at 01:30 UTC, when the clocks show 03:30.
  EXPECT_EQ(daily(utc(2026, 3, 28, 12), 2, 30, kMadrid), utc(2026, 3, 29, 1, 30));
  EXPECT_EQ(daily(utc(2026, 3, 28, 23), 2, 30, kMadrid), utc(2026, 3, 29, 1, 30));  // 00:00 CET
  EXPECT_EQ(daily(utc(2026, 3, 29, 0, 59), 2, 30, kMadrid), utc(2026, 3, 29, 1, 30));
  EXPECT_EQ(daily(utc(2026, 3, 29, 1), 2, 30, kMadrid), utc(2026, 3, 29, 1, 30));  // 03:00 CEST
  // Once it has passed, the next is Monday's 02:30 CEST = 00:30 UTC.
  EXPECT_EQ(daily(utc(2026, 3, 29, 1, 30), 2, 30, kMadrid), utc(2026, 3, 30, 0, 30));
  // Saturday's 02:30 CET, the day before, is ordinary: 01:30 UTC.
  EXPECT_EQ(daily(utc(2026, 3, 27, 12), 2, 30, kMadrid), utc(2026, 3, 28, 1, 30));
  // The gap's edges: 02:00 (also skipped) and 03:00 (exists once).
  EXPECT_EQ(daily(utc(2026, 3, 28, 12), 2, 0, kMadrid), utc(2026, 3, 29, 1));
  EXPECT_EQ(daily(utc(2026, 3, 28, 12), 3, 0, kMadrid), utc(2026, 3, 29, 1));
  EXPECT_EQ(daily(utc(2026, 3, 28, 12), 1, 59, kMadrid), utc(2026, 3, 29, 0, 59));
}

TEST(NextDailyMadrid, ATimeInTheAutumnOverlapIsItsFirstOccurrence) {
  // 02:30 happens twice on 2026-10-25: 00:30 UTC (CEST) and 01:30 UTC (CET).
  EXPECT_EQ(daily(utc(2026, 10, 24, 12), 2, 30, kMadrid), utc(2026, 10, 25, 0, 30));
  EXPECT_EQ(daily(utc(2026, 10, 25, 0, 30) - 1, 2, 30, kMadrid), utc(2026, 10, 25, 0, 30));
  // Once per day: after the first 02:30 the next is Monday's 02:30 CET.
  EXPECT_EQ(daily(utc(2026, 10, 25, 0, 30), 2, 30, kMadrid), utc(2026, 10, 26, 1, 30));
  EXPECT_EQ(daily(utc(2026, 10, 25, 1), 2, 30, kMadrid), utc(2026, 10, 26, 1, 30));
  // Saturday's 02:30 CEST, the day before: 00:30 UTC.
  EXPECT_EQ(daily(utc(2026, 10, 23, 12), 2, 30, kMadrid), utc(2026, 10, 24, 0, 30));
  // 02:00 repeats too (first at 00:00 UTC); 03:00 exists once (02:00 UTC).
  EXPECT_EQ(daily(utc(2026, 10, 24, 12), 2, 0, kMadrid), utc(2026, 10, 25, 0));
  EXPECT_EQ(daily(utc(2026, 10, 24, 12), 3, 0, kMadrid), utc(2026, 10, 25, 2));
}

TEST(NextDailyMadrid, MidnightDeals) {
  // 00:00 local on the day of each change.
  EXPECT_EQ(daily(utc(2026, 3, 28, 12), 0, 0, kMadrid), utc(2026, 3, 28, 23));   // CET
  EXPECT_EQ(daily(utc(2026, 3, 28, 23), 0, 0, kMadrid), utc(2026, 3, 29, 22));   // then 00:00 CEST
  EXPECT_EQ(daily(utc(2026, 10, 24, 12), 0, 0, kMadrid), utc(2026, 10, 24, 22)); // CEST
  EXPECT_EQ(daily(utc(2026, 10, 24, 22), 0, 0, kMadrid), utc(2026, 10, 25, 23)); // then 00:00 CET
}

// ---- next_daily: America/New_York -----------------------------------------

TEST(NextDailyNewYork, OrdinaryDays) {
  // EST: 20:00 is 01:00 UTC the next day; EDT: 00:00 UTC the next day.
  EXPECT_EQ(daily(utc(2026, 1, 15, 12), 20, 0, kNewYork), utc(2026, 1, 16, 1));
  EXPECT_EQ(daily(utc(2026, 7, 15, 12), 20, 0, kNewYork), utc(2026, 7, 16, 0));
  // 22:00 EDT on 2026-07-15 is 02:00 UTC on the 16th, still the 15th locally.
  EXPECT_EQ(daily(utc(2026, 7, 16, 2), 20, 0, kNewYork), utc(2026, 7, 17, 0));
}

TEST(NextDailyNewYork, AroundSpringForward) {
  // Saturday 2026-03-07, EST.
  EXPECT_EQ(daily(utc(2026, 3, 7, 12), 20, 0, kNewYork), utc(2026, 3, 8, 1));
  EXPECT_EQ(daily(utc(2026, 3, 8, 1) - 1, 20, 0, kNewYork), utc(2026, 3, 8, 1));
  // After Saturday's 20:00 EST, Sunday's is 20:00 EDT = 00:00 UTC Monday.
  EXPECT_EQ(daily(utc(2026, 3, 8, 1), 20, 0, kNewYork), utc(2026, 3, 9, 0));
  EXPECT_EQ(daily(utc(2026, 3, 8, 4), 20, 0, kNewYork), utc(2026, 3, 9, 0));  // 23:00 EST Saturday
  // Sunday 2026-03-08: before the 07:00 UTC change, after it, around 20:00.
  EXPECT_EQ(daily(utc(2026, 3, 8, 6, 59), 20, 0, kNewYork), utc(2026, 3, 9, 0));
  EXPECT_EQ(daily(utc(2026, 3, 8, 12), 20, 0, kNewYork), utc(2026, 3, 9, 0));
  EXPECT_EQ(daily(utc(2026, 3, 9, 0) - 1, 20, 0, kNewYork), utc(2026, 3, 9, 0));
  EXPECT_EQ(daily(utc(2026, 3, 9, 0), 20, 0, kNewYork), utc(2026, 3, 10, 0));
  // Monday, EDT.
  EXPECT_EQ(daily(utc(2026, 3, 9, 12), 20, 0, kNewYork), utc(2026, 3, 10, 0));
}

TEST(NextDailyNewYork, AroundFallBack) {
  // Saturday 2026-10-31, EDT: 20:00 = 00:00 UTC Sunday.
  EXPECT_EQ(daily(utc(2026, 10, 31, 12), 20, 0, kNewYork), utc(2026, 11, 1, 0));
  EXPECT_EQ(daily(utc(2026, 11, 1, 0) - 1, 20, 0, kNewYork), utc(2026, 11, 1, 0));
  // After it, Sunday's 20:00 EST = 01:00 UTC Monday, 25 h later.
  EXPECT_EQ(daily(utc(2026, 11, 1, 0), 20, 0, kNewYork), utc(2026, 11, 2, 1));
  // Sunday 2026-11-01, in the repeated hour (01:30 EDT and 01:30 EST) and after.
  EXPECT_EQ(daily(utc(2026, 11, 1, 5, 30), 20, 0, kNewYork), utc(2026, 11, 2, 1));
  EXPECT_EQ(daily(utc(2026, 11, 1, 6, 30), 20, 0, kNewYork), utc(2026, 11, 2, 1));
  EXPECT_EQ(daily(utc(2026, 11, 1, 12), 20, 0, kNewYork), utc(2026, 11, 2, 1));
  EXPECT_EQ(daily(utc(2026, 11, 2, 1) - 1, 20, 0, kNewYork), utc(2026, 11, 2, 1));
  EXPECT_EQ(daily(utc(2026, 11, 2, 1), 20, 0, kNewYork), utc(2026, 11, 3, 1));
  // Monday, EST.
  EXPECT_EQ(daily(utc(2026, 11, 2, 12), 20, 0, kNewYork), utc(2026, 11, 3, 1));
}

TEST(NextDailyNewYork, GapAndOverlap) {
  // 02:30 does not exist on 2026-03-08 (02:00 EST → 03:00 EDT at 07:00 UTC):
  // due at 07:30 UTC, when the clocks show 03:30 EDT.
  EXPECT_EQ(daily(utc(2026, 3, 7, 12), 2, 30, kNewYork), utc(2026, 3, 8, 7, 30));
  EXPECT_EQ(daily(utc(2026, 3, 8, 7, 30), 2, 30, kNewYork), utc(2026, 3, 9, 6, 30));
  // 01:30 happens twice on 2026-11-01: 05:30 UTC (EDT) first, 06:30 UTC (EST).
  EXPECT_EQ(daily(utc(2026, 10, 31, 12), 1, 30, kNewYork), utc(2026, 11, 1, 5, 30));
  EXPECT_EQ(daily(utc(2026, 11, 1, 5, 30), 1, 30, kNewYork), utc(2026, 11, 2, 6, 30));
  // 02:30 on 2026-11-01 exists once, in EST: 07:30 UTC.
  EXPECT_EQ(daily(utc(2026, 10, 31, 12), 2, 30, kNewYork), utc(2026, 11, 1, 7, 30));
}

// Every hour of 2026, in both zones, for a handful of daily times: the
// answer is after now, within 25 hours, and shows the requested wall-clock
// time (or, for a skipped time, lies just after a spring-forward jump).
TEST(NextDaily, AYearOfHoursAgainstTheRules) {
  struct Zone {
    const OffsetLookup* lookup;
    int (*offset)(std::int64_t);
  };
  for (const Zone zone : {Zone{&kMadrid, madrid}, Zone{&kNewYork, new_york}}) {
    for (const int minutes_of_day : {0, 90, 150, 20 * 60, 23 * 60 + 59}) {
      for (std::int64_t now = utc(2026, 1, 1); now < utc(2027, 1, 1); now += kHour + 17 * kMinute) {
        const std::int64_t at = daily(now, minutes_of_day / 60, minutes_of_day % 60, *zone.lookup);
        ASSERT_GT(at, now);
        ASSERT_LE(at - now, 25 * kHour);
        const std::int64_t local = at + zone.offset(at) * kMinute;
        const std::int64_t shown = ((local % kDay) + kDay) % kDay / kMinute;
        if (shown != minutes_of_day) {
          // Skipped: the offset rose by an hour within the last hour.
          ASSERT_EQ(shown, minutes_of_day + 60) << now;
          ASSERT_EQ(zone.offset(at - kHour) + 60, zone.offset(at)) << now;
        }
      }
    }
  }
}

// ---- next_daily: asking for offsets ---------------------------------------

TEST(NextDaily, AnEmptyLookupAsksForTheOffsetAtNow) {
  const std::int64_t now = utc(2026, 6, 15, 12);
  const auto next = next_daily(now, 20 * 60, [](std::int64_t) { return std::optional<int>(); });
  ASSERT_TRUE(std::holds_alternative<NeedOffsets>(next));
  EXPECT_EQ(std::get<NeedOffsets>(next), NeedOffsets{now});
}

std::int64_t converge(std::int64_t now, int minutes_of_day, int (*zone)(std::int64_t), int* rounds) {
  std::map<std::int64_t, int> known;
  const auto lookup = [&](std::int64_t instant) -> std::optional<int> {
    const auto it = known.find(instant);
    return it == known.end() ? std::nullopt : std::optional(it->second);
  };
  for (*rounds = 1; *rounds <= 10; ++*rounds) {
    const auto next = next_daily(now, minutes_of_day, lookup);
    if (const auto* at = std::get_if<std::int64_t>(&next)) return *at;
    const NeedOffsets& need = std::get<NeedOffsets>(next);
    EXPECT_FALSE(need.empty());
    if (need.empty()) return INT64_MIN;
    for (const std::int64_t instant : need) {
      EXPECT_FALSE(known.contains(instant)) << "asked twice for " << instant;
      known[instant] = zone(instant);
    }
  }
  ADD_FAILURE() << "no answer after 10 rounds";
  return INT64_MIN;
}

TEST(NextDaily, FeedingTheNeededOffsetsBackConverges) {
  int rounds = 0;
  EXPECT_EQ(converge(utc(2026, 6, 15, 12), 20 * 60, madrid, &rounds), utc(2026, 6, 15, 18));
  EXPECT_LE(rounds, 6);
  EXPECT_EQ(converge(utc(2026, 3, 28, 19, 30), 20 * 60, madrid, &rounds), utc(2026, 3, 29, 18));
  EXPECT_LE(rounds, 6);
  EXPECT_EQ(converge(utc(2026, 3, 28, 12), 2 * 60 + 30, madrid, &rounds), utc(2026, 3, 29, 1, 30));
  EXPECT_LE(rounds, 6);
  EXPECT_EQ(converge(utc(2026, 10, 24, 12), 2 * 60 + 30, madrid, &rounds), utc(2026, 10, 25, 0, 30));
  EXPECT_LE(rounds, 6);
  EXPECT_EQ(converge(utc(2026, 3, 8, 1), 20 * 60, new_york, &rounds), utc(2026, 3, 9, 0));
  EXPECT_LE(rounds, 6);
  EXPECT_EQ(converge(utc(2026, 11, 1, 0), 20 * 60, new_york, &rounds), utc(2026, 11, 2, 1));
  EXPECT_LE(rounds, 6);
}

TEST(NextDaily, APartialLookupAsksOnlyForWhatIsMissing) {
  const std::int64_t now = utc(2026, 6, 15, 12);
  std::set<std::int64_t> asked;
  const auto next = next_daily(now, 20 * 60, [&](std::int64_t instant) -> std::optional<int> {
    asked.insert(instant);
    if (instant == now) return madrid(instant);
    return std::nullopt;
  });
  ASSERT_TRUE(std::holds_alternative<NeedOffsets>(next));
  const NeedOffsets& need = std::get<NeedOffsets>(next);
  EXPECT_FALSE(need.empty());
  for (const std::int64_t instant : need) {
    EXPECT_NE(instant, now);
    EXPECT_TRUE(asked.contains(instant));
  }
}

// ---- decompose ------------------------------------------------------------

TEST(Decompose, NothingLeftIsAllZeros) {
  EXPECT_EQ(decompose(0), Remaining{});
  EXPECT_EQ(decompose(-1), Remaining{});
  EXPECT_EQ(decompose(-5 * kDay), Remaining{});
}

TEST(Decompose, RoundsUpToWholeSeconds) {
  EXPECT_EQ(decompose(1), (Remaining{0, 0, 0, 1}));
  EXPECT_EQ(decompose(999), (Remaining{0, 0, 0, 1}));
  EXPECT_EQ(decompose(1000), (Remaining{0, 0, 0, 1}));
  EXPECT_EQ(decompose(1001), (Remaining{0, 0, 0, 2}));
  EXPECT_EQ(decompose(59'001), (Remaining{0, 0, 1, 0}));
  EXPECT_EQ(decompose(kDay - 999), (Remaining{1, 0, 0, 0}));
  EXPECT_EQ(decompose(kDay - 1000), (Remaining{0, 23, 59, 59}));
}

TEST(Decompose, DaysHoursMinutesSeconds) {
  // 2 d 3 h 4 min 5 s = 183 845 s.
  EXPECT_EQ(decompose(183'845'000), (Remaining{2, 3, 4, 5}));
  EXPECT_EQ(decompose(183'844'001), (Remaining{2, 3, 4, 5}));
  EXPECT_EQ(decompose(kDay), (Remaining{1, 0, 0, 0}));
  EXPECT_EQ(decompose(kHour), (Remaining{0, 1, 0, 0}));
  EXPECT_EQ(decompose(kMinute), (Remaining{0, 0, 1, 0}));
  EXPECT_EQ(decompose(48 * kHour), (Remaining{2, 0, 0, 0}));
  EXPECT_EQ(decompose(366 * kDay), (Remaining{366, 0, 0, 0}));
  EXPECT_EQ(decompose(kDay + kHour + kMinute + kSecond), (Remaining{1, 1, 1, 1}));
}

// ---- labels and texts -----------------------------------------------------

TEST(UnitLabel, SingularOnlyForOne) {
  EXPECT_EQ(unit_label(Unit::kDay, 1, Lang::kEn), "day");
  EXPECT_EQ(unit_label(Unit::kDay, 0, Lang::kEn), "days");
  EXPECT_EQ(unit_label(Unit::kDay, 2, Lang::kEn), "days");
  EXPECT_EQ(unit_label(Unit::kHour, 1, Lang::kEn), "hour");
  EXPECT_EQ(unit_label(Unit::kHour, 21, Lang::kEn), "hours");
  EXPECT_EQ(unit_label(Unit::kMinute, 1, Lang::kEn), "minute");
  EXPECT_EQ(unit_label(Unit::kMinute, 59, Lang::kEn), "minutes");
  EXPECT_EQ(unit_label(Unit::kSecond, 1, Lang::kEn), "second");
  EXPECT_EQ(unit_label(Unit::kSecond, 0, Lang::kEn), "seconds");

  EXPECT_EQ(unit_label(Unit::kDay, 1, Lang::kEs), "día");
  EXPECT_EQ(unit_label(Unit::kDay, 0, Lang::kEs), "días");
  EXPECT_EQ(unit_label(Unit::kDay, 21, Lang::kEs), "días");
  EXPECT_EQ(unit_label(Unit::kHour, 1, Lang::kEs), "hora");
  EXPECT_EQ(unit_label(Unit::kHour, 3, Lang::kEs), "horas");
  EXPECT_EQ(unit_label(Unit::kMinute, 1, Lang::kEs), "minuto");
  EXPECT_EQ(unit_label(Unit::kMinute, 0, Lang::kEs), "minutos");
  EXPECT_EQ(unit_label(Unit::kSecond, 1, Lang::kEs), "segundo");
  EXPECT_EQ(unit_label(Unit::kSecond, 2, Lang::kEs), "segundos");
}

TEST(FullText, LeadingZeroUnitsLeftOut) {
  EXPECT_EQ(full_text({2, 3, 4, 5}, Lang::kEn), "2 days 3 hours 4 minutes 5 seconds");
  EXPECT_EQ(full_text({1, 1, 1, 1}, Lang::kEn), "1 day 1 hour 1 minute 1 second");
  EXPECT_EQ(full_text({1, 0, 0, 0}, Lang::kEn), "1 day 0 hours 0 minutes 0 seconds");
  EXPECT_EQ(full_text({0, 1, 0, 0}, Lang::kEn), "1 hour 0 minutes 0 seconds");
  EXPECT_EQ(full_text({0, 0, 2, 1}, Lang::kEn), "2 minutes 1 second");
  EXPECT_EQ(full_text({0, 0, 0, 5}, Lang::kEn), "5 seconds");
  EXPECT_EQ(full_text({0, 0, 0, 1}, Lang::kEn), "1 second");
  EXPECT_EQ(full_text({0, 0, 0, 0}, Lang::kEn), "0 seconds");
  EXPECT_EQ(full_text({2, 1, 0, 1}, Lang::kEs), "2 días 1 hora 0 minutos 1 segundo");
  EXPECT_EQ(full_text({1, 2, 1, 2}, Lang::kEs), "1 día 2 horas 1 minuto 2 segundos");
  EXPECT_EQ(full_text({0, 0, 0, 30}, Lang::kEs), "30 segundos");
}

TEST(CompactText, PaddedClockWithDays) {
  EXPECT_EQ(compact_text({2, 3, 4, 5}, Lang::kEn), "2d 03:04:05");
  EXPECT_EQ(compact_text({12, 23, 59, 59}, Lang::kEn), "12d 23:59:59");
  EXPECT_EQ(compact_text({0, 3, 4, 5}, Lang::kEn), "03:04:05");
  EXPECT_EQ(compact_text({0, 10, 0, 0}, Lang::kEn), "10:00:00");
  EXPECT_EQ(compact_text({0, 0, 0, 0}, Lang::kEn), "00:00:00");
  EXPECT_EQ(compact_text({2, 3, 4, 5}, Lang::kEs), "2 d 03:04:05");
  EXPECT_EQ(compact_text({0, 3, 4, 5}, Lang::kEs), "03:04:05");
}

TEST(SpokenText, MinuteResolution) {
  EXPECT_EQ(spoken_text({0, 0, 0, 0}, Lang::kEn), "less than a minute");
  // The last minute is announced once, as "1 minute", at its boundary.
  EXPECT_EQ(spoken_text({0, 0, 0, 59}, Lang::kEn), "1 minute");
  EXPECT_EQ(spoken_text({0, 0, 0, 1}, Lang::kEs), "1 minuto");
  EXPECT_EQ(spoken_text({0, 0, 0, 59}, Lang::kEs), "1 minuto");
  EXPECT_EQ(spoken_text({0, 0, 1, 0}, Lang::kEn), "1 minute");
  EXPECT_EQ(spoken_text({0, 0, 1, 0}, Lang::kEs), "1 minuto");
  // Rounded up to the minute, so the announcement changes once a minute.
  EXPECT_EQ(spoken_text({0, 0, 1, 1}, Lang::kEn), "2 minutes");
  EXPECT_EQ(spoken_text({0, 0, 2, 0}, Lang::kEn), "2 minutes");
  EXPECT_EQ(spoken_text({2, 3, 4, 5}, Lang::kEn), "2 days 3 hours 5 minutes");
  EXPECT_EQ(spoken_text({2, 3, 4, 5}, Lang::kEs), "2 días 3 horas 5 minutos");
  EXPECT_EQ(spoken_text({0, 1, 0, 0}, Lang::kEn), "1 hour");
  EXPECT_EQ(spoken_text({0, 0, 59, 30}, Lang::kEn), "1 hour");
  EXPECT_EQ(spoken_text({1, 0, 0, 0}, Lang::kEn), "1 day");
  EXPECT_EQ(spoken_text({0, 23, 59, 1}, Lang::kEs), "1 día");
  EXPECT_EQ(spoken_text({1, 1, 0, 0}, Lang::kEn), "1 day 1 hour");
  EXPECT_EQ(spoken_text({1, 0, 1, 0}, Lang::kEs), "1 día 1 minuto");
}

// Within a minute the spoken text does not change: a screen reader is not
// told something new every second.
TEST(SpokenText, ChangesOncePerMinute) {
  for (std::int64_t ms = 61 * kSecond; ms <= 120 * kSecond; ms += kSecond) {
    EXPECT_EQ(spoken_text(decompose(ms), Lang::kEn), "2 minutes") << ms;
  }
}

// ---- parse_duration -------------------------------------------------------

TEST(Duration, DaysHoursMinutes) {
  EXPECT_EQ(parse_duration("48h"), 48 * kHour);
  EXPECT_EQ(parse_duration("2d"), 2 * kDay);
  EXPECT_EQ(parse_duration("90m"), 90 * kMinute);
  EXPECT_EQ(parse_duration("1m"), kMinute);
  EXPECT_EQ(parse_duration("366d"), 366 * kDay);
  EXPECT_EQ(parse_duration("8784h"), 366 * kDay);
}

TEST(Duration, RejectsTheRest) {
  for (const char* text : {"", "h", "48", "0h", "0d", "000m", "367d", "8785h", "527041m", "999999d", "48s", "48H",
                           "2D", "-1h", "+1h", "4.5h", "48 h", " 48h", "48h ", "1h30m", "PT48H", "dd", "12345678h"}) {
    EXPECT_EQ(parse_duration(text), std::nullopt) << text;
  }
}

}  // namespace
}  // namespace sharelock::countdown

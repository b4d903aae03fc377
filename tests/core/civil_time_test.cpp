// Calendar arithmetic and the date formats a countdown reads. Every expected
// instant below was worked out by hand from the calendar (days since
// 1970-01-01 × 86 400 s, minus the UTC offset), not taken from the code.
#include "sharelock/civil_time.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace sharelock::civil {
namespace {

// 2026-01-01T00:00:00Z: 56 years after 1970 with 14 leap days
// (1972 … 2024) = 20 454 days = 1 767 225 600 s.
constexpr std::int64_t kDays2026 = 20'454;
constexpr std::int64_t k2026 = kDays2026 * 86'400'000;
// 2026-12-01: Jan..Nov 2026 have 334 days.
constexpr std::int64_t kDec1st2026Utc = (kDays2026 + 334) * 86'400'000;  // 1 796 083 200 000

std::int64_t instant(std::string_view text) {
  const auto parsed = parse_iso_instant(text, "ends");
  EXPECT_TRUE(parsed.ok()) << text << ": " << (parsed.ok() ? "" : parsed.error().message);
  return parsed.ok() ? parsed.value() : INT64_MIN;
}

::testing::AssertionResult rejected(std::string_view text) {
  const auto parsed = parse_iso_instant(text, "ends");
  if (parsed.ok()) return ::testing::AssertionFailure() << '"' << text << "\" parsed as " << parsed.value();
  if (parsed.error().code != "invalid-date" || parsed.error().attribute != "ends") {
    return ::testing::AssertionFailure() << '"' << text << "\" gave " << parsed.error().code << " on "
                                         << parsed.error().attribute;
  }
  return ::testing::AssertionSuccess();
}

// ---- days_from_civil / civil_from_days -----------------------------------

TEST(CivilDays, KnownDates) {
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(days_from_civil({1970, 1, 2}), 1);
  EXPECT_EQ(days_from_civil({1969, 12, 31}), -1);
  EXPECT_EQ(days_from_civil({2000, 1, 1}), 10'957);  // 946 684 800 s
  EXPECT_EQ(days_from_civil({2000, 3, 1}), 10'957 + 31 + 29);
  EXPECT_EQ(days_from_civil({2026, 1, 1}), kDays2026);
  EXPECT_EQ(days_from_civil({2026, 11, 25}), kDays2026 + 328);
  EXPECT_EQ(days_from_civil({1900, 1, 1}), -25'567);  // -2 208 988 800 s (the NTP epoch)
  EXPECT_EQ(days_from_civil({0, 3, 1}), -719'468);
}

TEST(CivilDays, CivilFromDaysKnownDates) {
  const Date epoch = civil_from_days(0);
  EXPECT_EQ(epoch.year, 1970);
  EXPECT_EQ(epoch.month, 1u);
  EXPECT_EQ(epoch.day, 1u);
  const Date before = civil_from_days(-1);
  EXPECT_EQ(before.year, 1969);
  EXPECT_EQ(before.month, 12u);
  EXPECT_EQ(before.day, 31u);
  const Date leap = civil_from_days(10'957 + 59);
  EXPECT_EQ(leap.year, 2000);
  EXPECT_EQ(leap.month, 2u);
  EXPECT_EQ(leap.day, 29u);
}

// Every day from about 1710 to 2230 (and a sparser sweep over ±270 000
// years) maps to a valid date that maps back, and consecutive days are
// consecutive dates.
TEST(CivilDays, RoundTripOverAWideRange) {
  Date previous = civil_from_days(-95'001);
  for (std::int64_t days = -95'000; days <= 95'000; ++days) {
    const Date date = civil_from_days(days);
    ASSERT_TRUE(is_valid_date(date)) << days;
    ASSERT_EQ(days_from_civil(date), days);
    const bool next_day = date.year == previous.year && date.month == previous.month && date.day == previous.day + 1;
    const bool next_month = date.year == previous.year && date.month == previous.month + 1 && date.day == 1;
    const bool next_year = date.year == previous.year + 1 && date.month == 1 && date.day == 1 && previous.month == 12 &&
                           previous.day == 31;
    ASSERT_TRUE(next_day || next_month || next_year) << days;
    previous = date;
  }
  for (std::int64_t days = -100'000'000; days <= 100'000'000; days += 99'991) {
    ASSERT_EQ(days_from_civil(civil_from_days(days)), days);
  }
}

TEST(CivilDays, ValidDates) {
  EXPECT_TRUE(is_valid_date({2028, 2, 29}));
  EXPECT_TRUE(is_valid_date({2000, 2, 29}));
  EXPECT_FALSE(is_valid_date({1900, 2, 29}));
  EXPECT_FALSE(is_valid_date({2027, 2, 29}));
  EXPECT_FALSE(is_valid_date({2026, 4, 31}));
  EXPECT_TRUE(is_valid_date({2026, 12, 31}));
  EXPECT_FALSE(is_valid_date({2026, 13, 1}));
  EXPECT_FALSE(is_valid_date({2026, 0, 1}));
  EXPECT_FALSE(is_valid_date({2026, 1, 0}));
}

TEST(CivilDays, FloorDivRoundsTowardsMinusInfinity) {
  EXPECT_EQ(floor_div(7, 2), 3);
  EXPECT_EQ(floor_div(-7, 2), -4);
  EXPECT_EQ(floor_div(-8, 2), -4);
  EXPECT_EQ(floor_div(-1, kDay), -1);
  EXPECT_EQ(floor_div(0, kDay), 0);
}

// ---- parse_iso_instant ----------------------------------------------------

TEST(IsoInstant, UtcDesignator) {
  EXPECT_EQ(instant("2026-12-01T00:00:00Z"), kDec1st2026Utc);
  EXPECT_EQ(instant("2026-12-01T00:00:00z"), kDec1st2026Utc);
  EXPECT_EQ(instant("2026-12-01t00:00:00Z"), kDec1st2026Utc);  // RFC 3339 §5.6 allows lower case
  EXPECT_EQ(instant("2026-12-01T00:00Z"), kDec1st2026Utc);     // seconds are optional
  EXPECT_EQ(instant("2026-01-01T00:00:00Z"), k2026);
}

TEST(IsoInstant, ExactMillisecondsWithOffsets) {
  EXPECT_EQ(instant("2026-12-01T00:00:00+01:00"), 1'796'079'600'000);
  EXPECT_EQ(instant("2026-12-01T00:00:00+0100"), 1'796'079'600'000);
  EXPECT_EQ(instant("2025-12-01T00:00:00+01:00"), 1'764'543'600'000);
  EXPECT_EQ(instant("2026-12-01T00:00:00-05:00"), kDec1st2026Utc + 5 * kHour);
  EXPECT_EQ(instant("2026-12-01T00:00:00+05:30"), kDec1st2026Utc - 5 * kHour - 30 * kMinute);
  EXPECT_EQ(instant("2026-12-01T00:00:00+14:00"), kDec1st2026Utc - 14 * kHour);
  EXPECT_EQ(instant("2026-12-01T00:00:00-14:00"), kDec1st2026Utc + 14 * kHour);
  EXPECT_EQ(instant("2026-12-01T00:00:00+00:00"), kDec1st2026Utc);
  EXPECT_EQ(instant("2026-12-01T00:00:00-00:00"), kDec1st2026Utc);
  // 14:30 UTC on 2026-11-25 (day 20 782) = 1 795 617 000 s.
  EXPECT_EQ(instant("2026-11-25T15:30:00+01:00"), 1'795'617'000'000);
}

TEST(IsoInstant, FractionalSeconds) {
  EXPECT_EQ(instant("2026-12-01T00:00:00.250-05:00"), kDec1st2026Utc + 5 * kHour + 250);
  EXPECT_EQ(instant("2026-12-01T00:00:00.5Z"), kDec1st2026Utc + 500);
  EXPECT_EQ(instant("2026-12-01T00:00:00,5Z"), kDec1st2026Utc + 500);
  EXPECT_EQ(instant("2026-12-01T00:00:00.007Z"), kDec1st2026Utc + 7);
  EXPECT_EQ(instant("2026-12-01T00:00:00.123456789Z"), kDec1st2026Utc + 123);  // truncated to the ms
  EXPECT_EQ(instant("2026-12-01T23:59:59.999Z"), kDec1st2026Utc + kDay - 1);
}

TEST(IsoInstant, LeapDays) {
  // 2028-01-01 is day 20 454 + 365 + 365 = 21 184; Feb 29 is 59 days later.
  EXPECT_EQ(instant("2028-02-29T00:00:00Z"), (21'184 + 59) * kDay);  // 1 835 395 200 s
  EXPECT_EQ(instant("2028-03-01T00:00:00Z"), (21'184 + 60) * kDay);
  // 2000 is a leap year (divisible by 400): day 10 957 + 59, at noon.
  EXPECT_EQ(instant("2000-02-29T12:00:00Z"), 951'825'600'000);
}

TEST(IsoInstant, EpochAndBefore) {
  EXPECT_EQ(instant("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(instant("1970-01-01T01:00:00+01:00"), 0);
  EXPECT_EQ(instant("1969-12-31T23:59:59Z"), -1000);
  EXPECT_EQ(instant("1969-12-31T23:59:59.999Z"), -1);
  EXPECT_EQ(instant("1969-12-31T19:00:00-05:00"), 0);
  EXPECT_EQ(instant("1900-01-01T00:00:00Z"), -2'208'988'800'000);
}

TEST(IsoInstant, MissingOffsetIsAnErrorNotAGuess) {
  const auto parsed = parse_iso_instant("2026-12-01T00:00:00", "ends");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, "invalid-date");
  EXPECT_EQ(parsed.error().attribute, "ends");
  EXPECT_NE(parsed.error().message.find("no UTC offset"), std::string::npos) << parsed.error().message;
  EXPECT_NE(parsed.error().message.find("2026-12-01T00:00:00"), std::string::npos);
  EXPECT_TRUE(rejected("2026-12-01T00:00"));
  EXPECT_TRUE(rejected("2026-12-01T00:00:00.250"));
  EXPECT_TRUE(rejected("2026-12-01"));
}

TEST(IsoInstant, TheAttributeNameIsReported) {
  const auto parsed = parse_iso_instant("soon", "starts");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().attribute, "starts");
}

TEST(IsoInstant, RejectsDatesNotInTheCalendar) {
  EXPECT_TRUE(rejected("2027-02-29T00:00:00Z"));
  EXPECT_TRUE(rejected("1900-02-29T00:00:00Z"));
  EXPECT_TRUE(rejected("2026-13-01T00:00:00Z"));
  EXPECT_TRUE(rejected("2026-00-10T00:00:00Z"));
  EXPECT_TRUE(rejected("2026-04-31T00:00:00Z"));
  EXPECT_TRUE(rejected("2026-12-00T00:00:00Z"));
  EXPECT_TRUE(rejected("2026-12-32T00:00:00Z"));
}

TEST(IsoInstant, RejectsTimesOutOfRange) {
  EXPECT_TRUE(rejected("2026-12-01T24:00:00Z"));
  EXPECT_TRUE(rejected("2026-12-01T24:00Z"));
  EXPECT_TRUE(rejected("2026-12-01T23:60:00Z"));
  EXPECT_TRUE(rejected("2026-12-01T23:59:60Z"));  // no leap seconds
  EXPECT_TRUE(rejected("2026-12-01T23:59:99Z"));
}

TEST(IsoInstant, RejectsOffsetsBeyondFourteenHours) {
  EXPECT_TRUE(rejected("2026-12-01T00:00:00+14:01"));
  EXPECT_TRUE(rejected("2026-12-01T00:00:00-14:01"));
  EXPECT_TRUE(rejected("2026-12-01T00:00:00+15:00"));
  EXPECT_TRUE(rejected("2026-12-01T00:00:00-15:00"));
  EXPECT_TRUE(rejected("2026-12-01T00:00:00+99:00"));
  EXPECT_TRUE(rejected("2026-12-01T00:00:00+01:60"));
}

TEST(IsoInstant, RejectsMalformedText) {
  EXPECT_TRUE(rejected(""));
  EXPECT_TRUE(rejected("Z"));
  EXPECT_TRUE(rejected("2026-12-01T00:00:00Zjunk"));
  EXPECT_TRUE(rejected("2026-12-01T00:00:00+01:00junk"));
  EXPECT_TRUE(rejected("2026-12-01T00:00:00+01:00:00"));
  EXPECT_TRUE(rejected("2026-12-01T00:00:00ZZ"));
  EXPECT_TRUE(rejected("2026-12-01T00:00:00+1:00"));
  EXPECT_TRUE(rejected("2026-12-01T00:00:00+01"));
  EXPECT_TRUE(rejected("2026-12-01T00:00:00+"));
  EXPECT_TRUE(rejected("2026-12-01T00:00:00.Z"));
  EXPECT_TRUE(rejected("2026-12-01T00:00:00.1234567890Z"));  // more than nine fraction digits
  EXPECT_TRUE(rejected("2026-12-01T00:00.5Z"));              // a fraction needs seconds
  EXPECT_TRUE(rejected("2026-12-1T00:00:00Z"));
  EXPECT_TRUE(rejected("2026-1-01T00:00:00Z"));
  EXPECT_TRUE(rejected("26-12-01T00:00:00Z"));
  EXPECT_TRUE(rejected("2026-12-01T0:00:00Z"));
  EXPECT_TRUE(rejected("2026-12-01T00:0:00Z"));
  EXPECT_TRUE(rejected("2026-12-01T00:00:0Z"));
  EXPECT_TRUE(rejected("2026/12/01T00:00:00Z"));
  EXPECT_TRUE(rejected("20261201T000000Z"));
  EXPECT_TRUE(rejected("-2026-12-01T00:00:00Z"));
  // Zone names are not offsets.
  EXPECT_TRUE(rejected("2026-12-01T00:00:00UTC"));
  EXPECT_TRUE(rejected("2026-12-01T00:00:00utc"));
  EXPECT_TRUE(rejected("2026-12-01T00:00:00GMT"));
  EXPECT_TRUE(rejected("2026-12-01T00:00:00gmt+1"));
}

TEST(IsoInstant, RejectsExtraSpaces) {
  EXPECT_TRUE(rejected(" 2026-12-01T00:00:00Z"));
  EXPECT_TRUE(rejected("2026-12-01T00:00:00Z "));
  EXPECT_TRUE(rejected("2026-12-01T00:00:00 Z"));
  EXPECT_TRUE(rejected("2026-12-01T00:00:00 +01:00"));
  EXPECT_TRUE(rejected("2026-12-01T00:00:00+01: 00"));
  EXPECT_TRUE(rejected("2026-12-01 00:00:00Z"));
  EXPECT_TRUE(rejected("2026-12-01T 00:00:00Z"));
  EXPECT_TRUE(rejected("2026 -12-01T00:00:00Z"));
}

// ---- parse_http_date ------------------------------------------------------

TEST(HttpDate, ImfFixdate) {
  // 2026-11-25 is day 20 782, a Wednesday; 14:30 = 52 200 s.
  EXPECT_EQ(parse_http_date("Wed, 25 Nov 2026 14:30:00 GMT"), 1'795'617'000'000);
  EXPECT_EQ(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), 0);
  // RFC 9110's own example.
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), 784'111'777'000);
  EXPECT_EQ(parse_http_date("Tue, 29 Feb 2028 23:59:59 GMT"), (21'184 + 60) * kDay - kSecond);
  EXPECT_EQ(parse_http_date("Thu, 31 Dec 2026 00:00:00 GMT"), (kDays2026 + 364) * kDay);
}

TEST(HttpDate, RejectsOtherFormats) {
  // RFC 850 and asctime formats (obsolete; the shim only reads fresh headers).
  EXPECT_EQ(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Sun Nov  6 08:49:37 1994"), std::nullopt);
  EXPECT_EQ(parse_http_date("Wednesday, 25 Nov 2026 14:30:00 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Wed 25 Nov 2026 14:30:00 GMT "), std::nullopt);
  EXPECT_EQ(parse_http_date("2026-11-25T14:30:00Z"), std::nullopt);
}

TEST(HttpDate, RejectsBadMonthsAndDates) {
  EXPECT_EQ(parse_http_date("Wed, 25 Noo 2026 14:30:00 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Wed, 25 nov 2026 14:30:00 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Wed, 25 NOV 2026 14:30:00 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Mon, 31 Nov 2026 14:30:00 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Mon, 29 Feb 2027 14:30:00 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Wed, 00 Nov 2026 14:30:00 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Wed, 25 Nov 2026 24:00:00 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Wed, 25 Nov 2026 14:60:00 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Wed, 25 Nov 2026 14:30:61 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Wed, 25 Nov 2026 14:30:00 UTC"), std::nullopt);
  EXPECT_EQ(parse_http_date("Wed, 25 Nov 2026 14:30:00 gmt"), std::nullopt);
  EXPECT_EQ(parse_http_date("Wed, 25 Nov 2026 14-30-00 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Wed, 2x Nov 2026 14:30:00 GMT"), std::nullopt);
}

TEST(HttpDate, RejectsWrongLengths) {
  EXPECT_EQ(parse_http_date(""), std::nullopt);
  EXPECT_EQ(parse_http_date("Wed, 5 Nov 2026 14:30:00 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Wed, 25 Nov 26 14:30:00 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Wed, 25 Nov 2026 14:30 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Wed, 25 Nov 2026 14:30:00 GMT\n"), std::nullopt);
  EXPECT_EQ(parse_http_date(" Wed, 25 Nov 2026 14:30:00 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Wed, 25 Nov 2026 14:30:00 GMT+0100"), std::nullopt);
}

// ---- parse_clock_time -----------------------------------------------------

TEST(ClockTime, MinutesAfterMidnight) {
  EXPECT_EQ(parse_clock_time("20:00", "daily").value(), 20 * 60);
  EXPECT_EQ(parse_clock_time("07:30", "daily").value(), 7 * 60 + 30);
  EXPECT_EQ(parse_clock_time("00:00", "daily").value(), 0);
  EXPECT_EQ(parse_clock_time("23:59", "daily").value(), 23 * 60 + 59);
}

TEST(ClockTime, RejectsWhatIsNotATimeOfDay) {
  for (const char* text : {"24:00", "20:60", "7:30", "20:0", "20:00:00", "2000", "", "20", " 20:00", "20:00 ",
                           "ab:cd", "20h00", "-1:00", "8pm"}) {
    const auto parsed = parse_clock_time(text, "daily");
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().code, "invalid-time") << text;
    EXPECT_EQ(parsed.error().attribute, "daily") << text;
  }
}

// ---- parse_gmt_offset -----------------------------------------------------

TEST(GmtOffset, AsIntlWritesIt) {
  EXPECT_EQ(parse_gmt_offset("GMT"), 0);
  EXPECT_EQ(parse_gmt_offset("GMT+1"), 60);
  EXPECT_EQ(parse_gmt_offset("GMT+01:00"), 60);
  EXPECT_EQ(parse_gmt_offset("GMT+02:00"), 120);
  EXPECT_EQ(parse_gmt_offset("GMT-05:00"), -300);
  EXPECT_EQ(parse_gmt_offset("GMT-03:30"), -210);
  EXPECT_EQ(parse_gmt_offset("GMT+05:45"), 345);
  EXPECT_EQ(parse_gmt_offset("GMT+14:00"), 840);
  EXPECT_EQ(parse_gmt_offset("GMT-12:00"), -720);
  EXPECT_EQ(parse_gmt_offset("GMT-14:00"), -840);
}

TEST(GmtOffset, UnicodeMinusSign) {
  EXPECT_EQ(parse_gmt_offset("GMT\u221203:30"), -210);
  EXPECT_EQ(parse_gmt_offset("GMT\u22125"), -300);
  EXPECT_EQ(parse_gmt_offset("GMT\u2212"), std::nullopt);
  EXPECT_EQ(parse_gmt_offset("GMT\xE2\x88"), std::nullopt);  // a truncated U+2212
}

TEST(GmtOffset, RejectsGarbage) {
  for (const char* text : {"", "G", "GM", "gmt+1", "GMT+", "GMT-", "GMT+15:00", "GMT+14:01", "GMT+01:60",
                           "GMT+01:", "GMT+01:0", "GMT+123", "GMT+01:00x", "GMT 01:00", "GMT01:00", "GMT+ 1",
                           "CET", "Europe/Madrid", "+01:00", "GMT+1:00:00", "GMT*1"}) {
    EXPECT_EQ(parse_gmt_offset(text), std::nullopt) << text;
  }
}

}  // namespace
}  // namespace sharelock::civil

// The words of <sharelock-proof>. Compact numbers are checked against what
// Node 20's Intl.NumberFormat writes with notation "compact" and
// roundingMode "trunc" (the badge must never round a count up); full
// numbers against Intl.NumberFormat with default grouping.
#include "sharelock/proof_text.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace sharelock::proof {
namespace {

using i18n::Lang;

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

// U+00A0 NO-BREAK SPACE, as CLDR es puts before "mil" and "M".
#define NBSP "\u00A0"

using Table = std::vector<std::pair<std::int64_t, std::string>>;

Window window(const char* name) { return parse_window(name).value(); }

// ---- names ----------------------------------------------------------------

TEST(ProofText, ParsesActivities) {
  EXPECT_EQ(parse_activity("purchase"), Activity::kPurchase);
  EXPECT_EQ(parse_activity("signup"), Activity::kSignup);
  EXPECT_EQ(parse_activity("share"), Activity::kShare);
  EXPECT_EQ(parse_activity("unlock"), Activity::kUnlock);
  EXPECT_EQ(parse_activity("download"), Activity::kDownload);
  EXPECT_EQ(parse_activity("viewing"), Activity::kViewing);
  for (const char* name : {"", "Purchase", "purchase ", "buy", "view"}) {
    EXPECT_FALSE(parse_activity(name).has_value()) << name;
  }
  for (Activity activity : {Activity::kPurchase, Activity::kSignup, Activity::kShare, Activity::kUnlock,
                            Activity::kDownload, Activity::kViewing}) {
    EXPECT_EQ(parse_activity(activity_name(activity)), activity);
  }
  EXPECT_EQ(activity_name(Activity::kUnlock), "unlock");
}

TEST(ProofText, ParsesWindows) {
  EXPECT_EQ(window("1h").millis, kHour);
  EXPECT_EQ(window("24h").millis, kDay);
  EXPECT_EQ(window("7d").millis, 7 * kDay);
  EXPECT_EQ(window("30d").millis, 30 * kDay);
  EXPECT_EQ(window("all").millis, 0);
  EXPECT_EQ(window("7d").name, "7d");
  for (const char* name : {"", "1d", "2h", "24H", "ALL", "7 d", "30d "}) {
    EXPECT_FALSE(parse_window(name).has_value()) << name;
  }
}

TEST(ProofText, ParsesNotations) {
  EXPECT_EQ(parse_notation("auto"), Notation::kAuto);
  EXPECT_EQ(parse_notation("full"), Notation::kFull);
  EXPECT_EQ(parse_notation("compact"), Notation::kCompact);
  EXPECT_FALSE(parse_notation("short").has_value());
  EXPECT_FALSE(parse_notation("").has_value());
  EXPECT_FALSE(parse_notation("Compact").has_value());
}

// ---- numbers --------------------------------------------------------------

TEST(ProofCount, CompactEnglishTruncatesLikeIntl) {
  const Table table = {
      {0, "0"},           {1, "1"},          {999, "999"},        {1000, "1K"},         {1001, "1K"},
      {1099, "1K"},       {1100, "1.1K"},    {1284, "1.2K"},      {1999, "1.9K"},       {9999, "9.9K"},
      {10000, "10K"},     {12345, "12K"},    {99999, "99K"},      {100000, "100K"},     {123456, "123K"},
      {999999, "999K"},   {1000000, "1M"},   {1234567, "1.2M"},   {1999999, "1.9M"},    {12345678, "12M"},
      {123456789, "123M"}, {999999999, "999M"}, {1000000000, "1B"}, {1234567890, "1.2B"},
      {9999999999, "9.9B"}, {12345678901, "12B"}, {123456789012, "123B"}, {999999999999, "999B"},
  };
  for (const auto& [count, expected] : table) {
    EXPECT_EQ(format_count(count, Lang::kEn, Notation::kCompact), expected) << count;
  }
}

TEST(ProofCount, CompactSpanishTruncatesLikeIntl) {
  const Table table = {
      {0, "0"},
      {999, "999"},
      {1000, "1" NBSP "mil"},
      {1099, "1" NBSP "mil"},
      {1100, "1,1" NBSP "mil"},
      {1284, "1,2" NBSP "mil"},
      {1999, "1,9" NBSP "mil"},
      {12345, "12" NBSP "mil"},
      {123456, "123" NBSP "mil"},
      {999999, "999" NBSP "mil"},
      {1000000, "1" NBSP "M"},
      {1234567, "1,2" NBSP "M"},
      {1999999, "1,9" NBSP "M"},
      {123456789, "123" NBSP "M"},
      {999999999, "999" NBSP "M"},
      // Thousands of millions are "1234 M" until ten thousand of them.
      {1000000000, "1000" NBSP "M"},
      {1234567890, "1234" NBSP "M"},
      {9999999999, "9999" NBSP "M"},
      {10000000000, "10" NBSP "mil" NBSP "M"},
      {12345678901, "12" NBSP "mil" NBSP "M"},
      {999999999999, "999" NBSP "mil" NBSP "M"},
  };
  for (const auto& [count, expected] : table) {
    EXPECT_EQ(format_count(count, Lang::kEs, Notation::kCompact), expected) << count;
  }
  // The space really is U+00A0 (C2 A0), never a plain space.
  EXPECT_EQ(format_count(12345, Lang::kEs, Notation::kCompact), "12\xC2\xA0mil");
}

TEST(ProofCount, FullNumbersGroupPerLocale) {
  const Table english = {{0, "0"},          {999, "999"},         {1000, "1,000"},
                         {1284, "1,284"},   {9999, "9,999"},      {12345, "12,345"},
                         {1234567, "1,234,567"}, {999999999999, "999,999,999,999"}};
  for (const auto& [count, expected] : english) {
    EXPECT_EQ(format_count(count, Lang::kEn, Notation::kFull), expected) << count;
  }
  // Spanish groups only from five digits.
  const Table spanish = {{0, "0"},         {1000, "1000"},       {1284, "1284"},
                         {9999, "9999"},   {10000, "10.000"},    {12345, "12.345"},
                         {1234567, "1.234.567"}, {999999999999, "999.999.999.999"}};
  for (const auto& [count, expected] : spanish) {
    EXPECT_EQ(format_count(count, Lang::kEs, Notation::kFull), expected) << count;
  }
}

TEST(ProofCount, AutoIsFullBelowTenThousandAndCompactFromThere) {
  EXPECT_EQ(format_count(1284, Lang::kEn, Notation::kAuto), "1,284");
  EXPECT_EQ(format_count(9999, Lang::kEn, Notation::kAuto), "9,999");
  EXPECT_EQ(format_count(10000, Lang::kEn, Notation::kAuto), "10K");
  EXPECT_EQ(format_count(12345, Lang::kEn, Notation::kAuto), "12K");
  EXPECT_EQ(format_count(1234567, Lang::kEn, Notation::kAuto), "1.2M");
  EXPECT_EQ(format_count(1284, Lang::kEs, Notation::kAuto), "1284");
  EXPECT_EQ(format_count(9999, Lang::kEs, Notation::kAuto), "9999");
  EXPECT_EQ(format_count(10000, Lang::kEs, Notation::kAuto), "10" NBSP "mil");
  EXPECT_EQ(format_count(1234567, Lang::kEs, Notation::kAuto), "1,2" NBSP "M");
}

// ---- count sentences ------------------------------------------------------

TEST(ProofCountSentence, EnglishPlurals) {
  const Window all = window("all");
  EXPECT_EQ(count_sentence(1, Activity::kPurchase, all, Lang::kEn, Notation::kAuto), "1 person bought this");
  EXPECT_EQ(count_sentence(2, Activity::kPurchase, all, Lang::kEn, Notation::kAuto), "2 people bought this");
  EXPECT_EQ(count_sentence(0, Activity::kPurchase, all, Lang::kEn, Notation::kAuto), "0 people bought this");
  EXPECT_EQ(count_sentence(1, Activity::kSignup, all, Lang::kEn, Notation::kAuto), "1 person signed up");
  EXPECT_EQ(count_sentence(5, Activity::kShare, all, Lang::kEn, Notation::kAuto), "5 people shared this");
  EXPECT_EQ(count_sentence(1284, Activity::kUnlock, all, Lang::kEn, Notation::kAuto),
            "1,284 people unlocked this by sharing");
  EXPECT_EQ(count_sentence(3, Activity::kDownload, all, Lang::kEn, Notation::kAuto),
            "3 people downloaded this");
}

TEST(ProofCountSentence, SpanishPlurals) {
  const Window all = window("all");
  EXPECT_EQ(count_sentence(1, Activity::kPurchase, all, Lang::kEs, Notation::kAuto), "1 persona lo ha comprado");
  EXPECT_EQ(count_sentence(2, Activity::kPurchase, all, Lang::kEs, Notation::kAuto),
            "2 personas lo han comprado");
  EXPECT_EQ(count_sentence(0, Activity::kPurchase, all, Lang::kEs, Notation::kAuto),
            "0 personas lo han comprado");
  EXPECT_EQ(count_sentence(1, Activity::kSignup, all, Lang::kEs, Notation::kAuto), "1 persona se ha apuntado");
  EXPECT_EQ(count_sentence(4, Activity::kSignup, all, Lang::kEs, Notation::kAuto), "4 personas se han apuntado");
  EXPECT_EQ(count_sentence(1, Activity::kShare, all, Lang::kEs, Notation::kAuto), "1 persona lo ha compartido");
  EXPECT_EQ(count_sentence(1284, Activity::kUnlock, all, Lang::kEs, Notation::kAuto),
            "1284 personas lo han desbloqueado compartiendo");
  EXPECT_EQ(count_sentence(2, Activity::kDownload, all, Lang::kEs, Notation::kAuto),
            "2 personas lo han descargado");
}

TEST(ProofCountSentence, WindowPhrases) {
  EXPECT_EQ(count_sentence(1284, Activity::kPurchase, window("24h"), Lang::kEn, Notation::kAuto),
            "1,284 people bought this in the last 24 hours");
  EXPECT_EQ(count_sentence(1, Activity::kPurchase, window("1h"), Lang::kEn, Notation::kAuto),
            "1 person bought this in the last hour");
  EXPECT_EQ(count_sentence(7, Activity::kShare, window("7d"), Lang::kEn, Notation::kAuto),
            "7 people shared this in the last 7 days");
  EXPECT_EQ(count_sentence(30, Activity::kSignup, window("30d"), Lang::kEn, Notation::kAuto),
            "30 people signed up in the last 30 days");
  EXPECT_EQ(count_sentence(1284, Activity::kPurchase, window("24h"), Lang::kEs, Notation::kAuto),
            "1284 personas lo han comprado en las últimas 24 horas");
  EXPECT_EQ(count_sentence(1, Activity::kPurchase, window("1h"), Lang::kEs, Notation::kAuto),
            "1 persona lo ha comprado en la última hora");
  EXPECT_EQ(count_sentence(7, Activity::kShare, window("7d"), Lang::kEs, Notation::kAuto),
            "7 personas lo han compartido en los últimos 7 días");
  EXPECT_EQ(count_sentence(30, Activity::kSignup, window("30d"), Lang::kEs, Notation::kAuto),
            "30 personas se han apuntado en los últimos 30 días");
}

TEST(ProofCountSentence, NotationApplies) {
  EXPECT_EQ(count_sentence(12345, Activity::kPurchase, window("24h"), Lang::kEn, Notation::kAuto),
            "12K people bought this in the last 24 hours");
  EXPECT_EQ(count_sentence(12345, Activity::kPurchase, window("24h"), Lang::kEn, Notation::kFull),
            "12,345 people bought this in the last 24 hours");
  EXPECT_EQ(count_sentence(1284, Activity::kPurchase, window("all"), Lang::kEn, Notation::kCompact),
            "1.2K people bought this");
  EXPECT_EQ(count_sentence(12345, Activity::kPurchase, window("all"), Lang::kEs, Notation::kAuto),
            "12" NBSP "mil personas lo han comprado");
  EXPECT_EQ(count_sentence(12345, Activity::kPurchase, window("all"), Lang::kEs, Notation::kFull),
            "12.345 personas lo han comprado");
}

TEST(ProofCountSentence, ViewingIsNowWithoutAWindow) {
  for (const char* name : {"all", "1h", "24h"}) {
    const Window w = window(name);
    EXPECT_EQ(count_sentence(1, Activity::kViewing, w, Lang::kEn, Notation::kAuto), "1 person is viewing this now");
    EXPECT_EQ(count_sentence(3, Activity::kViewing, w, Lang::kEn, Notation::kAuto),
              "3 people are viewing this now");
    EXPECT_EQ(count_sentence(1, Activity::kViewing, w, Lang::kEs, Notation::kAuto),
              "1 persona lo está viendo ahora");
    EXPECT_EQ(count_sentence(3, Activity::kViewing, w, Lang::kEs, Notation::kAuto),
              "3 personas lo están viendo ahora");
  }
}

// ---- relative times -------------------------------------------------------

TEST(ProofTimeAgo, English) {
  EXPECT_EQ(time_ago(0, Lang::kEn), "just now");
  EXPECT_EQ(time_ago(59 * kSecond + 999, Lang::kEn), "just now");
  EXPECT_EQ(time_ago(-5 * kMinute, Lang::kEn), "just now");
  EXPECT_EQ(time_ago(kMinute, Lang::kEn), "1 min ago");
  EXPECT_EQ(time_ago(5 * kMinute + 59 * kSecond, Lang::kEn), "5 min ago");
  EXPECT_EQ(time_ago(59 * kMinute + 59 * kSecond, Lang::kEn), "59 min ago");
  EXPECT_EQ(time_ago(kHour, Lang::kEn), "1 hour ago");
  EXPECT_EQ(time_ago(kHour + 59 * kMinute, Lang::kEn), "1 hour ago");
  EXPECT_EQ(time_ago(2 * kHour, Lang::kEn), "2 hours ago");
  EXPECT_EQ(time_ago(23 * kHour + 59 * kMinute, Lang::kEn), "23 hours ago");
  EXPECT_EQ(time_ago(kDay, Lang::kEn), "1 day ago");
  EXPECT_EQ(time_ago(3 * kDay, Lang::kEn), "3 days ago");
  EXPECT_EQ(time_ago(30 * kDay + kHour, Lang::kEn), "30 days ago");
}

TEST(ProofTimeAgo, Spanish) {
  EXPECT_EQ(time_ago(0, Lang::kEs), "ahora mismo");
  EXPECT_EQ(time_ago(59 * kSecond, Lang::kEs), "ahora mismo");
  EXPECT_EQ(time_ago(-kHour, Lang::kEs), "ahora mismo");
  EXPECT_EQ(time_ago(kMinute, Lang::kEs), "hace 1 min");
  EXPECT_EQ(time_ago(5 * kMinute + 59 * kSecond, Lang::kEs), "hace 5 min");
  EXPECT_EQ(time_ago(kHour, Lang::kEs), "hace 1 hora");
  EXPECT_EQ(time_ago(2 * kHour, Lang::kEs), "hace 2 horas");
  EXPECT_EQ(time_ago(kDay, Lang::kEs), "hace 1 día");
  EXPECT_EQ(time_ago(3 * kDay, Lang::kEs), "hace 3 días");
}

// ---- activity sentences ---------------------------------------------------

TEST(ProofActivitySentence, English) {
  EXPECT_EQ(activity_sentence(Activity::kPurchase, "Ana", "Madrid", 5 * kMinute, Lang::kEn),
            "Ana from Madrid bought this 5 min ago");
  EXPECT_EQ(activity_sentence(Activity::kPurchase, "Ana", "", 5 * kMinute, Lang::kEn), "Ana bought this 5 min ago");
  EXPECT_EQ(activity_sentence(Activity::kSignup, "", "Madrid", 2 * kHour, Lang::kEn),
            "Someone from Madrid signed up 2 hours ago");
  EXPECT_EQ(activity_sentence(Activity::kShare, "", "", 10 * kSecond, Lang::kEn), "Someone shared this just now");
  EXPECT_EQ(activity_sentence(Activity::kUnlock, "Luis", "Sevilla", kDay, Lang::kEn),
            "Luis from Sevilla unlocked this by sharing 1 day ago");
  EXPECT_EQ(activity_sentence(Activity::kDownload, "Jo", "", 3 * kDay, Lang::kEn), "Jo downloaded this 3 days ago");
}

TEST(ProofActivitySentence, Spanish) {
  EXPECT_EQ(activity_sentence(Activity::kPurchase, "Ana", "Madrid", 5 * kMinute, Lang::kEs),
            "Ana de Madrid lo compró hace 5 min");
  EXPECT_EQ(activity_sentence(Activity::kPurchase, "Ana", "", kHour, Lang::kEs), "Ana lo compró hace 1 hora");
  EXPECT_EQ(activity_sentence(Activity::kSignup, "", "Bilbao", 2 * kHour, Lang::kEs),
            "Alguien de Bilbao se apuntó hace 2 horas");
  EXPECT_EQ(activity_sentence(Activity::kShare, "", "", 0, Lang::kEs), "Alguien lo compartió ahora mismo");
  EXPECT_EQ(activity_sentence(Activity::kUnlock, "Luis", "", kDay, Lang::kEs),
            "Luis lo desbloqueó compartiendo hace 1 día");
  EXPECT_EQ(activity_sentence(Activity::kDownload, "Eva", "San Sebastián de los Reyes", 3 * kDay, Lang::kEs),
            "Eva de San Sebastián de los Reyes lo descargó hace 3 días");
}

}  // namespace
}  // namespace sharelock::proof

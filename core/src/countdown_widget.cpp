#include "sharelock/countdown_widget.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "sharelock/civil_time.hpp"
#include "sharelock/countdown.hpp"
#include "sharelock/url.hpp"

namespace sharelock {
namespace {

using civil::kSecond;

constexpr AttributeLimit kCountdownLimits[] = {
    {"ends", 40},   {"starts", 40},   {"evergreen", 10}, {"daily", 10},      {"tz", 64},
    {"offer", 200}, {"format", 10},   {"on-end", 10},    {"pay", 100},       {"ended-text", 300},
    {"stock", 10},  {"stock-src", 2048}, {"lang", 35},
};
constexpr std::int64_t kMaxStock = 1'000'000;
using civil::kMaxDateMillis;
// Below this, a difference between the server's and the shopper's clock is
// noise: the Date header has whole seconds and the request takes time.
constexpr std::int64_t kMinSkewToCorrect = 30 * kSecond;

CountdownMessages messages(i18n::Lang lang) {
  const bool es = lang == i18n::Lang::kEs;
  return {es ? "Termina en" : "Ends in", es ? "Abre en" : "Opens in",
          es ? "Esta oferta ha terminado" : "This offer has ended"};
}

std::string stock_text(std::int64_t stock, i18n::Lang lang) {
  const bool es = lang == i18n::Lang::kEs;
  if (stock == 0) return es ? "Agotado" : "Sold out";
  if (stock == 1) return es ? "Solo queda 1" : "Only 1 left";
  return (es ? "Solo quedan " : "Only ") + std::to_string(stock) + (es ? "" : " left");
}

// A valid IANA name's shape; whether the zone exists the shim learns from Intl.
bool is_zone_name(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.back() == '/') return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                    c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  return true;
}

// The default offer id: the page without query or fragment.
std::string default_offer(const PageFacts& page) {
  auto page_url = url::parse_http_url(page.url, "");
  if (!page_url) return "page";
  return page_url.value().origin() + page_url.value().path;
}

// The start kept in a stored evergreen record {"v":1,"start":<ms>}; nothing
// when the record is absent or malformed. A start outside JavaScript's Date
// range is as malformed as a missing one (and would overflow once the
// duration is added).
std::optional<std::int64_t> stored_start(const JsonDocument& value) {
  const JsonView record(value);
  if (!record.is_object() || record["v"].whole_number() != 1) return std::nullopt;
  return record["start"].millis();
}

// What the shim answered for `key` (the last answer, if it gave several).
const CountdownStoredValue* stored_at(const CountdownRequest& request, std::string_view key) {
  const CountdownStoredValue* found = nullptr;
  for (const CountdownStoredValue& stored : request.stored) {
    if (stored.key == key) found = &stored;
  }
  return found;
}

std::optional<int> offset_at(const CountdownRequest& request, std::int64_t instant) {
  const CountdownZoneOffset* found = nullptr;
  for (const CountdownZoneOffset& offset : request.offsets) {
    if (offset.at == static_cast<double>(instant)) found = &offset;
  }
  return found != nullptr ? civil::parse_gmt_offset(found->name) : std::nullopt;
}

// What the plan says at zero, and the stock line: read once the deadline is known.
void read_end_and_stock(const Attributes& attributes, const PageFacts& page, i18n::Lang lang,
                        std::int64_t ends_at, CountdownPlan& plan, Problems& problems) {
  const AttributeValue starts = attribute_at(attributes, "starts");
  if (starts.present) {
    auto instant = civil::parse_iso_instant(starts.value, "starts");
    if (!instant) {
      problems.add(instant.error());
    } else if (instant.value() >= ends_at) {
      problems.add({"invalid-date", "starts", "starts is not before the end; ignored"});
    } else {
      plan.opens_at = static_cast<double>(instant.value());
    }
  }
  const std::string format = attribute_at(attributes, "format").value;
  plan.format = format == "compact" ? "compact" : "full";
  if (!format.empty() && format != "compact" && format != "full") {
    problems.add({"invalid-format", "format", "use format=\"full\" or format=\"compact\""});
  }
  const AttributeValue on_end_attribute = attribute_at(attributes, "on-end");
  std::string on_end = on_end_attribute.present ? on_end_attribute.value : "message";
  const std::string pay = attribute_at(attributes, "pay").value;
  if (on_end != "message" && on_end != "hide" && on_end != "lock" && on_end != "unlock") {
    problems.add({"invalid-on-end", "on-end", "use on-end=\"message\", \"hide\", \"lock\" or \"unlock\""});
    on_end = "message";
  } else if ((on_end == "lock" || on_end == "unlock") && pay.empty()) {
    problems.add({"missing-pay", "pay", "on-end=\"" + on_end + "\" needs pay=\"<id of a sharelock-pay>\""});
    on_end = "message";
  }
  plan.on_end = on_end;
  plan.pay = pay;
  const AttributeValue ended_text = attribute_at(attributes, "ended-text");
  if (ended_text.present) plan.messages.ended = ended_text.value;
  const AttributeValue stock_attribute = attribute_at(attributes, "stock");
  if (stock_attribute.present) {
    const auto stock = parse_whole_number(stock_attribute.value, kMaxStock);
    if (stock) {
      plan.stock = stock_text(*stock, lang);
    } else {
      problems.add({"invalid-stock", "stock", "stock is a whole number from 0 to 1000000"});
    }
  }
  const AttributeValue stock_src = attribute_at(attributes, "stock-src");
  if (stock_src.present) {
    auto source = same_site_feed_url(page.url, stock_src.value, "stock-src");
    if (!source) {
      problems.add(source.error());
    } else {
      plan.stock_src = source.value();
    }
  }
}

}  // namespace

CountdownPlan plan_countdown(const CountdownRequest& request) {
  Problems problems;
  const Attributes& attributes = request.attributes;
  const std::int64_t now = whole_millis(request.now);
  const i18n::Lang lang = read_lang(attributes, request.page);
  CountdownPlan plan;
  const auto result = [&](CountdownPlan answer) {
    answer.fatal = problems.fatal;
    answer.errors = problems.errors;
    return answer;
  };
  check_attribute_sizes(attributes, kCountdownLimits, problems);
  if (problems.fatal) return result({});

  const AttributeValue ends = attribute_at(attributes, "ends");
  const AttributeValue evergreen = attribute_at(attributes, "evergreen");
  const AttributeValue daily = attribute_at(attributes, "daily");
  const int kinds = ends.present + evergreen.present + daily.present;
  if (kinds != 1) {
    problems.fail({kinds == 0 ? "missing-deadline" : "conflicting-deadline", kinds == 0 ? "ends" : "",
                   "give exactly one of ends=\"2026-12-01T00:00:00+01:00\", evergreen=\"48h\" or daily=\"20:00\""});
    return result({});
  }

  plan.lang = std::string(i18n::lang_code(lang));
  plan.messages = messages(lang);
  plan.opens_at = std::numeric_limits<double>::quiet_NaN();
  CountdownNeed need;
  std::int64_t ends_at = 0;
  if (ends.present) {
    plan.kind = "fixed";
    auto instant = civil::parse_iso_instant(ends.value, "ends");
    if (!instant) {
      problems.fail(instant.error());
      return result({});
    }
    ends_at = instant.value();
  } else if (evergreen.present) {
    plan.kind = "evergreen";
    const auto duration = countdown::parse_duration(evergreen.value);
    if (!duration) {
      problems.fail({"invalid-duration", "evergreen",
                     "\"" + evergreen.value.substr(0, 10) + "\" is not a duration; write e.g. 48h, 2d or 90m"});
      return result({});
    }
    const AttributeValue offer = attribute_at(attributes, "offer");
    const std::string key = "sharelock:evergreen:" + (offer.present ? offer.value : default_offer(request.page));
    plan.evergreen_key = key;
    if (const CountdownStoredValue* stored = stored_at(request, key); stored == nullptr) {
      need.stored.push_back(key);
    } else {
      // The window starts at the visitor's first view and never resets:
      // a stored start is kept, even long after the offer ended.
      const auto start = stored_start(stored->value);
      if (!start) {
        plan.effects.push_back(
            {"store", key, JsonObjectWriter().add_number("v", 1).add_number("start", now).done()});
      }
      ends_at = start.value_or(now) + *duration;
    }
  } else {
    plan.kind = "daily";
    const auto minutes = civil::parse_clock_time(daily.value, "daily");
    if (!minutes) {
      problems.fail(minutes.error());
      return result({});
    }
    const std::string zone = attribute_at(attributes, "tz").value;
    if (!is_zone_name(zone) || !request.zone_known) {
      problems.fail({"invalid-time-zone", "tz",
                     zone.empty() ? "a daily countdown needs tz, an IANA time zone such as Europe/Madrid"
                                  : "\"" + zone.substr(0, 40) + "\" is not a time zone this browser knows"});
      return result({});
    }
    plan.zone = zone;
    const auto next = countdown::next_daily(now, minutes.value(),
                                            [&](std::int64_t instant) { return offset_at(request, instant); });
    if (const auto* missing = std::get_if<countdown::NeedOffsets>(&next)) {
      if (missing->empty()) {
        problems.fail({"invalid-time-zone", "tz", "the zone's offsets make no sense"});
        return result({});
      }
      for (std::int64_t instant : *missing) need.offsets.push_back(static_cast<double>(instant));
    } else {
      ends_at = std::get<std::int64_t>(next);
    }
  }
  if (!need.offsets.empty() || !need.stored.empty()) {
    CountdownPlan asking;
    asking.needs_more = true;
    asking.need = std::move(need);
    return result(std::move(asking));
  }

  plan.ends_at = static_cast<double>(ends_at);
  // A daily deal is followed by the next day's; the others end for good.
  plan.rolls = plan.kind == "daily";
  read_end_and_stock(attributes, request.page, lang, ends_at, plan, problems);
  return result(std::move(plan));
}

CountdownView countdown_view(double ends_at, double opens_at, double now, const std::string& lang_tag,
                             const std::string& format) {
  const i18n::Lang lang = i18n::resolve_lang(lang_tag, "");
  const bool upcoming = !std::isnan(opens_at) && now < opens_at;
  const double target = upcoming ? opens_at : ends_at;
  const double left = target - now;
  CountdownView view;
  // NaN or infinity (a missing number on the JavaScript side) has nothing to
  // count to, and converting it to an integer would be undefined behaviour.
  if (!std::isfinite(left) || (!upcoming && left <= 0)) {
    view.phase = "ended";
    return view;
  }
  constexpr double kMaxLeft = 1e15;  // ~31 700 years; keeps the conversion in range
  const countdown::Remaining remaining =
      countdown::decompose(static_cast<std::int64_t>(std::ceil(std::min(left, kMaxLeft))));
  const auto part = [&](const char* unit, countdown::Unit u, std::int64_t value, bool pad) {
    view.parts.push_back({unit, (pad && value < 10 ? "0" : "") + std::to_string(value),
                          std::string(countdown::unit_label(u, value, lang))});
  };
  if (remaining.days > 0) part("days", countdown::Unit::kDay, remaining.days, false);
  part("hours", countdown::Unit::kHour, remaining.hours, true);
  part("minutes", countdown::Unit::kMinute, remaining.minutes, true);
  part("seconds", countdown::Unit::kSecond, remaining.seconds, true);
  view.phase = upcoming ? "upcoming" : "running";
  view.text = format == "compact" ? countdown::compact_text(remaining, lang) : countdown::full_text(remaining, lang);
  view.spoken = countdown::spoken_text(remaining, lang);
  return view;
}

StockFeedResult stock_from_feed(const JsonDocument& body, const std::string& lang_tag) {
  const i18n::Lang lang = i18n::resolve_lang(lang_tag, "");
  const auto bad = [](std::string message) {
    return StockFeedResult{false, "", {"invalid-feed", "stock-src", std::move(message)}};
  };
  const JsonView feed(body);
  if (!feed.is_object()) return bad("the stock feed is not a JSON object");
  // Beyond 2^53 a JavaScript number is no longer a whole number for sure.
  const auto stock = feed["stock"].whole_number();
  if (!stock || *stock < 0 || *stock > kMaxStock) {
    return bad("the stock feed needs \"stock\": a whole number from 0 to 1000000");
  }
  return {true, stock_text(*stock, lang), {}};
}

std::int64_t clock_skew(const ClockSample& sample) {
  // Only what a JavaScript Date can hold: converting a bigger double (1e20)
  // to an integer is undefined behaviour, and integers near INT64_MAX would
  // overflow the middle of the request below. NaN (no number) is refused too.
  const auto instant = [](double value) -> std::optional<std::int64_t> {
    constexpr auto kMax = static_cast<double>(kMaxDateMillis);
    if (!(value >= -kMax && value <= kMax)) return std::nullopt;
    return static_cast<std::int64_t>(value);  // a fraction of a ms is dropped
  };
  const auto sent = instant(sample.sent_at);
  const auto received = instant(sample.received_at);
  auto server = civil::parse_http_date(sample.date);
  if (!sent || !received || !server || *received < *sent) return 0;
  // A cache in between says how long it kept the response (RFC 9111 Age).
  const auto age = instant(sample.age);
  if (age && *age > 0 && *age < 366LL * 24 * 60 * 60) *server += *age * kSecond;
  // The server stamped its clock, truncated to the second, somewhere in the
  // round trip: compare its middle with the middle of the request.
  const std::int64_t skew = (*server + kSecond / 2) - (*sent + *received) / 2;
  const bool significant = skew >= kMinSkewToCorrect || skew <= -kMinSkewToCorrect;
  return significant ? skew : 0;
}

}  // namespace sharelock

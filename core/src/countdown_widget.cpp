#include "sharelock/countdown_widget.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "sharelock/civil_time.hpp"
#include "sharelock/countdown.hpp"
#include "sharelock/url.hpp"
#include "sharelock/widget_request.hpp"

namespace sharelock {
namespace {

using civil::kSecond;

constexpr AttributeLimit kCountdownLimits[] = {
    {"ends", 40},   {"starts", 40},   {"evergreen", 10}, {"daily", 10},      {"tz", 64},
    {"offer", 200}, {"format", 10},   {"on-end", 10},    {"pay", 100},       {"ended-text", 300},
    {"stock", 10},  {"stock-src", 2048}, {"lang", 35},
};
constexpr std::int64_t kMaxStock = 1'000'000;
// ±100 000 000 days: the range of a JavaScript Date.
constexpr std::int64_t kMaxDateMillis = 8'640'000'000'000'000;
// Below this, a difference between the server's and the shopper's clock is
// noise: the Date header has whole seconds and the request takes time.
constexpr std::int64_t kMinSkewToCorrect = 30 * kSecond;

Json message_json(i18n::Lang lang) {
  const bool es = lang == i18n::Lang::kEs;
  return {{"endsIn", es ? "Termina en" : "Ends in"},
          {"opensIn", es ? "Abre en" : "Opens in"},
          {"ended", es ? "Esta oferta ha terminado" : "This offer has ended"}};
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

struct Need {
  Json offsets = Json::array();
  Json stored = Json::array();
  bool any() const { return !offsets.empty() || !stored.empty(); }
};

// The default offer id: the page without query or fragment.
std::string default_offer(const Json& page) {
  auto page_url = url::parse_http_url(string_at(page, "url"), "");
  if (!page_url) return "page";
  return page_url.value().origin() + page_url.value().path;
}

Json plan(const Json& request) {
  Problems problems;
  const Json& attributes = object_at(request, "attributes");
  const Json& page = object_at(request, "page");
  const Json& stored = object_at(request, "stored");
  const Json& offsets = object_at(request, "offsets");
  const std::int64_t now = millis_at(request, "now");
  const i18n::Lang lang = read_lang(attributes, page);
  const auto result = [&](Json body) {
    body["fatal"] = problems.fatal;
    body["errors"] = problems.errors;
    return body;
  };
  check_attribute_sizes(attributes, kCountdownLimits, problems);
  if (problems.fatal) return result(Json::object());

  const int kinds = has_string(attributes, "ends") + has_string(attributes, "evergreen") + has_string(attributes, "daily");
  if (kinds != 1) {
    problems.fail({kinds == 0 ? "missing-deadline" : "conflicting-deadline", kinds == 0 ? "ends" : "",
                   "give exactly one of ends=\"2026-12-01T00:00:00+01:00\", evergreen=\"48h\" or daily=\"20:00\""});
    return result(Json::object());
  }

  Json plan = {{"lang", i18n::lang_code(lang)}, {"messages", message_json(lang)}, {"effects", Json::array()}};
  Need need;
  std::string kind;
  std::int64_t ends_at = 0;
  if (has_string(attributes, "ends")) {
    kind = "fixed";
    auto instant = civil::parse_iso_instant(string_at(attributes, "ends"), "ends");
    if (!instant) {
      problems.fail(instant.error());
      return result(Json::object());
    }
    ends_at = instant.value();
  } else if (has_string(attributes, "evergreen")) {
    kind = "evergreen";
    const auto duration = countdown::parse_duration(string_at(attributes, "evergreen"));
    if (!duration) {
      problems.fail({"invalid-duration", "evergreen",
                     "\"" + string_at(attributes, "evergreen").substr(0, 10) + "\" is not a duration; write e.g. 48h, 2d or 90m"});
      return result(Json::object());
    }
    const std::string offer = has_string(attributes, "offer") ? string_at(attributes, "offer") : default_offer(page);
    const std::string key = "sharelock:evergreen:" + offer;
    plan["keys"] = {{"evergreen", key}};
    if (!stored.contains(key)) {
      need.stored.push_back(key);
    } else {
      // The window starts at the visitor's first view and never resets:
      // a stored start is kept, even long after the offer ended.
      const Json record = stored[key].is_string() ? Json::parse(stored[key].get<std::string>(), nullptr, false) : Json();
      std::int64_t start = now;
      // A start outside JavaScript's Date range is as malformed as a missing
      // one (and would overflow once the duration is added).
      if (record.is_object() && record.contains("v") && record["v"] == 1 && record.contains("start") &&
          record["start"].is_number_integer() && record["start"].get<std::int64_t>() >= -kMaxDateMillis &&
          record["start"].get<std::int64_t>() <= kMaxDateMillis) {
        start = record["start"].get<std::int64_t>();
      } else {
        plan["effects"].push_back({{"type", "store"}, {"key", key},
                                   {"value", "{\"v\":1,\"start\":" + std::to_string(now) + "}"}});
      }
      ends_at = start + *duration;
    }
  } else {
    kind = "daily";
    const auto minutes = civil::parse_clock_time(string_at(attributes, "daily"), "daily");
    if (!minutes) {
      problems.fail(minutes.error());
      return result(Json::object());
    }
    const std::string zone = string_at(attributes, "tz");
    const auto known = request.find("zoneKnown");
    if (!is_zone_name(zone) || (known != request.end() && known->is_boolean() && !known->get<bool>())) {
      problems.fail({"invalid-time-zone", "tz",
                     zone.empty() ? "a daily countdown needs tz, an IANA time zone such as Europe/Madrid"
                                  : "\"" + zone.substr(0, 40) + "\" is not a time zone this browser knows"});
      return result(Json::object());
    }
    plan["zone"] = zone;
    const auto lookup = [&](std::int64_t instant) -> std::optional<int> {
      const std::string key = std::to_string(instant);
      return offsets.contains(key) && offsets[key].is_string()
                 ? civil::parse_gmt_offset(offsets[key].get<std::string>())
                 : std::nullopt;
    };
    const auto next = countdown::next_daily(now, minutes.value(), lookup);
    if (const auto* missing = std::get_if<countdown::NeedOffsets>(&next)) {
      if (missing->empty()) {
        problems.fail({"invalid-time-zone", "tz", "the zone's offsets make no sense"});
        return result(Json::object());
      }
      for (std::int64_t instant : *missing) need.offsets.push_back(std::to_string(instant));
    } else {
      ends_at = std::get<std::int64_t>(next);
    }
  }
  if (need.any()) return result({{"need", {{"offsets", need.offsets}, {"stored", need.stored}}}});

  plan["kind"] = kind;
  plan["endsAt"] = ends_at;
  // A daily deal is followed by the next day's; the others end for good.
  plan["rolls"] = kind == "daily";
  plan["opensAt"] = nullptr;
  if (has_string(attributes, "starts")) {
    auto starts = civil::parse_iso_instant(string_at(attributes, "starts"), "starts");
    if (!starts) {
      problems.add(starts.error());
    } else if (starts.value() >= ends_at) {
      problems.add({"invalid-date", "starts", "starts is not before the end; ignored"});
    } else {
      plan["opensAt"] = starts.value();
    }
  }
  const std::string format = string_at(attributes, "format");
  plan["format"] = format == "compact" ? "compact" : "full";
  if (!format.empty() && format != "compact" && format != "full") {
    problems.add({"invalid-format", "format", "use format=\"full\" or format=\"compact\""});
  }
  std::string on_end = has_string(attributes, "on-end") ? string_at(attributes, "on-end") : "message";
  const std::string pay = string_at(attributes, "pay");
  if (on_end != "message" && on_end != "hide" && on_end != "lock" && on_end != "unlock") {
    problems.add({"invalid-on-end", "on-end", "use on-end=\"message\", \"hide\", \"lock\" or \"unlock\""});
    on_end = "message";
  } else if ((on_end == "lock" || on_end == "unlock") && pay.empty()) {
    problems.add({"missing-pay", "pay", "on-end=\"" + on_end + "\" needs pay=\"<id of a sharelock-pay>\""});
    on_end = "message";
  }
  plan["onEnd"] = on_end;
  plan["pay"] = pay;
  if (has_string(attributes, "ended-text")) plan["messages"]["ended"] = string_at(attributes, "ended-text");
  plan["stock"] = nullptr;
  if (has_string(attributes, "stock")) {
    const auto stock = parse_whole_number(string_at(attributes, "stock"), kMaxStock);
    if (stock) {
      plan["stock"] = stock_text(*stock, lang);
    } else {
      problems.add({"invalid-stock", "stock", "stock is a whole number from 0 to 1000000"});
    }
  }
  plan["stockSrc"] = nullptr;
  if (has_string(attributes, "stock-src")) {
    auto source = same_site_feed_url(string_at(page, "url"), string_at(attributes, "stock-src"), "stock-src");
    if (!source) {
      problems.add(source.error());
    } else {
      plan["stockSrc"] = source.value();
    }
  }
  return result(plan);
}

}  // namespace

std::string plan_countdown(std::string_view request_json) {
  Problems problems;
  const Json request = parse_request(request_json, problems);
  if (problems.fatal) return dump_json({{"fatal", true}, {"errors", problems.errors}});
  return dump_json(plan(request));
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

std::string stock_from_feed(std::string_view request_json) {
  const Json request = Json::parse(request_json, nullptr, false);
  const i18n::Lang lang = i18n::resolve_lang(string_at(request, "lang"), "");
  const Json body = Json::parse(string_at(request, "body"), nullptr, false);
  const auto bad = [](std::string message) {
    return dump_json({{"ok", false}, {"code", "invalid-feed"}, {"message", std::move(message)}});
  };
  if (body.is_discarded() || !body.is_object()) return bad("the stock feed is not a JSON object");
  const auto stock = body.find("stock");
  if (stock == body.end() || !stock->is_number_integer() || stock->get<std::int64_t>() < 0 ||
      stock->get<std::int64_t>() > kMaxStock) {
    return bad("the stock feed needs \"stock\": a whole number from 0 to 1000000");
  }
  return dump_json({{"ok", true}, {"text", stock_text(stock->get<std::int64_t>(), lang)}});
}

std::string clock_skew(std::string_view request_json) {
  const Json request = Json::parse(request_json, nullptr, false);
  const auto number = [&](const char* key) -> std::optional<std::int64_t> {
    if (!request.is_object() || !request.contains(key) || !request[key].is_number()) return std::nullopt;
    // Only what a JavaScript Date can hold: converting a bigger double (1e20)
    // to an integer is undefined behaviour, and integers near INT64_MAX would
    // overflow the middle of the request below.
    const double value = request[key].get<double>();
    constexpr auto kMax = static_cast<double>(kMaxDateMillis);
    if (!(value >= -kMax && value <= kMax)) return std::nullopt;
    return request[key].get<std::int64_t>();
  };
  const auto sent = number("sentAt");
  const auto received = number("receivedAt");
  auto server = civil::parse_http_date(string_at(request, "date"));
  if (!sent || !received || !server || *received < *sent) return R"({"skew":0})";
  // A cache in between says how long it kept the response (RFC 9111 Age).
  const auto age = number("age");
  if (age && *age > 0 && *age < 366LL * 24 * 60 * 60) *server += *age * kSecond;
  // The server stamped its clock, truncated to the second, somewhere in the
  // round trip: compare its middle with the middle of the request.
  const std::int64_t skew = (*server + kSecond / 2) - (*sent + *received) / 2;
  const bool significant = skew >= kMinSkewToCorrect || skew <= -kMinSkewToCorrect;
  return dump_json({{"skew", significant ? skew : 0}});
}

}  // namespace sharelock

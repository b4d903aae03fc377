#include "sharelock/proof_widget.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "sharelock/civil_time.hpp"
#include "sharelock/proof_feed.hpp"
#include "sharelock/proof_text.hpp"
#include "sharelock/retention.hpp"
#include "sharelock/url.hpp"
#include "sharelock/widget_request.hpp"

namespace sharelock {
namespace {

using civil::kMinute;
using civil::kSecond;
using proof::Activity;

constexpr AttributeLimit kProofLimits[] = {
    {"kind", 10},      {"count", 20},      {"src", 2048},    {"server", 2048},  {"item", 200},
    {"type", 20},      {"window", 10},     {"min", 20},      {"notation", 10},  {"lang", 35},
    {"position", 20},  {"avoid", 500},     {"interval", 10}, {"duration", 10},  {"max-toasts", 10},
    {"snooze", 10},
};

// A live "viewing now" count older than this is no longer "now".
constexpr std::int64_t kLiveFreshness = 2 * kMinute;
// How often a live count is fetched again while the badge is on screen.
constexpr std::int64_t kLiveRefresh = 30 * kSecond;
// A windowed count is a claim about the last hour, day, week or month up
// to now; taken longer ago than 1/24 of its window, it no longer is.
constexpr std::int64_t kWindowStalenessDivisor = 24;
constexpr std::size_t kMaxToasts = 20;
constexpr std::int64_t kCapPeriod = civil::kDay;
constexpr std::int64_t kDefaultSnooze = 7 * civil::kDay;
constexpr const char* kGateKey = "sharelock:proof-toasts";

struct Source {
  enum class Kind { kInline, kFeed, kServer } kind;
  std::string fetch_url;  // kFeed and kServer
};

std::optional<Source> read_source(const Json& attributes, const Json& page, bool recent, Problems& problems) {
  const int sources = has_string(attributes, "count") + has_string(attributes, "src") + has_string(attributes, "server");
  if (sources != 1) {
    problems.fail({sources == 0 ? "missing-source" : "conflicting-source", sources == 0 ? "src" : "",
                   "give exactly one of count=\"1284\", src=\"/proof.json\" or server=\"https://…\" (with item)"});
    return std::nullopt;
  }
  if (has_string(attributes, "count")) {
    if (recent) {
      problems.fail({"missing-feed", "count", "recent activity needs events: use src=\"/proof.json\" or server"});
      return std::nullopt;
    }
    return Source{Source::Kind::kInline, ""};
  }
  if (has_string(attributes, "src")) {
    auto source = same_site_feed_url(string_at(page, "url"), string_at(attributes, "src"), "src");
    if (!source) {
      problems.fail(source.error());
      return std::nullopt;
    }
    return Source{Source::Kind::kFeed, source.value()};
  }
  const auto base = url::parse_http_url(string_at(page, "url"), "server");
  // The site owner's own verification server: counts of verified unlocks
  // and of shares. A path ("/verify") is on the page's own site, as for
  // <sharelock-pay mode="verified" server>.
  auto server = base ? url::parse_http_url_reference(string_at(attributes, "server"), base.value(), "server")
                     : url::parse_http_url(string_at(attributes, "server"), "server");
  if (!server) {
    problems.fail(server.error());
    return std::nullopt;
  }
  url::HttpUrl endpoint = server.value();
  if (endpoint.scheme != "https" && !endpoint.is_loopback() && !(base && base.value().origin() == endpoint.origin())) {
    problems.fail({"insecure-url", "server", "the verification server must use https"});
    return std::nullopt;
  }
  if (!has_string(attributes, "item")) {
    problems.fail({"missing-item", "item", "a count from the verification server needs item=\"…\""});
    return std::nullopt;
  }
  if (endpoint.path.back() == '/') endpoint.path.pop_back();
  endpoint.path += "/v1/proof";
  endpoint.query.clear();
  endpoint.has_query = false;
  endpoint.fragment.clear();
  endpoint.has_fragment = false;
  url::set_query_parameter(endpoint, "item", string_at(attributes, "item"));
  return Source{Source::Kind::kServer, endpoint.serialize()};
}

// An optional whole-number attribute in [low, high]; a bad one is reported
// and the default used.
std::int64_t number_attribute(const Json& attributes, const char* name, std::int64_t fallback, std::int64_t low,
                              std::int64_t high, Problems& problems) {
  if (!has_string(attributes, name)) return fallback;
  const auto value = parse_whole_number(string_at(attributes, name), high);
  if (!value || *value < low) {
    problems.add({"invalid-number", name,
                  std::string(name) + " is a whole number from " + std::to_string(low) + " to " +
                      std::to_string(high) + "; using " + std::to_string(fallback)});
    return fallback;
  }
  return *value;
}

// A widget without `item` speaks of "this" page's product: only rows that
// name no item are about it, never another product's.
bool item_matches(const Json& attributes, const std::string& row_item) {
  return row_item == string_at(attributes, "item");
}

struct Settings {
  i18n::Lang lang;
  Activity activity;
  bool type_given;
  proof::Window window;
  proof::Notation notation;
  std::int64_t min;
};

// The badge from the chosen counter (or the inline count).
void describe_count(const Json& attributes, const Settings& settings, const proof::Feed* feed, std::int64_t now,
                    Json& view) {
  std::optional<std::int64_t> count;
  if (!feed) {
    count = parse_whole_number(string_at(attributes, "count"), proof::kMaxCount);
  } else {
    const bool live = settings.activity == Activity::kViewing;
    // A live count is asked for again, whether or not this one was fresh.
    if (live) view["refreshAfter"] = kLiveRefresh;
    for (const proof::Counter& counter : feed->counters) {
      if (counter.activity != settings.activity || !item_matches(attributes, counter.item)) continue;
      if (!live && counter.window != settings.window.name) continue;
      if (live) {
        // "N viewing now" only from a count taken in the last two minutes.
        if (now - *counter.at > kLiveFreshness) continue;
        view["expiresAt"] = *counter.at + kLiveFreshness;
      } else if (settings.window.millis > 0) {
        // "In the last 24 hours" is true only for a while after the count
        // was taken (windowed counters always carry `at`); the shim takes
        // the badge down when that while is over.
        const std::int64_t stale_at = *counter.at + settings.window.millis / kWindowStalenessDivisor;
        if (now >= stale_at) continue;
        view["expiresAt"] = stale_at;
      }
      count = counter.count;
      break;
    }
  }
  if (!count || *count < settings.min) return;
  view["show"] = true;
  view["count"] = *count;
  view["text"] = proof::count_sentence(*count, settings.activity, settings.window, settings.lang, settings.notation);
}

void describe_recent(const Json& attributes, const Settings& settings, const proof::Feed& feed, std::int64_t now,
                     Problems& problems, Json& view) {
  Json toasts = Json::array();
  std::size_t in_window = 0;
  for (const proof::Event& event : feed.events) {
    // Newest first: once one is older than the window, all the rest are.
    if (now - event.at > settings.window.millis) break;
    if (!item_matches(attributes, event.item) || (settings.type_given && event.activity != settings.activity)) {
      continue;
    }
    ++in_window;
    if (toasts.size() < kMaxToasts) {
      toasts.push_back({{"type", std::string(proof::activity_name(event.activity))},
                        {"name", event.name},
                        {"place", event.place},
                        {"at", event.at}});
    }
  }
  view["toasts"] = toasts;
  view["show"] = in_window > 0 && static_cast<std::int64_t>(in_window) >= settings.min;

  std::string position = has_string(attributes, "position") ? string_at(attributes, "position") : "bottom-left";
  if (position != "bottom-left" && position != "bottom-right" && position != "top-left" && position != "top-right") {
    problems.add({"invalid-position", "position",
                  "use position=\"bottom-left\", \"bottom-right\", \"top-left\" or \"top-right\""});
    position = "bottom-left";
  }
  const std::int64_t duration = number_attribute(attributes, "duration", 6, 2, 60, problems);
  const std::int64_t interval = number_attribute(attributes, "interval", 20, 5, 3600, problems);
  std::int64_t snooze = kDefaultSnooze;
  if (has_string(attributes, "snooze")) {
    const auto retention = parse_retention(string_at(attributes, "snooze"), "snooze");
    if (!retention) {
      problems.add(retention.error());
    } else {
      // "0" and "session": dismissed for this page view only.
      snooze = retention.value().kind == Retention::Kind::kFor ? retention.value().millis : 0;
    }
  }
  const bool es = settings.lang == i18n::Lang::kEs;
  view["toast"] = {
      {"position", position},
      // Our own widgets and anything marked by the site owner stay visible.
      {"avoid", has_string(attributes, "avoid") ? string_at(attributes, "avoid")
                                                : "[data-sharelock-avoid], sharelock-pay, sharelock-share"},
      {"duration", std::max(duration, std::int64_t{2}) * kSecond},
      {"interval", std::max(interval, duration + 1) * kSecond},
      // Events age while the page stays open; each is checked again when shown.
      {"window", settings.window.millis},
      {"gateKey", kGateKey},
      {"limit", number_attribute(attributes, "max-toasts", 5, 1, 50, problems)},
      {"snooze", snooze},
  };
  view["messages"] = {{"region", es ? "Actividad reciente" : "Recent activity"},
                      {"dismiss", es ? "Cerrar avisos de actividad" : "Dismiss activity notices"}};
}

Json describe(const Json& request) {
  Problems problems;
  const Json& attributes = object_at(request, "attributes");
  const Json& page = object_at(request, "page");
  const std::int64_t now = millis_at(request, "now");
  const auto result = [&](Json body) {
    body["fatal"] = problems.fatal;
    body["errors"] = problems.errors;
    return body;
  };
  check_attribute_sizes(attributes, kProofLimits, problems);
  if (problems.fatal) return result(Json::object());

  const std::string kind = has_string(attributes, "kind") ? string_at(attributes, "kind") : "count";
  if (kind != "count" && kind != "recent") {
    problems.fail({"invalid-kind", "kind", "use kind=\"count\" or kind=\"recent\""});
    return result(Json::object());
  }
  const bool recent = kind == "recent";
  const auto source = read_source(attributes, page, recent, problems);
  if (!source) return result(Json::object());

  Settings settings{read_lang(attributes, page), Activity::kPurchase, has_string(attributes, "type"),
                    *proof::parse_window(recent ? "24h" : "all"), proof::Notation::kAuto, 1};
  // The verification server counts verified unlocks.
  if (source->kind == Source::Kind::kServer) settings.activity = Activity::kUnlock;
  if (settings.type_given) {
    const auto activity = proof::parse_activity(string_at(attributes, "type"));
    if (!activity || (recent && *activity == Activity::kViewing)) {
      problems.fail({"invalid-type", "type",
                     recent ? "use type=\"purchase\", \"signup\", \"share\", \"unlock\" or \"download\""
                            : "use type=\"purchase\", \"signup\", \"share\", \"unlock\", \"download\" or \"viewing\""});
      return result(Json::object());
    }
    settings.activity = *activity;
  }
  if (settings.activity == Activity::kViewing && source->kind == Source::Kind::kInline) {
    problems.fail({"no-live-source", "count",
                   "\"viewing now\" needs a live count from a feed; a number in the page is not live"});
    return result(Json::object());
  }
  if (has_string(attributes, "window")) {
    const auto window = proof::parse_window(string_at(attributes, "window"));
    if (!window || (recent && window->millis == 0)) {
      problems.add({"invalid-window", "window",
                    recent ? "use window=\"1h\", \"24h\", \"7d\" or \"30d\"" : "use window=\"1h\", \"24h\", \"7d\", \"30d\" or \"all\""});
    } else {
      settings.window = *window;
    }
  }
  if (has_string(attributes, "notation")) {
    const auto notation = proof::parse_notation(string_at(attributes, "notation"));
    if (!notation) {
      problems.add({"invalid-notation", "notation", "use notation=\"auto\", \"full\" or \"compact\""});
    } else {
      settings.notation = *notation;
    }
  }
  settings.min = number_attribute(attributes, "min", 1, 0, proof::kMaxCount, problems);
  if (has_string(attributes, "count") && !parse_whole_number(string_at(attributes, "count"), proof::kMaxCount)) {
    problems.fail({"invalid-count", "count", "count is a whole number from 0 to 999999999999"});
    return result(Json::object());
  }

  if (source->kind != Source::Kind::kInline && !request.contains("body")) {
    const bool same_site = source->kind == Source::Kind::kFeed;
    return result({{"need",
                    {{"fetch", source->fetch_url},
                     // No cookies and no page address to another origin:
                     // the count is public, and the visit is the shop's.
                     {"credentials", same_site ? "same-origin" : "omit"},
                     {"referrerPolicy", same_site ? "strict-origin-when-cross-origin" : "no-referrer"},
                     {"attribute", same_site ? "src" : "server"},
                     // A live count is asked for again even if this read fails.
                     {"refreshAfter", settings.activity == Activity::kViewing ? Json(kLiveRefresh) : Json(nullptr)}}}});
  }

  Json view = {{"lang", i18n::lang_code(settings.lang)}, {"kind", kind}, {"show", false},
               {"expiresAt", nullptr}, {"refreshAfter", nullptr}};
  std::optional<proof::Feed> feed;
  if (source->kind != Source::Kind::kInline) {
    const std::string attribute = source->kind == Source::Kind::kFeed ? "src" : "server";
    auto parsed = proof::parse_feed(string_at(request, "body"), now);
    if (!parsed) {
      Error error = parsed.error();
      error.attribute = attribute;
      problems.fail(error);
      return result(Json::object());
    }
    feed = std::move(parsed).value();
    if (feed->skipped > 0) {
      problems.add({"invalid-feed-rows", attribute,
                    std::to_string(feed->skipped) + " row(s) of the feed were skipped; the first because " +
                        feed->first_problem});
    }
  }
  if (recent) {
    describe_recent(attributes, settings, *feed, now, problems, view);
  } else {
    describe_count(attributes, settings, feed ? &*feed : nullptr, now, view);
  }
  return result(view);
}

}  // namespace

std::string describe_proof(std::string_view request_json) {
  Problems problems;
  const Json request = parse_request(request_json, problems);
  if (problems.fatal) return dump_json({{"fatal", true}, {"errors", problems.errors}});
  return dump_json(describe(request));
}

std::string proof_toast_text(std::string_view request_json) {
  const Json request = Json::parse(request_json, nullptr, false);
  const auto activity = proof::parse_activity(string_at(request, "type"));
  if (!activity || *activity == Activity::kViewing) return R"({"text":"","expired":true})";
  const i18n::Lang lang = i18n::resolve_lang(string_at(request, "lang"), "");
  const std::int64_t elapsed = millis_at(request, "now") - millis_at(request, "at");
  // An event that has aged out of the window since the page loaded is
  // never shown again.
  const std::int64_t window = millis_at(request, "window");
  if (window > 0 && elapsed > window) return R"({"text":"","expired":true})";
  // The shim hands back what describe_proof gave it; checked again anyway.
  return dump_json({{"text", proof::activity_sentence(*activity, proof::first_name(string_at(request, "name")),
                                                      proof::place_name(string_at(request, "place")), elapsed, lang)},
                    {"expired", false}});
}

std::string proof_toast_gate(std::string_view request_json) {
  const Json request = Json::parse(request_json, nullptr, false);
  const auto whole = [](const Json& object, const char* key, std::int64_t fallback) {
    return object.is_object() && object.contains(key) && object[key].is_number_integer()
               ? object[key].get<std::int64_t>()
               : fallback;
  };
  const std::int64_t now = millis_at(request, "now");
  const std::int64_t limit = std::clamp<std::int64_t>(whole(request, "limit", 5), 0, 50);
  const std::int64_t snooze = std::clamp<std::int64_t>(whole(request, "snooze", 0), 0, kMaxRetentionMillis);
  // Device storage is as untrusted as attributes: a malformed record (a
  // missing or out-of-range "since" reads as 1970), or one from the future
  // (a clock moved back, a hand edit), starts afresh.
  const Json stored = Json::parse(string_at(request, "stored"), nullptr, false);
  std::int64_t since = millis_at(stored, "since");
  std::int64_t shown = std::max<std::int64_t>(whole(stored, "shown", 0), 0);
  std::int64_t until = millis_at(stored, "until");
  if (whole(stored, "v", 0) != 1 || since > now || since <= now - kCapPeriod) {
    since = now;
    shown = 0;
  }
  if (until > now + kMaxRetentionMillis) until = 0;
  bool allow = false;
  if (string_at(request, "action") == "dismiss") {
    until = now + snooze;
  } else if (now >= until && shown < limit) {
    allow = true;
    ++shown;
  }
  Json record = {{"v", 1}, {"since", since}, {"shown", shown}};
  if (until > now) record["until"] = until;
  return dump_json({{"allow", allow}, {"store", dump_json(record)}});
}

}  // namespace sharelock

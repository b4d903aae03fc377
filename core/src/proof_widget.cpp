#include "sharelock/proof_widget.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "sharelock/civil_time.hpp"
#include "sharelock/proof_feed.hpp"
#include "sharelock/proof_text.hpp"
#include "sharelock/retention.hpp"
#include "sharelock/url.hpp"

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
constexpr std::int64_t kDefaultSnooze = 7 * civil::kDay;
constexpr const char* kGateKey = "sharelock:proof-toasts";

// Whole milliseconds and counts (at most 2^53) are exact as doubles.
double as_number(std::int64_t value) { return static_cast<double>(value); }

struct Source {
  enum class Kind { kInline, kFeed, kServer } kind;
  std::string fetch_url;  // kFeed and kServer
};

// The element's attributes, read by name.
struct ProofAttributes {
  const Attributes& list;
  bool has(std::string_view name) const { return attribute_at(list, name).present; }
  std::string at(std::string_view name) const { return attribute_at(list, name).value; }
};

std::optional<Source> read_source(const ProofAttributes& attributes, const PageFacts& page, bool recent,
                                  Problems& problems) {
  const int sources = attributes.has("count") + attributes.has("src") + attributes.has("server");
  if (sources != 1) {
    problems.fail({sources == 0 ? "missing-source" : "conflicting-source", sources == 0 ? "src" : "",
                   "give exactly one of count=\"1284\", src=\"/proof.json\" or server=\"https://…\" (with item)"});
    return std::nullopt;
  }
  if (attributes.has("count")) {
    if (recent) {
      problems.fail({"missing-feed", "count", "recent activity needs events: use src=\"/proof.json\" or server"});
      return std::nullopt;
    }
    return Source{Source::Kind::kInline, ""};
  }
  if (attributes.has("src")) {
    auto source = same_site_feed_url(page.url, attributes.at("src"), "src");
    if (!source) {
      problems.fail(source.error());
      return std::nullopt;
    }
    return Source{Source::Kind::kFeed, source.value()};
  }
  const auto base = url::parse_http_url(page.url, "server");
  // The site owner's own verification server: counts of verified unlocks
  // and of shares. A path ("/verify") is on the page's own site, as for
  // <sharelock-pay mode="verified" server>.
  auto server = base ? url::parse_http_url_reference(attributes.at("server"), base.value(), "server")
                     : url::parse_http_url(attributes.at("server"), "server");
  if (!server) {
    problems.fail(server.error());
    return std::nullopt;
  }
  url::HttpUrl endpoint = server.value();
  if (endpoint.scheme != "https" && !endpoint.is_loopback() && !(base && base.value().origin() == endpoint.origin())) {
    problems.fail({"insecure-url", "server", "the verification server must use https"});
    return std::nullopt;
  }
  if (!attributes.has("item")) {
    problems.fail({"missing-item", "item", "a count from the verification server needs item=\"…\""});
    return std::nullopt;
  }
  if (endpoint.path.back() == '/') endpoint.path.pop_back();
  endpoint.path += "/v1/proof";
  endpoint.query.clear();
  endpoint.has_query = false;
  endpoint.fragment.clear();
  endpoint.has_fragment = false;
  url::set_query_parameter(endpoint, "item", attributes.at("item"));
  return Source{Source::Kind::kServer, endpoint.serialize()};
}

// An optional whole-number attribute in [low, high]; a bad one is reported
// and the default used.
std::int64_t number_attribute(const ProofAttributes& attributes, const char* name, std::int64_t fallback,
                              std::int64_t low, std::int64_t high, Problems& problems) {
  if (!attributes.has(name)) return fallback;
  const auto value = parse_whole_number(attributes.at(name), high);
  if (!value || *value < low) {
    problems.add({"invalid-number", name,
                  std::string(name) + " is a whole number from " + std::to_string(low) + " to " +
                      std::to_string(high) + "; using " + std::to_string(fallback)});
    return fallback;
  }
  return *value;
}

struct Settings {
  i18n::Lang lang;
  Activity activity;
  bool type_given;
  proof::Window window;
  proof::Notation notation;
  std::int64_t min;
  // A widget without `item` speaks of "this" page's product: only rows that
  // name no item are about it, never another product's.
  std::string item;
};

// The badge from the chosen counter (or the inline count).
void describe_count(const ProofAttributes& attributes, const Settings& settings, const proof::Feed* feed,
                    std::int64_t now, ProofView& view) {
  std::optional<std::int64_t> count;
  if (!feed) {
    count = parse_whole_number(attributes.at("count"), proof::kMaxCount);
  } else {
    const bool live = settings.activity == Activity::kViewing;
    // A live count is asked for again, whether or not this one was fresh.
    if (live) view.refresh_after = as_number(kLiveRefresh);
    for (const proof::Counter& counter : feed->counters) {
      if (counter.activity != settings.activity || counter.item != settings.item) continue;
      if (!live && counter.window != settings.window.name) continue;
      if (live) {
        // "N viewing now" only from a count taken in the last two minutes.
        if (now - *counter.at > kLiveFreshness) continue;
        view.expires_at = as_number(*counter.at + kLiveFreshness);
      } else if (settings.window.millis > 0) {
        // "In the last 24 hours" is true only for a while after the count
        // was taken (windowed counters always carry `at`); the shim takes
        // the badge down when that while is over.
        const std::int64_t stale_at = *counter.at + settings.window.millis / kWindowStalenessDivisor;
        if (now >= stale_at) continue;
        view.expires_at = as_number(stale_at);
      }
      count = counter.count;
      break;
    }
  }
  if (!count || *count < settings.min) return;
  view.show = true;
  view.count = as_number(*count);
  view.text = proof::count_sentence(*count, settings.activity, settings.window, settings.lang, settings.notation);
}

void describe_recent(const ProofAttributes& attributes, const Settings& settings, const proof::Feed& feed,
                     std::int64_t now, Problems& problems, ProofView& view) {
  std::size_t in_window = 0;
  for (const proof::Event& event : feed.events) {
    // Newest first: once one is older than the window, all the rest are.
    if (now - event.at > settings.window.millis) break;
    if (event.item != settings.item || (settings.type_given && event.activity != settings.activity)) continue;
    ++in_window;
    if (view.toasts.size() < kMaxToasts) {
      view.toasts.push_back(
          {std::string(proof::activity_name(event.activity)), event.name, event.place, as_number(event.at)});
    }
  }
  view.show = in_window > 0 && static_cast<std::int64_t>(in_window) >= settings.min;

  std::string position = attributes.has("position") ? attributes.at("position") : "bottom-left";
  if (position != "bottom-left" && position != "bottom-right" && position != "top-left" && position != "top-right") {
    problems.add({"invalid-position", "position",
                  "use position=\"bottom-left\", \"bottom-right\", \"top-left\" or \"top-right\""});
    position = "bottom-left";
  }
  const std::int64_t duration = number_attribute(attributes, "duration", 6, 2, 60, problems);
  const std::int64_t interval = number_attribute(attributes, "interval", 20, 5, 3600, problems);
  std::int64_t snooze = kDefaultSnooze;
  if (attributes.has("snooze")) {
    const auto retention = parse_retention(attributes.at("snooze"), "snooze");
    if (!retention) {
      problems.add(retention.error());
    } else {
      // "0" and "session": dismissed for this page view only.
      snooze = retention.value().kind == Retention::Kind::kFor ? retention.value().millis : 0;
    }
  }
  ProofToastSettings& toast = view.toast;
  toast.position = position;
  // Our own widgets and anything marked by the site owner stay visible.
  toast.avoid = attributes.has("avoid") ? attributes.at("avoid")
                                        : "[data-sharelock-avoid], sharelock-pay, sharelock-share";
  toast.duration = as_number(std::max(duration, std::int64_t{2}) * kSecond);
  toast.interval = as_number(std::max(interval, duration + 1) * kSecond);
  // Events age while the page stays open; each is checked again when shown.
  toast.window = as_number(settings.window.millis);
  toast.gate_key = kGateKey;
  toast.limit = as_number(number_attribute(attributes, "max-toasts", 5, 1, 50, problems));
  toast.snooze = as_number(snooze);
  const bool es = settings.lang == i18n::Lang::kEs;
  view.messages = {es ? "Actividad reciente" : "Recent activity",
                   es ? "Cerrar avisos de actividad" : "Dismiss activity notices"};
}

// The feed's size as the 1 MiB limit reads it: a size the shim could not
// give (not a number, negative) counts as too large.
std::size_t body_size(double bytes) {
  constexpr auto kTooLarge = proof::kMaxFeedBytes + 1;
  return bytes >= 0 && bytes <= static_cast<double>(kTooLarge) ? static_cast<std::size_t>(bytes) : kTooLarge;
}

void describe(const ProofRequest& request, Problems& problems, ProofView& view) {
  const ProofAttributes attributes{request.attributes};
  const std::int64_t now = whole_millis(request.now);
  check_attribute_sizes(request.attributes, kProofLimits, problems);
  if (problems.fatal) return;

  const std::string kind = attributes.has("kind") ? attributes.at("kind") : "count";
  if (kind != "count" && kind != "recent") {
    problems.fail({"invalid-kind", "kind", "use kind=\"count\" or kind=\"recent\""});
    return;
  }
  const bool recent = kind == "recent";
  const auto source = read_source(attributes, request.page, recent, problems);
  if (!source) return;

  Settings settings{read_lang(request.attributes, request.page), Activity::kPurchase, attributes.has("type"),
                    *proof::parse_window(recent ? "24h" : "all"), proof::Notation::kAuto, 1, attributes.at("item")};
  // The verification server counts verified unlocks.
  if (source->kind == Source::Kind::kServer) settings.activity = Activity::kUnlock;
  if (settings.type_given) {
    const auto activity = proof::parse_activity(attributes.at("type"));
    if (!activity || (recent && *activity == Activity::kViewing)) {
      problems.fail({"invalid-type", "type",
                     recent ? "use type=\"purchase\", \"signup\", \"share\", \"unlock\" or \"download\""
                            : "use type=\"purchase\", \"signup\", \"share\", \"unlock\", \"download\" or \"viewing\""});
      return;
    }
    settings.activity = *activity;
  }
  if (settings.activity == Activity::kViewing && source->kind == Source::Kind::kInline) {
    problems.fail({"no-live-source", "count",
                   "\"viewing now\" needs a live count from a feed; a number in the page is not live"});
    return;
  }
  if (attributes.has("window")) {
    const auto window = proof::parse_window(attributes.at("window"));
    if (!window || (recent && window->millis == 0)) {
      problems.add({"invalid-window", "window",
                    recent ? "use window=\"1h\", \"24h\", \"7d\" or \"30d\"" : "use window=\"1h\", \"24h\", \"7d\", \"30d\" or \"all\""});
    } else {
      settings.window = *window;
    }
  }
  if (attributes.has("notation")) {
    const auto notation = proof::parse_notation(attributes.at("notation"));
    if (!notation) {
      problems.add({"invalid-notation", "notation", "use notation=\"auto\", \"full\" or \"compact\""});
    } else {
      settings.notation = *notation;
    }
  }
  settings.min = number_attribute(attributes, "min", 1, 0, proof::kMaxCount, problems);
  if (attributes.has("count") && !parse_whole_number(attributes.at("count"), proof::kMaxCount)) {
    problems.fail({"invalid-count", "count", "count is a whole number from 0 to 999999999999"});
    return;
  }

  const std::string attribute = source->kind == Source::Kind::kFeed ? "src" : "server";
  if (source->kind != Source::Kind::kInline && !request.has_body) {
    const bool same_site = source->kind == Source::Kind::kFeed;
    // No cookies and no page address to another origin: the count is
    // public, and the visit is the shop's.
    view.need = {source->fetch_url, same_site ? "same-origin" : "omit",
                 same_site ? "strict-origin-when-cross-origin" : "no-referrer", attribute,
                 // A live count is asked for again even if this read fails.
                 settings.activity == Activity::kViewing ? as_number(kLiveRefresh) : 0};
    return;
  }

  std::optional<proof::Feed> feed;
  if (source->kind != Source::Kind::kInline) {
    auto parsed = proof::parse_feed(request.body, body_size(request.body_bytes), now);
    if (!parsed) {
      Error error = parsed.error();
      error.attribute = attribute;
      problems.fail(error);
      return;
    }
    feed = std::move(parsed).value();
    if (feed->skipped > 0) {
      problems.add({"invalid-feed-rows", attribute,
                    std::to_string(feed->skipped) + " row(s) of the feed were skipped; the first because " +
                        feed->first_problem});
    }
  }
  view.lang = std::string(i18n::lang_code(settings.lang));
  view.kind = kind;
  if (recent) {
    describe_recent(attributes, settings, *feed, now, problems, view);
  } else {
    describe_count(attributes, settings, feed ? &*feed : nullptr, now, view);
  }
}

}  // namespace

ProofView describe_proof(const ProofRequest& request) {
  Problems problems;
  ProofView view;
  describe(request, problems, view);
  if (problems.fatal) view = ProofView{};  // nothing half-described is shown
  view.fatal = problems.fatal;
  view.errors = std::move(problems.errors);
  return view;
}

}  // namespace sharelock

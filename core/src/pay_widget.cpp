#include "sharelock/pay_widget.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "sharelock/pay_machine.hpp"
#include "sharelock/pay_messages.hpp"
#include "sharelock/retention.hpp"
#include "sharelock/url.hpp"
#include "sharelock/widget_request.hpp"

namespace sharelock {
namespace {

constexpr AttributeLimit kPayLimits[] = {
    {"item", 200}, {"network", 20}, {"remember", 20}, {"wait", 10}, {"snooze", 20}, {"mode", 20},
};
constexpr std::int64_t kDefaultWaitSeconds = 8;
constexpr std::int64_t kMaxWaitSeconds = 600;

// Networks that can carry a post a shopper "pays" with. Facebook's Platform
// Policy forbids gating content behind a share; copy, native, Pinterest and
// Reddit give no post to wait for.
constexpr std::array<Network, 8> kPayNetworks = {
    Network::kX,        Network::kBluesky,  Network::kThreads,  Network::kMastodon,
    Network::kLinkedIn, Network::kWhatsApp, Network::kTelegram, Network::kEmail};

struct PayConfig {
  pay::Config machine;
  i18n::Lang lang = i18n::Lang::kEn;
};

std::optional<Network> read_pay_network(const Json& attributes, Problems& problems) {
  std::string name = has_string(attributes, "network") ? string_at(attributes, "network") : "x";
  for (char& c : name) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  const auto network = network_from_name(name);
  if (network == Network::kFacebook) {
    problems.fail({"network-not-allowed", "network",
                   "Facebook's Platform Policy forbids making content depend on a share "
                   "(\"pay with a post\"), so facebook cannot be used here; choose x, bluesky, "
                   "threads, mastodon, linkedin, whatsapp, telegram or email"});
    return std::nullopt;
  }
  for (Network allowed : kPayNetworks) {
    if (network == allowed) return network;
  }
  problems.fail({"network-not-allowed", "network",
                 "\"" + name.substr(0, 20) + "\" cannot unlock content; choose x, bluesky, threads, "
                 "mastodon, linkedin, whatsapp, telegram or email"});
  return std::nullopt;
}

std::int64_t read_wait_millis(const Json& attributes, Problems& problems) {
  if (!has_string(attributes, "wait")) return kDefaultWaitSeconds * 1000;
  const std::string text = string_at(attributes, "wait");
  std::int64_t seconds = 0;
  bool valid = !text.empty() && text.size() <= 3;
  for (char c : text) {
    valid = valid && c >= '0' && c <= '9';
    if (valid) seconds = seconds * 10 + (c - '0');
  }
  if (!valid || seconds > kMaxWaitSeconds) {
    problems.add({"invalid-wait", "wait",
                  "\"" + text.substr(0, 20) + "\" is not a number of seconds from 0 to 600; using 8"});
    return kDefaultWaitSeconds * 1000;
  }
  return seconds * 1000;
}

Retention read_retention(const Json& attributes, std::string_view name, Retention fallback,
                         Problems& problems) {
  if (!has_string(attributes, name)) return fallback;
  auto parsed = parse_retention(string_at(attributes, name), name);
  if (!parsed) {
    problems.add(parsed.error());
    return fallback;
  }
  return parsed.value();
}

std::optional<PayConfig> read_config(const Json& request, Problems& problems) {
  const Json& attributes = object_at(request, "attributes");
  const Json& page = object_at(request, "page");
  check_attribute_sizes(attributes, kShareAttributeLimits, problems);
  check_attribute_sizes(attributes, kPayLimits, problems);
  if (problems.fatal) return std::nullopt;

  const std::string mode = has_string(attributes, "mode") ? string_at(attributes, "mode") : "intent";
  if (mode != "intent") {
    problems.fail({"invalid-mode", "mode",
                   "\"" + mode + "\" is not an available mode; this version offers mode=\"intent\""});
    return std::nullopt;
  }
  const auto network = read_pay_network(attributes, problems);
  if (!network) return std::nullopt;
  auto content = read_share_content(share_attributes(attributes), page_facts(page), problems);
  if (!content) return std::nullopt;
  // A pay widget's post gets no analytics share reference: its click is
  // counted as an unlock, not a share, so no visit could be attributed to it.
  content->ref_seed.clear();

  PayConfig config;
  config.lang = read_lang(attributes, page);
  pay::Config& machine = config.machine;
  machine.network = *network;
  machine.href = build_share_link(*network, *content, read_mastodon_host(request)).href;
  std::string item = string_at(attributes, "item");
  if (item.empty()) {
    // The page, not a place on it: /ebook#reviews unlocks /ebook too.
    url::HttpUrl page_item = content->url;
    page_item.has_fragment = false;
    page_item.fragment.clear();
    item = page_item.serialize();
  }
  machine.item = item;
  machine.wait_millis = read_wait_millis(attributes, problems);
  machine.remember = read_retention(attributes, "remember", machine.remember, problems);
  machine.snooze = read_retention(attributes, "snooze", machine.snooze, problems);
  return config;
}

constexpr std::array<std::string_view, 3> kPhaseNames = {"locked", "waiting", "unlocked"};
constexpr std::array<std::string_view, 3> kNoticeNames = {"none", "too-fast", "cancelled"};
constexpr std::array<std::string_view, 13> kEventNames = {
    "init", "click", "popup-opened", "popup-blocked", "window-closed", "returned",
    "cancel", "dismiss", "expand", "sibling-unlocked", "offer-closed", "offer-opened", "refresh"};
constexpr std::array<std::string_view, 9> kEffectNames = {
    "open-window", "navigate", "watch-window", "store", "remove",
    "reveal", "announce", "emit-unlock", "emit-cancel"};

template <typename Enum, std::size_t N>
std::optional<Enum> enum_from(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

template <std::size_t N, typename Enum>
std::string name_of(const std::array<std::string_view, N>& names, Enum value) {
  return std::string(names[static_cast<std::size_t>(value)]);
}

std::int64_t integer_at(const Json& object, std::string_view key) {
  if (!object.is_object()) return 0;
  const auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

bool boolean_at(const Json& object, std::string_view key) {
  if (!object.is_object()) return false;
  const auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

// The state the shim hands back is echoed JSON: read it as untrusted too.
pay::State read_state(const Json& request) {
  const auto it = request.find("state");
  if (it == request.end() || !it->is_object()) return {};
  const Json& state = *it;
  pay::State result;
  result.phase = enum_from<pay::Phase>(kPhaseNames, string_at(state, "phase")).value_or(pay::Phase::kLocked);
  result.opened_at = std::max<std::int64_t>(0, integer_at(state, "openedAt"));
  result.same_tab = boolean_at(state, "sameTab");
  result.collapsed = boolean_at(state, "collapsed");
  result.closed = boolean_at(state, "closed");
  result.notice = enum_from<pay::Notice>(kNoticeNames, string_at(state, "notice")).value_or(pay::Notice::kNone);
  return result;
}

pay::Memory read_memory(const Json& request, std::int64_t now) {
  const Json& stored = object_at(request, "stored");
  pay::Memory memory;
  memory.unlocked = pay::is_live_record(string_at(stored, "unlockLocal"), now) ||
                    pay::is_live_record(string_at(stored, "unlockSession"), now);
  memory.snoozed = pay::is_live_record(string_at(stored, "snoozeLocal"), now) ||
                   pay::is_live_record(string_at(stored, "snoozeSession"), now);
  memory.pending_opened_at = pay::decode_pending(string_at(stored, "pending"));
  return memory;
}

Json state_json(const pay::State& state) {
  return {{"phase", name_of(kPhaseNames, state.phase)},
          {"openedAt", state.opened_at},
          {"sameTab", state.same_tab},
          {"collapsed", state.collapsed},
          {"closed", state.closed},
          {"notice", name_of(kNoticeNames, state.notice)}};
}

Json effect_json(const pay::Effect& effect) {
  return {{"type", name_of(kEffectNames, effect.type)},
          {"area", effect.area == pay::Area::kSession ? "session" : "local"},
          {"key", effect.key},
          {"value", effect.value},
          {"focus", effect.focus}};
}

Json view_json(const PayConfig& config, const pay::State& state) {
  using pay::PayMessage;
  const i18n::Lang lang = config.lang;
  const auto m = [lang](PayMessage id) { return std::string(pay::pay_message(lang, id)); };
  std::string notice;
  if (state.notice == pay::Notice::kTooFast) notice = m(PayMessage::kTooFast);
  if (state.notice == pay::Notice::kCancelled) notice = m(PayMessage::kCancelled);
  return {{"lang", i18n::lang_code(lang)},
          {"phase", name_of(kPhaseNames, state.phase)},
          {"collapsed", state.collapsed},
          {"closed", state.closed},
          {"item", config.machine.item},
          {"network", network_name(config.machine.network)},
          {"mode", "intent"},
          {"href", config.machine.href},
          {"title", m(PayMessage::kTitle)},
          {"buttonLabel", pay::button_label(config.machine.network, lang)},
          {"hint", pay::hint(config.machine.network, lang)},
          {"notice", notice},
          {"messages",
           {{"waiting", m(PayMessage::kWaiting)},
            {"cancel", m(PayMessage::kCancel)},
            {"notNow", m(PayMessage::kNotNow)},
            {"expand", m(PayMessage::kExpand)},
            {"unlocked", m(PayMessage::kUnlocked)},
            {"copyCode", m(PayMessage::kCopyCode)},
            {"codeCopied", m(PayMessage::kCodeCopied)},
            {"copyFailed", m(PayMessage::kCopyFailed)},
            {"closed", m(PayMessage::kClosed)},
            {"newWindow", std::string(i18n::message(lang, i18n::Message::kNewWindowHint))}}}};
}

}  // namespace

std::string describe_pay(std::string_view request_json) {
  Problems problems;
  const Json request = parse_request(request_json, problems);
  const auto config = problems.fatal ? std::nullopt : read_config(request, problems);
  Json response = {{"fatal", problems.fatal}, {"errors", problems.errors}};
  if (config) {
    const std::string& item = config->machine.item;
    response["item"] = item;
    response["lang"] = i18n::lang_code(config->lang);
    response["keys"] = {{"unlock", pay::unlock_key(item)},
                        {"snooze", pay::snooze_key(item)},
                        {"pending", pay::pending_key(item)}};
  }
  return dump_json(response);
}

std::string step_pay(std::string_view request_json) {
  Problems problems;
  const Json request = parse_request(request_json, problems);
  const auto config = problems.fatal ? std::nullopt : read_config(request, problems);
  if (!config) return dump_json({{"fatal", true}, {"errors", problems.errors}});

  const auto event = enum_from<pay::Event>(kEventNames, string_at(request, "event"));
  if (!event) {
    problems.fail({"invalid-request", "", "unknown event \"" + string_at(request, "event").substr(0, 30) + "\""});
    return dump_json({{"fatal", true}, {"errors", problems.errors}});
  }
  // Instants before 1970 are not real here; clamping keeps `now - opened_at`
  // far from overflow whatever a page or storage hands in.
  const std::int64_t now = std::max<std::int64_t>(0, integer_at(request, "now"));
  const pay::Step step = pay::step(config->machine, read_state(request), *event, now,
                                   read_memory(request, now));
  Json effects = Json::array();
  for (const pay::Effect& effect : step.effects) effects.push_back(effect_json(effect));
  return dump_json({{"fatal", false},
                    {"errors", problems.errors},
                    {"state", state_json(step.state)},
                    {"effects", effects},
                    {"view", view_json(*config, step.state)}});
}

}  // namespace sharelock

#include "sharelock/pay_widget.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "sharelock/pay_machine.hpp"
#include "sharelock/pay_messages.hpp"
#include "sharelock/retention.hpp"
#include "sharelock/url.hpp"
#include "sharelock/widget_input.hpp"

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

std::optional<Network> read_pay_network(const Attributes& attributes, Problems& problems) {
  const AttributeValue attribute = attribute_at(attributes, "network");
  std::string name = attribute.present ? attribute.value : "x";
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

std::int64_t read_wait_millis(const Attributes& attributes, Problems& problems) {
  const AttributeValue wait = attribute_at(attributes, "wait");
  if (!wait.present) return kDefaultWaitSeconds * 1000;
  const std::string& text = wait.value;
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

Retention read_retention(const Attributes& attributes, std::string_view name, Retention fallback,
                         Problems& problems) {
  const AttributeValue attribute = attribute_at(attributes, name);
  if (!attribute.present) return fallback;
  auto parsed = parse_retention(attribute.value, name);
  if (!parsed) {
    problems.add(parsed.error());
    return fallback;
  }
  return parsed.value();
}

std::optional<PayConfig> read_config(const PayWidgetInput& input, Problems& problems, TextFitter& fitter) {
  const Attributes& attributes = input.attributes;
  const PageFacts& page = input.page;
  check_attribute_sizes(attributes, kShareAttributeLimits, problems);
  check_attribute_sizes(attributes, kPayLimits, problems);
  if (problems.fatal) return std::nullopt;

  const AttributeValue mode_attribute = attribute_at(attributes, "mode");
  const std::string mode = mode_attribute.present ? mode_attribute.value : "intent";
  if (mode != "intent") {
    problems.fail({"invalid-mode", "mode",
                   "\"" + mode + "\" is not an available mode; this version offers mode=\"intent\""});
    return std::nullopt;
  }
  const auto network = read_pay_network(attributes, problems);
  if (!network) return std::nullopt;
  auto content = read_share_content(share_attributes(attributes), page, problems, fitter);
  if (!content) return std::nullopt;
  // A pay widget's post gets no analytics share reference: its click is
  // counted as an unlock, not a share, so no visit could be attributed to it.
  content->ref_seed.clear();

  PayConfig config;
  config.lang = read_lang(attributes, page);
  pay::Config& machine = config.machine;
  machine.network = *network;
  const ShareLink link = build_share_link(*network, *content, checked_mastodon_host(input.mastodon_host), fitter);
  report_share_fit(link, *network, *content, problems);
  machine.href = link.href;
  std::string item = attribute_at(attributes, "item").value;
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

// The state the shim hands back is echoed from the page: read it as
// untrusted too.
pay::State read_state(const PayState& state) {
  pay::State result;
  result.phase = enum_from<pay::Phase>(kPhaseNames, state.phase).value_or(pay::Phase::kLocked);
  result.opened_at = std::max<std::int64_t>(0, whole_millis(state.opened_at));
  result.same_tab = state.same_tab;
  result.collapsed = state.collapsed;
  result.closed = state.closed;
  result.notice = enum_from<pay::Notice>(kNoticeNames, state.notice).value_or(pay::Notice::kNone);
  return result;
}

pay::Memory read_memory(const PayStoredRecords& stored, std::int64_t now) {
  pay::Memory memory;
  memory.unlocked = pay::is_live_record(stored.unlock_local, now) || pay::is_live_record(stored.unlock_session, now);
  memory.snoozed = pay::is_live_record(stored.snooze_local, now) || pay::is_live_record(stored.snooze_session, now);
  memory.pending_opened_at = pay::decode_pending(stored.pending);
  return memory;
}

PayState state_value(const pay::State& state) {
  return {name_of(kPhaseNames, state.phase), static_cast<double>(state.opened_at), state.same_tab,
          state.collapsed, state.closed, name_of(kNoticeNames, state.notice)};
}

PayEffect effect_value(const pay::Effect& effect) {
  return {name_of(kEffectNames, effect.type), effect.area == pay::Area::kSession ? "session" : "local",
          effect.key, effect.url, effect.record, effect.focus};
}

PayView view_value(const PayConfig& config, const pay::State& state) {
  using pay::PayMessage;
  const i18n::Lang lang = config.lang;
  const auto m = [lang](PayMessage id) { return std::string(pay::pay_message(lang, id)); };
  PayView view;
  view.lang = i18n::lang_code(lang);
  view.phase = name_of(kPhaseNames, state.phase);
  view.collapsed = state.collapsed;
  view.closed = state.closed;
  view.item = config.machine.item;
  view.network = network_name(config.machine.network);
  view.mode = "intent";
  view.href = config.machine.href;
  view.title = m(PayMessage::kTitle);
  view.button_label = pay::button_label(config.machine.network, lang);
  view.hint = pay::hint(config.machine.network, lang);
  if (state.notice == pay::Notice::kTooFast) view.notice = m(PayMessage::kTooFast);
  if (state.notice == pay::Notice::kCancelled) view.notice = m(PayMessage::kCancelled);
  view.messages = {m(PayMessage::kWaiting),    m(PayMessage::kCancel),     m(PayMessage::kNotNow),
                   m(PayMessage::kExpand),     m(PayMessage::kUnlocked),   m(PayMessage::kCopyCode),
                   m(PayMessage::kCodeCopied), m(PayMessage::kCopyFailed), m(PayMessage::kClosed),
                   std::string(i18n::message(lang, i18n::Message::kNewWindowHint))};
  return view;
}

}  // namespace

PayDescription describe_pay(const PayWidgetInput& input) {
  TextFitter exact = TextFitter::exact();
  return describe_pay(input, exact);
}

PayDescription describe_pay(const PayWidgetInput& input, TextFitter& fitter) {
  Problems problems;
  const auto config = read_config(input, problems, fitter);
  if (fitter.undecided()) {
    PayDescription undecided;
    undecided.text_undecided = true;
    return undecided;
  }
  PayDescription description{problems.fatal, problems.errors, {}, {}, {}};
  if (config) {
    const std::string& item = config->machine.item;
    description.item = item;
    description.lang = i18n::lang_code(config->lang);
    description.keys = {pay::unlock_key(item), pay::snooze_key(item), pay::pending_key(item)};
  }
  return description;
}

PayStep step_pay(const PayStepRequest& request) {
  TextFitter exact = TextFitter::exact();
  return step_pay(request, exact);
}

PayStep step_pay(const PayStepRequest& request, TextFitter& fitter) {
  Problems problems;
  const auto config = read_config(request.widget, problems, fitter);
  PayStep answer;
  if (fitter.undecided()) {
    answer.text_undecided = true;
    return answer;
  }
  if (!config) {
    answer.fatal = true;
    answer.errors = problems.errors;
    return answer;
  }
  const auto event = enum_from<pay::Event>(kEventNames, request.event);
  if (!event) {
    problems.fail({"invalid-request", "", "unknown event \"" + request.event.substr(0, 30) + "\""});
    answer.fatal = true;
    answer.errors = problems.errors;
    return answer;
  }
  // Instants before 1970 are not real here; clamping keeps `now - opened_at`
  // far from overflow whatever a page or storage hands in.
  const std::int64_t now = std::max<std::int64_t>(0, whole_millis(request.now));
  const pay::Step step = pay::step(config->machine, read_state(request.state), *event, now,
                                   read_memory(request.stored, now));
  answer.errors = problems.errors;
  answer.state = state_value(step.state);
  for (const pay::Effect& effect : step.effects) answer.effects.push_back(effect_value(effect));
  answer.view = view_value(*config, step.state);
  return answer;
}

}  // namespace sharelock

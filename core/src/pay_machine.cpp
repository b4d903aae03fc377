#include "sharelock/pay_machine.hpp"

namespace sharelock::pay {
namespace {

using Type = Effect::Type;

Effect effect(Type type) { return Effect{type, Area::kLocal, {}, {}, {}, false}; }

// A same-tab share, or a mail, is recorded in sessionStorage while it runs.
bool has_pending_record(const Config& config, const State& state) {
  return state.same_tab || config.network == Network::kEmail;
}

// Where a retention keeps its record, or nothing for "0".
std::optional<Effect> store_for(const Retention& retention, const std::string& key,
                                std::int64_t now) {
  switch (retention.kind) {
    case Retention::Kind::kNone:
      return std::nullopt;
    case Retention::Kind::kSession:
      return Effect{Type::kStore, Area::kSession, key, {}, encode_until(std::nullopt), false};
    case Retention::Kind::kFor:
      return Effect{Type::kStore, Area::kLocal, key, {}, encode_until(now + retention.millis), false};
  }
  return std::nullopt;
}

Step unlock(const Config& config, const State& state, std::int64_t now) {
  Step result{State{Phase::kUnlocked, state.opened_at, false, false, Notice::kNone}, {}};
  if (auto store = store_for(config.remember, unlock_key(config.item), now)) {
    result.effects.push_back(*store);
  }
  if (has_pending_record(config, state)) {
    result.effects.push_back({Type::kRemove, Area::kSession, pending_key(config.item), {}, {}, false});
  }
  Effect reveal = effect(Type::kReveal);
  reveal.focus = true;
  result.effects.push_back(reveal);
  result.effects.push_back(effect(Type::kAnnounce));
  result.effects.push_back(effect(Type::kEmitUnlock));
  return result;
}

Step relock(const Config& config, const State& state, Notice notice) {
  Step result{State{Phase::kLocked, 0, false, false, notice}, {}};
  if (has_pending_record(config, state)) {
    result.effects.push_back({Type::kRemove, Area::kSession, pending_key(config.item), {}, {}, false});
  }
  result.effects.push_back(effect(Type::kEmitCancel));
  return result;
}

bool waited_long_enough(const Config& config, const State& state, std::int64_t now) {
  // A clock that went backwards gives a negative time: not long enough.
  return now - state.opened_at >= config.wait_millis;
}

Step on_init(const Config& config, std::int64_t now, const Memory& memory) {
  if (memory.unlocked) {
    Step result{State{Phase::kUnlocked, 0, false, false, Notice::kNone}, {}};
    result.effects.push_back(effect(Type::kReveal));
    return result;
  }
  if (memory.pending_opened_at) {
    // Back from a same-tab share: the page was reloaded or restored.
    const State waiting{Phase::kWaiting, *memory.pending_opened_at, true, false, Notice::kNone};
    return waited_long_enough(config, waiting, now) ? unlock(config, waiting, now)
                                                    : relock(config, waiting, Notice::kTooFast);
  }
  return Step{State{Phase::kLocked, 0, false, memory.snoozed, Notice::kNone}, {}};
}

}  // namespace

std::string unlock_key(const std::string& item) { return "sharelock:unlock:" + item; }
std::string snooze_key(const std::string& item) { return "sharelock:snooze:" + item; }
std::string pending_key(const std::string& item) { return "sharelock:pending:" + item; }

JsonDocument encode_until(std::optional<std::int64_t> until) {
  JsonObjectWriter record;
  record.add_number("v", 1);
  if (until) {
    record.add_number("until", *until);
  } else {
    record.add_null("until");
  }
  return record.done();
}

JsonDocument encode_pending(std::int64_t opened_at) {
  return JsonObjectWriter().add_number("v", 1).add_number("openedAt", opened_at).done();
}

bool is_live_record(const JsonDocument& record, std::int64_t now) {
  const JsonView root(record);
  const JsonView until = root["until"];
  if (root["v"].whole_number() != 1 || !until.exists()) return false;
  if (until.is_null()) return true;
  const auto expires = until.millis();
  return expires && *expires > now;
}

std::optional<std::int64_t> decode_pending(const JsonDocument& record) {
  const JsonView root(record);
  const auto opened_at = root["openedAt"].millis();
  if (root["v"].whole_number() != 1 || !opened_at || *opened_at < 0) return std::nullopt;
  return opened_at;
}

Step step(const Config& config, const State& state, Event event, std::int64_t now,
          const Memory& memory) {
  if (event == Event::kInit) return on_init(config, now, memory);
  if (event == Event::kRefresh) return Step{state, {}};
  if (state.phase == Phase::kUnlocked) return Step{state, {}};  // nothing takes an unlock away
  if (state.closed) return Step{state, {}};
  if (event == Event::kOfferClosed) {
    Step result{State{Phase::kLocked, 0, false, false, Notice::kNone, true}, {}};
    if (has_pending_record(config, state)) {
      result.effects.push_back({Type::kRemove, Area::kSession, pending_key(config.item), {}, {}, false});
    }
    return result;
  }
  if (event == Event::kSiblingUnlocked || event == Event::kOfferOpened) {
    Step result{State{Phase::kUnlocked, 0, false, false, Notice::kNone}, {}};
    result.effects.push_back(effect(Type::kReveal));
    return result;
  }

  State next = state;
  switch (event) {
    case Event::kClick: {
      if (config.network == Network::kEmail) {
        // mailto: hands over to the mail program; there is no window to
        // watch, only the shopper's return. A web mail handler may take the
        // tab away, so the attempt is kept like a same-tab share.
        Effect remember{Type::kStore, Area::kSession, pending_key(config.item), {}, encode_pending(now), false};
        Effect mail = effect(Type::kNavigate);
        mail.url = config.href;
        return Step{State{Phase::kWaiting, now, false, false, Notice::kNone}, {remember, mail}};
      }
      // A second click while waiting starts over: the shopper may have
      // closed the share window without us noticing.
      Effect open = effect(Type::kOpenWindow);
      open.url = config.href;
      return Step{next, {open}};
    }
    case Event::kPopupOpened:
      next = State{Phase::kWaiting, now, false, false, Notice::kNone};
      return Step{next, {effect(Type::kWatchWindow)}};
    case Event::kPopupBlocked: {
      next = State{Phase::kWaiting, now, true, false, Notice::kNone};
      Effect remember{Type::kStore, Area::kSession, pending_key(config.item), {}, encode_pending(now), false};
      Effect navigate = effect(Type::kNavigate);
      navigate.url = config.href;
      return Step{next, {remember, navigate}};
    }
    case Event::kWindowClosed:
      if (state.phase != Phase::kWaiting) return Step{state, {}};
      return waited_long_enough(config, state, now) ? unlock(config, state, now)
                                                    : relock(config, state, Notice::kTooFast);
    case Event::kReturned:
      if (state.phase != Phase::kWaiting) return Step{state, {}};
      if (waited_long_enough(config, state, now)) return unlock(config, state, now);
      // Back too soon with the share window still open: keep waiting; the
      // window's closing decides.
      return state.same_tab ? relock(config, state, Notice::kTooFast) : Step{state, {}};
    case Event::kCancel:
      if (state.phase != Phase::kWaiting) return Step{state, {}};
      return relock(config, state, Notice::kCancelled);
    case Event::kDismiss: {
      next.collapsed = true;
      next.notice = Notice::kNone;
      Step result{next, {}};
      if (auto store = store_for(config.snooze, snooze_key(config.item), now)) {
        result.effects.push_back(*store);
      }
      return result;
    }
    case Event::kExpand:
      next.collapsed = false;
      return Step{next, {}};
    case Event::kInit:
    case Event::kSiblingUnlocked:
    case Event::kOfferClosed:
    case Event::kOfferOpened:
    case Event::kRefresh:
      break;
  }
  return Step{state, {}};
}

}  // namespace sharelock::pay

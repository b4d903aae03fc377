// <sharelock-pay> in intent mode: the unlock state machine. The shim reports
// what happened (a click, a popup opened or blocked, the share window
// closed, the page seen again) with the time; the machine decides the next
// state and the side effects for the shim to carry out. It never reads a
// clock: `now` is milliseconds since the Unix epoch, passed in.
//
//   locked ──click──▶ (open window) ──opened──▶ waiting ──back after ≥ wait──▶ unlocked
//                                  ──blocked─▶ waiting (same tab, remembered in sessionStorage)
//   waiting ──closed too soon / cancel──▶ locked (with a notice)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sharelock/json_document.hpp"
#include "sharelock/retention.hpp"
#include "sharelock/share_links.hpp"

namespace sharelock::pay {

enum class Phase { kLocked, kWaiting, kUnlocked };

// Why the widget went back to locked, for the message it shows.
enum class Notice { kNone, kTooFast, kCancelled };

struct State {
  Phase phase = Phase::kLocked;
  std::int64_t opened_at = 0;  // when the share window opened
  bool same_tab = false;       // the popup was blocked; the intent opened in this tab
  bool collapsed = false;      // "Not now" was pressed and the snooze still runs
  Notice notice = Notice::kNone;
  bool closed = false;         // a linked countdown ended the offer

  friend bool operator==(const State&, const State&) = default;
};

enum class Event {
  kInit,             // the element is on the page; `Memory` says what is stored
  kClick,            // the shopper pressed the share button
  kPopupOpened,      // the shim opened the share window
  kPopupBlocked,     // … or a blocker stopped it
  kWindowClosed,     // the share window was closed
  kReturned,         // the page is visible or focused again
  kCancel,           // "Cancel" while waiting
  kDismiss,          // "Not now"
  kExpand,           // the collapsed prompt was opened again
  kSiblingUnlocked,  // another widget (or tab) unlocked the same item
  kOfferClosed,      // a linked countdown reached zero: no more unlocking
  kOfferOpened,      // a linked countdown reached zero: the content is free
  kRefresh,          // the configuration changed: same state, new view
};

struct Config {
  std::string item;
  Network network = Network::kX;
  std::string href;  // the share intent
  std::int64_t wait_millis = 8000;
  Retention remember{Retention::Kind::kFor, 30LL * 24 * 60 * 60 * 1000};
  Retention snooze{Retention::Kind::kFor, 7LL * 24 * 60 * 60 * 1000};
};

// What device storage says, already decoded and checked against `now`.
struct Memory {
  bool unlocked = false;
  bool snoozed = false;
  std::optional<std::int64_t> pending_opened_at;  // a same-tab share in progress
};

enum class Area { kLocal, kSession };

struct Effect {
  enum class Type {
    kOpenWindow,   // open `url` (the intent) in a share window, now, in the click
    kNavigate,     // go to `url` in this tab
    kWatchWindow,  // report kWindowClosed when the share window closes
    kStore,        // write `record` under `key` in `area`
    kRemove,       // delete `key` from `area`
    kReveal,       // clone the locked content into the page; `focus`: move focus there
    kAnnounce,     // say the unlock to screen readers
    kEmitUnlock,   // fire sharelock:unlock
    kEmitCancel,   // fire sharelock:cancel
  };
  Type type;
  Area area = Area::kLocal;
  std::string key;
  std::string url;
  JsonDocument record;
  bool focus = false;

  friend bool operator==(const Effect&, const Effect&) = default;
};

struct Step {
  State state;
  std::vector<Effect> effects;
};

// Storage keys for an item (the item id is part of the key).
std::string unlock_key(const std::string& item);
std::string snooze_key(const std::string& item);
std::string pending_key(const std::string& item);

// Records as stored: {"v":1,"until":<ms>} (until null: no expiry), and
// {"v":1,"openedAt":<ms>} for a same-tab share in progress. The shim writes
// and parses their JSON text (json_document.hpp).
JsonDocument encode_until(std::optional<std::int64_t> until);
JsonDocument encode_pending(std::int64_t opened_at);
// A record that is malformed, from another version or expired reads as absent.
bool is_live_record(const JsonDocument& record, std::int64_t now);
std::optional<std::int64_t> decode_pending(const JsonDocument& record);

Step step(const Config& config, const State& state, Event event, std::int64_t now,
          const Memory& memory = {});

}  // namespace sharelock::pay

#include "sharelock/analytics.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "sharelock/base64url.hpp"
#include "sharelock/civil_time.hpp"
#include "sharelock/sha256.hpp"
#include "sharelock/share_links.hpp"
#include "sharelock/unicode.hpp"
#include "sharelock/widget_request.hpp"

namespace sharelock::analytics {
namespace {

constexpr std::array<std::pair<EventType, std::string_view>, 8> kEventNames = {{
    {EventType::kImpression, "impression"},
    {EventType::kShare, "share"},
    {EventType::kUnlock, "unlock"},
    {EventType::kCountdownEnded, "countdown-ended"},
    {EventType::kProofShown, "proof-shown"},
    {EventType::kError, "error"},
    {EventType::kVisit, "visit"},
    {EventType::kConversion, "conversion"},
}};

std::optional<EventType> event_type_from(std::string_view name) {
  for (const auto& [type, known] : kEventNames) {
    if (known == name) return type;
  }
  return std::nullopt;
}

bool is_base64url_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool is_base64url(std::string_view text) { return std::all_of(text.begin(), text.end(), is_base64url_char); }

// Error codes: short lowercase names, as the widgets emit them.
bool is_name(std::string_view text) {
  return !text.empty() && text.size() <= kMaxNameLength &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool is_network(std::string_view name) { return network_from_name(name).has_value(); }

bool is_item(std::string_view item) {
  if (item.empty() || item.size() > kMaxItemBytes || !unicode::is_valid_utf8(item)) return false;
  // Control characters would corrupt a CSV or a log line; no real item has one.
  return std::none_of(item.begin(), item.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

bool is_ref(std::string_view ref) { return ref.size() == kRefLength && is_base64url(ref); }

// A conversion value: a finite number of at most 1e9 units, kept in
// thousandths so that sums are exact integers.
std::optional<std::int64_t> value_milli_at(const Json& event) {
  const auto it = event.find("value");
  if (it == event.end()) return 0;
  if (!it->is_number()) return std::nullopt;
  const double value = it->get<double>();
  if (!std::isfinite(value) || value < 0 || value > static_cast<double>(kMaxValueMilli) / 1000.0) return std::nullopt;
  return static_cast<std::int64_t>(std::llround(value * 1000.0));
}

// One event, or the reason it is dropped.
Result<Event> read_event(const Json& raw) {
  auto refuse = [](std::string message) { return Error{"invalid-event", "events", std::move(message)}; };
  if (!raw.is_object()) return refuse("an event is not an object");
  const auto type = event_type_from(string_at(raw, "type"));
  if (!type) return refuse("unknown event type");
  Event event;
  event.type = *type;
  event.item = string_at(raw, "item");
  event.ref = string_at(raw, "ref");
  if (*type != EventType::kVisit && !is_item(event.item)) return refuse("item must be 1–200 bytes of UTF-8 without control characters");
  if (!event.ref.empty() && !is_ref(event.ref)) return refuse("ref must be 11 base64url characters");

  switch (*type) {
    case EventType::kShare:
      event.network = string_at(raw, "network");
      // Only the networks a share bar has: made-up names would each be
      // counter rows of their own (issue 20).
      if (!is_network(event.network)) return refuse("a share needs its network (a share bar's network name)");
      break;
    case EventType::kUnlock: {
      event.network = string_at(raw, "network");
      if (!event.network.empty() && !is_network(event.network)) return refuse("network must be a share bar's network name");
      event.detail = string_at(raw, "mode");
      if (event.detail != "intent" && event.detail != "verified") return refuse("an unlock's mode is intent or verified");
      break;
    }
    case EventType::kError:
      event.detail = string_at(raw, "code");
      if (!is_name(event.detail)) return refuse("an error needs its code");
      break;
    case EventType::kVisit:
      event.item.clear();
      if (event.ref.empty()) return refuse("a visit needs the ref it arrived with");
      break;
    case EventType::kConversion: {
      const auto value = value_milli_at(raw);
      if (!value) return refuse("value must be a number from 0 to 1e9");
      event.value_milli = *value;
      break;
    }
    case EventType::kImpression:
    case EventType::kCountdownEnded:
    case EventType::kProofShown:
      break;
  }
  // Only shares introduce a reference and only visits and conversions
  // carry one; elsewhere it is ignored rather than trusted.
  if (*type != EventType::kShare && *type != EventType::kVisit && *type != EventType::kConversion) event.ref.clear();
  return event;
}

}  // namespace

std::string_view event_name(EventType type) {
  for (const auto& [known, name] : kEventNames) {
    if (known == type) return name;
  }
  return {};
}

bool is_random_id(std::string_view text) {
  return text.size() >= 16 && text.size() <= kMaxRandomIdLength && is_base64url(text);
}

Result<Batch> read_batch(std::string_view body) {
  if (body.size() > kMaxBatchBytes) return Error{"batch-too-large", "", "a batch is at most 16 KiB"};
  const Json json = Json::parse(body, nullptr, false);
  if (!json.is_object()) return Error{"invalid-batch", "", "a batch is a JSON object"};
  const auto version = json.find("v");
  if (version == json.end() || !version->is_number_integer() || version->get<std::int64_t>() != 1) {
    return Error{"unsupported-batch-version", "v", "only version 1 batches are read"};
  }
  Batch batch;
  batch.id = string_at(json, "id");
  if (!is_random_id(batch.id)) {
    return Error{"invalid-batch", "id", "id must be 16–64 base64url characters"};
  }
  const auto events = json.find("events");
  if (events == json.end() || !events->is_array()) return Error{"invalid-batch", "events", "events must be a list"};
  if (events->size() > kMaxEventsPerBatch) {
    return Error{"batch-too-large", "events", "a batch holds at most " + std::to_string(kMaxEventsPerBatch) + " events"};
  }
  for (const Json& raw : *events) {
    auto event = read_event(raw);
    if (event) {
      batch.events.push_back(std::move(event).value());
    } else {
      if (batch.dropped++ == 0) batch.first_problem = event.error().message;
    }
  }
  return batch;
}

std::string share_ref(std::string_view seed, std::string_view network, std::string_view shared_url) {
  // Length-prefixed parts: ("ab", "c") and ("a", "bc") must not collide.
  std::string message;
  for (std::string_view part : {network, shared_url}) {
    message += std::to_string(part.size()) + ":";
    message += part;
  }
  return base64url::encode(crypto::to_bytes(crypto::hmac_sha256(seed, message)).substr(0, 8));
}

std::vector<std::string> referenced_refs(const Batch& batch) {
  std::vector<std::string> refs;
  for (const Event& event : batch.events) {
    if ((event.type == EventType::kVisit || event.type == EventType::kConversion) && !event.ref.empty()) refs.push_back(event.ref);
  }
  std::sort(refs.begin(), refs.end());
  refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
  return refs;
}

namespace {

// How many events of one key a page view may count (see aggregate()).
std::int64_t per_page_view_limit(EventType type) {
  switch (type) {
    case EventType::kImpression: return kMaxImpressionsPerItem;
    case EventType::kError:
    case EventType::kConversion: return kMaxRepeatsPerKey;
    case EventType::kShare:
    case EventType::kUnlock:
    case EventType::kVisit:
    case EventType::kCountdownEnded:
    case EventType::kProofShown: return 1;
  }
  return 1;
}

}  // namespace

Aggregate aggregate(const Batch& batch, std::int64_t now, const std::map<std::string, RefTarget>& known_refs) {
  Aggregate result;
  for (const Event& event : batch.events) {
    if (event.type == EventType::kShare && !event.ref.empty() && !known_refs.contains(event.ref)) {
      result.refs.emplace(event.ref, RefTarget{event.item, event.network});
    }
  }
  auto target_of = [&](const std::string& ref) -> const RefTarget* {
    if (const auto known = known_refs.find(ref); known != known_refs.end()) return &known->second;
    if (const auto introduced = result.refs.find(ref); introduced != result.refs.end()) return &introduced->second;
    return nullptr;
  };

  std::map<CounterKey, Increment> sums;
  const std::int64_t day = day_of(now);
  bool visited = false;  // a page view arrives once
  std::set<std::string> items;
  for (const Event& event : batch.events) {
    CounterKey key{day, event.item, event.network, std::string(event_name(event.type)), event.detail};
    if (event.type == EventType::kVisit) {
      const RefTarget* target = target_of(event.ref);
      if (!target) {
        ++result.unattributed;
        continue;
      }
      if (visited) {
        ++result.repeats;
        continue;
      }
      visited = true;
      key.item = target->item;
      key.network = target->network;
    } else if (event.type == EventType::kConversion) {
      const RefTarget* target = event.ref.empty() ? nullptr : target_of(event.ref);
      // Attributed only when the visit came from a share of this very item.
      key.network = target && target->item == event.item ? target->network : "";
    }
    if (!items.contains(key.item)) {
      if (items.size() >= kMaxItemsPerBatch) {
        ++result.repeats;
        continue;
      }
      items.insert(key.item);
    }
    // No more counter rows than a store takes from one batch: a page that
    // sends more is not one shopper's page view.
    const CounterKey sharer_key{day, event.item, "", "sharer", ""};
    const std::size_t new_rows = (sums.contains(key) ? 0 : 1) +
                                 (event.type == EventType::kShare && !sums.contains(sharer_key) ? 1 : 0);
    if (sums.size() + new_rows > kMaxRowsPerBatch) {
      ++result.repeats;
      continue;
    }
    Increment& sum = sums[key];
    if (sum.count >= per_page_view_limit(event.type)) {
      ++result.repeats;
      continue;
    }
    sum.key = key;
    sum.count += 1;
    sum.value_milli += event.value_milli;  // at most 10 × 1e12: no overflow
    if (event.type == EventType::kShare) {
      Increment& sharer = sums[sharer_key];
      sharer.key = sharer_key;
      sharer.count = 1;
    }
  }
  for (auto& [key, sum] : sums) result.increments.push_back(std::move(sum));
  return result;
}

std::int64_t day_of(std::int64_t millis) { return civil::floor_div(millis, civil::kDay); }

}  // namespace sharelock::analytics

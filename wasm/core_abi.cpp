// The main browser module (sharelock-core.wasm): pay in intent mode,
// countdown and proof, and the share bar's calls for pages that load it
// for one of those anyway. A standalone module with Sharelock's C ABI
// (abi/calls.hpp), like the share bar's and verified pay's: no Embind
// runtime, registrations or JS glue. No logic lives here, and since the
// core never throws, no exception can cross into JavaScript.
//
// Built with SHARELOCK_BOUNDED_TEXT: the share bar's and pay's texts are
// counted by bounds (abi/common_fields.hpp), so the Unicode and
// top-level-domain tables are not in it; a text it cannot settle is
// counted by sharelock-share-exact.wasm or sharelock-pay-exact.wasm.
#include <string>

#include "countdown_fields.hpp"
#include "pay_fields.hpp"
#include "proof_fields.hpp"
#include "share_fields.hpp"
#include "sharelock/unicode.hpp"

namespace sharelock::abi {

// The calls whose arguments are not one record take one made for them.

struct CountdownViewQuery {
  double ends_at = 0;
  double opens_at = 0;  // NaN: no opening time
  double now = 0;
  std::string lang;
  std::string format;
};

template <>
struct Fields<CountdownViewQuery> {
  using T = CountdownViewQuery;
  static constexpr const char* name = "CountdownViewQuery";
  static constexpr auto list = tuple{field("endsAt", &T::ends_at), field("opensAt", &T::opens_at), field("now", &T::now),
                                     field("lang", &T::lang), field("format", &T::format)};
};

inline CountdownView countdown_view_query(const CountdownViewQuery& query) {
  return countdown_view(query.ends_at, query.opens_at, query.now, query.lang, query.format);
}

struct StockFeedQuery {
  JsonDocument body;
  std::string lang;
};

template <>
struct Fields<StockFeedQuery> {
  static constexpr const char* name = "StockFeedQuery";
  static constexpr auto list = tuple{field("body", &StockFeedQuery::body), field("lang", &StockFeedQuery::lang)};
};

inline StockFeedResult stock_feed_query(const StockFeedQuery& query) { return stock_from_feed(query.body, query.lang); }

// The skew as a JS number (well within 2^53 ms).
struct ClockSkew {
  double millis = 0;
};

template <>
struct Fields<ClockSkew> {
  static constexpr const char* name = "ClockSkew";
  static constexpr auto list = tuple{field("millis", &ClockSkew::millis)};
};

inline ClockSkew clock_skew_query(const ClockSample& sample) { return {static_cast<double>(clock_skew(sample))}; }

struct NoArgument {};

template <>
struct Fields<NoArgument> {
  static constexpr const char* name = "NoArgument";
  static constexpr auto list = tuple{};
};

struct UnicodeVersion {
  std::string version;
};

template <>
struct Fields<UnicodeVersion> {
  static constexpr const char* name = "UnicodeVersion";
  static constexpr auto list = tuple{field("version", &UnicodeVersion::version)};
};

inline UnicodeVersion unicode_version_query(const NoArgument&) { return {std::string(unicode::kUnicodeVersion)}; }

}  // namespace sharelock::abi

#define SHARELOCK_CORE_CALL(Request, Answer, function, name) \
  (sharelock::abi::call<sharelock::Request, sharelock::Answer, &sharelock::function>(name))

SHARELOCK_ABI_CALLS(
    SHARELOCK_SHARE_BAR_CALLS,
    SHARELOCK_PAY_CALLS,
    SHARELOCK_CORE_CALL(CountdownRequest, CountdownPlan, plan_countdown, "planCountdown"),
    SHARELOCK_CORE_CALL(abi::CountdownViewQuery, CountdownView, abi::countdown_view_query, "countdownView"),
    SHARELOCK_CORE_CALL(abi::StockFeedQuery, StockFeedResult, abi::stock_feed_query, "stockFromFeed"),
    SHARELOCK_CORE_CALL(ClockSample, abi::ClockSkew, abi::clock_skew_query, "clockSkew"),
    SHARELOCK_CORE_CALL(ProofRequest, ProofView, describe_proof, "describeProof"),
    SHARELOCK_CORE_CALL(ProofToastTextRequest, ProofToastText, proof_toast_text, "proofToastText"),
    SHARELOCK_CORE_CALL(ProofToastGateRequest, ProofToastGate, proof_toast_gate, "proofToastGate"),
    SHARELOCK_CORE_CALL(abi::NoArgument, abi::UnicodeVersion, abi::unicode_version_query, "unicodeVersion"))

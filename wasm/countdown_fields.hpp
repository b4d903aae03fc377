// <sharelock-countdown>'s records over Sharelock's C ABI (abi/records.hpp), for
// the main module's calls (core_abi.cpp). Field names are the JS names:
// types/core.d.ts declares the same shapes, and
// tests/js/core-types.test.mjs holds the two together.
#pragma once

#include "abi/common_fields.hpp"
#include "sharelock/countdown_widget.hpp"

namespace sharelock::abi {

template <>
struct Fields<CountdownPart> {
  using T = CountdownPart;
  static constexpr const char* name = "CountdownPart";
  static constexpr auto list = tuple{
      field("unit", &T::unit),
      field("value", &T::value),
      field("label", &T::label)};
};

template <>
struct Fields<CountdownView> {
  using T = CountdownView;
  static constexpr const char* name = "CountdownView";
  static constexpr auto list = tuple{
      field("phase", &T::phase),
      field("text", &T::text),
      field("spoken", &T::spoken),
      field("parts", &T::parts)};
};

template <>
struct Fields<CountdownZoneOffset> {
  using T = CountdownZoneOffset;
  static constexpr const char* name = "CountdownZoneOffset";
  static constexpr auto list = tuple{
      field("at", &T::at),
      field("name", &T::name)};
};

template <>
struct Fields<CountdownStoredValue> {
  using T = CountdownStoredValue;
  static constexpr const char* name = "CountdownStoredValue";
  static constexpr auto list = tuple{
      field("key", &T::key),
      field("value", &T::value)};
};

template <>
struct Fields<CountdownRequest> {
  using T = CountdownRequest;
  static constexpr const char* name = "CountdownRequest";
  static constexpr auto list = tuple{
      field("page", &T::page),
      field("now", &T::now),
      field("zoneKnown", &T::zone_known),
      field("attributes", &T::attributes),
      field("offsets", &T::offsets),
      field("stored", &T::stored)};
};

template <>
struct Fields<CountdownNeed> {
  using T = CountdownNeed;
  static constexpr const char* name = "CountdownNeed";
  static constexpr auto list = tuple{
      field("offsets", &T::offsets),
      field("stored", &T::stored)};
};

template <>
struct Fields<CountdownEffect> {
  using T = CountdownEffect;
  static constexpr const char* name = "CountdownEffect";
  static constexpr auto list = tuple{
      field("type", &T::type),
      field("key", &T::key),
      field("value", &T::value)};
};

template <>
struct Fields<CountdownMessages> {
  using T = CountdownMessages;
  static constexpr const char* name = "CountdownMessages";
  static constexpr auto list = tuple{
      field("endsIn", &T::ends_in),
      field("opensIn", &T::opens_in),
      field("ended", &T::ended)};
};

template <>
struct Fields<CountdownPlan> {
  using T = CountdownPlan;
  static constexpr const char* name = "CountdownPlan";
  static constexpr auto list = tuple{
      field("fatal", &T::fatal),
      field("needsMore", &T::needs_more),
      field("need", &T::need),
      field("kind", &T::kind),
      field("endsAt", &T::ends_at),
      field("opensAt", &T::opens_at),
      field("rolls", &T::rolls),
      field("format", &T::format),
      field("onEnd", &T::on_end),
      field("pay", &T::pay),
      field("lang", &T::lang),
      field("messages", &T::messages),
      field("stock", &T::stock),
      field("stockSrc", &T::stock_src),
      field("zone", &T::zone),
      field("evergreenKey", &T::evergreen_key),
      field("errors", &T::errors),
      field("effects", &T::effects)};
};

template <>
struct Fields<StockFeedResult> {
  using T = StockFeedResult;
  static constexpr const char* name = "StockFeedResult";
  static constexpr auto list = tuple{
      field("ok", &T::ok),
      field("text", &T::text),
      field("error", &T::error)};
};

template <>
struct Fields<ClockSample> {
  using T = ClockSample;
  static constexpr const char* name = "ClockSample";
  static constexpr auto list = tuple{
      field("sentAt", &T::sent_at),
      field("receivedAt", &T::received_at),
      field("date", &T::date),
      field("age", &T::age)};
};

}  // namespace sharelock::abi

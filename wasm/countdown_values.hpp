// Embind registrations of the countdown's typed values (core/include/
// sharelock/countdown_widget.hpp): the plan with its round trips, the view
// drawn every second for each visible countdown, the stock feed and the
// clock sample. No JSON text is written or parsed on the way: the stored
// evergreen record and the feed's body cross as JsonDocuments. Shapes in
// types/core.d.ts.
#pragma once

#include <emscripten/bind.h>

#include <string>

#include "sharelock/countdown_widget.hpp"
#include "values.hpp"

namespace sharelock::bindings {

inline void register_countdown_view() {
  emscripten::value_object<CountdownPart>("CountdownPart")
      .field("unit", &CountdownPart::unit)
      .field("value", &CountdownPart::value)
      .field("label", &CountdownPart::label);
  emscripten::value_object<CountdownView> view("CountdownView");
  view.field("phase", &CountdownView::phase)
      .field("text", &CountdownView::text)
      .field("spoken", &CountdownView::spoken);
  register_list_field<CountdownView, CountdownPart, &CountdownView::parts>(view, "parts");
}

// Needs the Attribute, PageFacts, JsonDocument and Error registrations.
inline void register_countdown_plan() {
  using emscripten::value_object;
  value_object<CountdownZoneOffset>("CountdownZoneOffset")
      .field("at", &CountdownZoneOffset::at)
      .field("name", &CountdownZoneOffset::name);
  value_object<CountdownStoredValue>("CountdownStoredValue")
      .field("key", &CountdownStoredValue::key)
      .field("value", &CountdownStoredValue::value);
  value_object<CountdownRequest> request("CountdownRequest");
  request.field("page", &CountdownRequest::page)
      .field("now", &CountdownRequest::now)
      .field("zoneKnown", &CountdownRequest::zone_known);
  register_list_field_both_ways<CountdownRequest, Attribute, &CountdownRequest::attributes>(request, "attributes");
  register_list_field_both_ways<CountdownRequest, CountdownZoneOffset, &CountdownRequest::offsets>(request, "offsets");
  register_list_field_both_ways<CountdownRequest, CountdownStoredValue, &CountdownRequest::stored>(request, "stored");
  value_object<CountdownNeed> need("CountdownNeed");
  register_list_field<CountdownNeed, double, &CountdownNeed::offsets>(need, "offsets");
  register_list_field<CountdownNeed, std::string, &CountdownNeed::stored>(need, "stored");
  value_object<CountdownEffect>("CountdownEffect")
      .field("type", &CountdownEffect::type)
      .field("key", &CountdownEffect::key)
      .field("value", &CountdownEffect::value);
  value_object<CountdownMessages>("CountdownMessages")
      .field("endsIn", &CountdownMessages::ends_in)
      .field("opensIn", &CountdownMessages::opens_in)
      .field("ended", &CountdownMessages::ended);
  value_object<CountdownPlan> plan("CountdownPlan");
  plan.field("fatal", &CountdownPlan::fatal)
      .field("needsMore", &CountdownPlan::needs_more)
      .field("need", &CountdownPlan::need)
      .field("kind", &CountdownPlan::kind)
      .field("endsAt", &CountdownPlan::ends_at)
      .field("opensAt", &CountdownPlan::opens_at)
      .field("rolls", &CountdownPlan::rolls)
      .field("format", &CountdownPlan::format)
      .field("onEnd", &CountdownPlan::on_end)
      .field("pay", &CountdownPlan::pay)
      .field("lang", &CountdownPlan::lang)
      .field("messages", &CountdownPlan::messages)
      .field("stock", &CountdownPlan::stock)
      .field("stockSrc", &CountdownPlan::stock_src)
      .field("zone", &CountdownPlan::zone)
      .field("evergreenKey", &CountdownPlan::evergreen_key);
  register_list_field<CountdownPlan, Error, &CountdownPlan::errors>(plan, "errors");
  register_list_field<CountdownPlan, CountdownEffect, &CountdownPlan::effects>(plan, "effects");
}

inline void register_stock_and_clock() {
  emscripten::value_object<StockFeedResult>("StockFeedResult")
      .field("ok", &StockFeedResult::ok)
      .field("text", &StockFeedResult::text)
      .field("error", &StockFeedResult::error);
  emscripten::value_object<ClockSample>("ClockSample")
      .field("sentAt", &ClockSample::sent_at)
      .field("receivedAt", &ClockSample::received_at)
      .field("date", &ClockSample::date)
      .field("age", &ClockSample::age);
}

// Embind returns no 64-bit integer without BigInt: the skew as a JS number
// (well within 2^53 ms).
inline double clock_skew_binding(const ClockSample& sample) { return static_cast<double>(clock_skew(sample)); }

// Every value of the countdown's calls but the shared ones (Error,
// Attribute, PageFacts, JsonDocument), which a module registers once.
inline void register_countdown_values() {
  register_countdown_view();
  register_countdown_plan();
  register_stock_and_clock();
}

}  // namespace sharelock::bindings

// Embind registrations of <sharelock-pay>'s typed values
// (core/include/sharelock/pay_widget.hpp). JS sees plain objects with
// camelCase fields; types/core.d.ts declares the same shapes.
#pragma once

#include <emscripten/bind.h>

#include "sharelock/pay_widget.hpp"
#include "values.hpp"

namespace sharelock::bindings {

inline void register_pay_requests() {
  using emscripten::value_object;
  value_object<PayWidgetInput> input("PayWidgetInput");
  register_list_field_both_ways<PayWidgetInput, Attribute, &PayWidgetInput::attributes>(input, "attributes");
  input.field("page", &PayWidgetInput::page).field("mastodonHost", &PayWidgetInput::mastodon_host);
  value_object<PayState>("PayState")
      .field("phase", &PayState::phase)
      .field("openedAt", &PayState::opened_at)
      .field("sameTab", &PayState::same_tab)
      .field("collapsed", &PayState::collapsed)
      .field("closed", &PayState::closed)
      .field("notice", &PayState::notice);
  value_object<PayStoredRecords>("PayStoredRecords")
      .field("unlockLocal", &PayStoredRecords::unlock_local)
      .field("unlockSession", &PayStoredRecords::unlock_session)
      .field("snoozeLocal", &PayStoredRecords::snooze_local)
      .field("snoozeSession", &PayStoredRecords::snooze_session)
      .field("pending", &PayStoredRecords::pending);
  value_object<PayStepRequest>("PayStepRequest")
      .field("widget", &PayStepRequest::widget)
      .field("now", &PayStepRequest::now)
      .field("event", &PayStepRequest::event)
      .field("state", &PayStepRequest::state)
      .field("stored", &PayStepRequest::stored);
}

inline void register_pay_answers() {
  using emscripten::value_object;
  value_object<PayKeys>("PayKeys")
      .field("unlock", &PayKeys::unlock)
      .field("snooze", &PayKeys::snooze)
      .field("pending", &PayKeys::pending);
  value_object<PayDescription> description("PayDescription");
  description.field("fatal", &PayDescription::fatal)
      .field("item", &PayDescription::item)
      .field("lang", &PayDescription::lang)
      .field("keys", &PayDescription::keys);
  register_list_field<PayDescription, Error, &PayDescription::errors>(description, "errors");
  value_object<PayEffect>("PayEffect")
      .field("type", &PayEffect::type)
      .field("area", &PayEffect::area)
      .field("key", &PayEffect::key)
      .field("url", &PayEffect::url)
      .field("record", &PayEffect::record)
      .field("focus", &PayEffect::focus);
  value_object<PayMessages>("PayMessages")
      .field("waiting", &PayMessages::waiting)
      .field("cancel", &PayMessages::cancel)
      .field("notNow", &PayMessages::not_now)
      .field("expand", &PayMessages::expand)
      .field("unlocked", &PayMessages::unlocked)
      .field("copyCode", &PayMessages::copy_code)
      .field("codeCopied", &PayMessages::code_copied)
      .field("copyFailed", &PayMessages::copy_failed)
      .field("closed", &PayMessages::closed)
      .field("newWindow", &PayMessages::new_window);
  value_object<PayView>("PayView")
      .field("lang", &PayView::lang)
      .field("phase", &PayView::phase)
      .field("collapsed", &PayView::collapsed)
      .field("closed", &PayView::closed)
      .field("item", &PayView::item)
      .field("network", &PayView::network)
      .field("mode", &PayView::mode)
      .field("href", &PayView::href)
      .field("title", &PayView::title)
      .field("buttonLabel", &PayView::button_label)
      .field("hint", &PayView::hint)
      .field("notice", &PayView::notice)
      .field("messages", &PayView::messages);
  value_object<PayStep> step("PayStep");
  step.field("fatal", &PayStep::fatal).field("state", &PayStep::state).field("view", &PayStep::view);
  register_list_field<PayStep, Error, &PayStep::errors>(step, "errors");
  register_list_field<PayStep, PayEffect, &PayStep::effects>(step, "effects");
}

// Pay's calls and every value they take or return, but for those every
// widget shares (Error, Attribute, PageFacts, JsonDocument), which the
// module registers once: Embind refuses a type registered twice.
inline void register_pay_calls() {
  register_pay_requests();
  register_pay_answers();
  emscripten::function("describePay", &describe_pay);
  emscripten::function("stepPay", &step_pay);
}

}  // namespace sharelock::bindings

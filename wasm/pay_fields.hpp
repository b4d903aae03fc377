// <sharelock-pay>'s (intent mode) records and calls over Sharelock's C ABI
// (abi/records.hpp), for the main module (core_abi.cpp, counting by bounds)
// and sharelock-pay-exact.wasm (pay_exact_abi.cpp). Field names are the JS
// names: types/core.d.ts declares the same shapes, and
// tests/js/core-types.test.mjs holds the two together.
#pragma once

#include "abi/calls.hpp"
#include "abi/common_fields.hpp"
#include "sharelock/pay_widget.hpp"

namespace sharelock::abi {

template <>
struct Fields<PayWidgetInput> {
  using T = PayWidgetInput;
  static constexpr const char* name = "PayWidgetInput";
  static constexpr auto list = tuple{
      field("page", &T::page),
      field("mastodonHost", &T::mastodon_host),
      field("attributes", &T::attributes)};
};

template <>
struct Fields<PayState> {
  using T = PayState;
  static constexpr const char* name = "PayState";
  static constexpr auto list = tuple{
      field("phase", &T::phase),
      field("openedAt", &T::opened_at),
      field("sameTab", &T::same_tab),
      field("collapsed", &T::collapsed),
      field("closed", &T::closed),
      field("notice", &T::notice)};
};

template <>
struct Fields<PayStoredRecords> {
  using T = PayStoredRecords;
  static constexpr const char* name = "PayStoredRecords";
  static constexpr auto list = tuple{
      field("unlockLocal", &T::unlock_local),
      field("unlockSession", &T::unlock_session),
      field("snoozeLocal", &T::snooze_local),
      field("snoozeSession", &T::snooze_session),
      field("pending", &T::pending)};
};

template <>
struct Fields<PayStepRequest> {
  using T = PayStepRequest;
  static constexpr const char* name = "PayStepRequest";
  static constexpr auto list = tuple{
      field("widget", &T::widget),
      field("now", &T::now),
      field("event", &T::event),
      field("state", &T::state),
      field("stored", &T::stored)};
};

template <>
struct Fields<PayKeys> {
  using T = PayKeys;
  static constexpr const char* name = "PayKeys";
  static constexpr auto list = tuple{
      field("unlock", &T::unlock),
      field("snooze", &T::snooze),
      field("pending", &T::pending)};
};

template <>
struct Fields<PayDescription> {
  using T = PayDescription;
  static constexpr const char* name = "PayDescription";
  static constexpr auto list = tuple{
      field("fatal", &T::fatal),
      field("item", &T::item),
      field("lang", &T::lang),
      field("keys", &T::keys),
      field("errors", &T::errors),
      field("textUndecided", &T::text_undecided)};
};

template <>
struct Fields<PayEffect> {
  using T = PayEffect;
  static constexpr const char* name = "PayEffect";
  static constexpr auto list = tuple{
      field("type", &T::type),
      field("area", &T::area),
      field("key", &T::key),
      field("url", &T::url),
      field("record", &T::record),
      field("focus", &T::focus)};
};

template <>
struct Fields<PayMessages> {
  using T = PayMessages;
  static constexpr const char* name = "PayMessages";
  static constexpr auto list = tuple{
      field("waiting", &T::waiting),
      field("cancel", &T::cancel),
      field("notNow", &T::not_now),
      field("expand", &T::expand),
      field("unlocked", &T::unlocked),
      field("copyCode", &T::copy_code),
      field("codeCopied", &T::code_copied),
      field("copyFailed", &T::copy_failed),
      field("closed", &T::closed),
      field("newWindow", &T::new_window)};
};

template <>
struct Fields<PayView> {
  using T = PayView;
  static constexpr const char* name = "PayView";
  static constexpr auto list = tuple{
      field("lang", &T::lang),
      field("phase", &T::phase),
      field("collapsed", &T::collapsed),
      field("closed", &T::closed),
      field("item", &T::item),
      field("network", &T::network),
      field("mode", &T::mode),
      field("href", &T::href),
      field("title", &T::title),
      field("buttonLabel", &T::button_label),
      field("hint", &T::hint),
      field("notice", &T::notice),
      field("messages", &T::messages)};
};

template <>
struct Fields<PayStep> {
  using T = PayStep;
  static constexpr const char* name = "PayStep";
  static constexpr auto list = tuple{
      field("fatal", &T::fatal),
      field("state", &T::state),
      field("view", &T::view),
      field("errors", &T::errors),
      field("effects", &T::effects),
      field("textUndecided", &T::text_undecided)};
};

// Pay's calls with the module's text fitter (module_text_fitter()).
inline PayDescription describe_pay_call(const PayWidgetInput& input) {
  TextFitter fitter = module_text_fitter();
  return describe_pay(input, fitter);
}

inline PayStep step_pay_call(const PayStepRequest& request) {
  TextFitter fitter = module_text_fitter();
  return step_pay(request, fitter);
}

}  // namespace sharelock::abi

#define SHARELOCK_PAY_CALLS                                                                                  \
  (sharelock::abi::call<sharelock::PayWidgetInput, sharelock::PayDescription, &sharelock::abi::describe_pay_call>( \
      "describePay")),                                                                                       \
      (sharelock::abi::call<sharelock::PayStepRequest, sharelock::PayStep, &sharelock::abi::step_pay_call>("stepPay"))

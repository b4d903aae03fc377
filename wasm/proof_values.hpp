// Embind registrations of <sharelock-proof>'s typed values (core/include/
// sharelock/proof_widget.hpp). The feed body and the stored cap record
// cross as JsonDocuments (values.hpp), registered once per module with the
// Attribute and the Error shapes. JS sees plain objects with camelCase
// fields and lists as plain arrays; types/core.d.ts declares the same
// shapes, tests/js/core-types.test.mjs holds the two together.
#pragma once

#include <emscripten/bind.h>

#include "sharelock/proof_widget.hpp"
#include "values.hpp"

namespace sharelock::bindings {

inline void register_proof_view() {
  using emscripten::value_object;
  value_object<ProofRequest> request("ProofRequest");
  request.field("page", &ProofRequest::page)
      .field("now", &ProofRequest::now)
      .field("hasBody", &ProofRequest::has_body)
      .field("body", &ProofRequest::body)
      .field("bodyBytes", &ProofRequest::body_bytes);
  register_list_field_both_ways<ProofRequest, Attribute, &ProofRequest::attributes>(request, "attributes");
  value_object<ProofFetch>("ProofFetch")
      .field("fetch", &ProofFetch::fetch)
      .field("credentials", &ProofFetch::credentials)
      .field("referrerPolicy", &ProofFetch::referrer_policy)
      .field("attribute", &ProofFetch::attribute)
      .field("refreshAfter", &ProofFetch::refresh_after);
  value_object<ProofToast>("ProofToast")
      .field("type", &ProofToast::type)
      .field("name", &ProofToast::name)
      .field("place", &ProofToast::place)
      .field("at", &ProofToast::at);
  value_object<ProofToastSettings>("ProofToastSettings")
      .field("position", &ProofToastSettings::position)
      .field("avoid", &ProofToastSettings::avoid)
      .field("duration", &ProofToastSettings::duration)
      .field("interval", &ProofToastSettings::interval)
      .field("window", &ProofToastSettings::window)
      .field("gateKey", &ProofToastSettings::gate_key)
      .field("limit", &ProofToastSettings::limit)
      .field("snooze", &ProofToastSettings::snooze);
  value_object<ProofMessages>("ProofMessages")
      .field("region", &ProofMessages::region)
      .field("dismiss", &ProofMessages::dismiss);
  value_object<ProofView> view("ProofView");
  view.field("fatal", &ProofView::fatal)
      .field("need", &ProofView::need)
      .field("lang", &ProofView::lang)
      .field("kind", &ProofView::kind)
      .field("show", &ProofView::show)
      .field("expiresAt", &ProofView::expires_at)
      .field("refreshAfter", &ProofView::refresh_after)
      .field("count", &ProofView::count)
      .field("text", &ProofView::text)
      .field("toast", &ProofView::toast)
      .field("messages", &ProofView::messages);
  register_list_field<ProofView, Error, &ProofView::errors>(view, "errors");
  register_list_field<ProofView, ProofToast, &ProofView::toasts>(view, "toasts");
}

inline void register_proof_toasts() {
  using emscripten::value_object;
  value_object<ProofToastTextRequest>("ProofToastTextRequest")
      .field("type", &ProofToastTextRequest::type)
      .field("name", &ProofToastTextRequest::name)
      .field("place", &ProofToastTextRequest::place)
      .field("at", &ProofToastTextRequest::at)
      .field("now", &ProofToastTextRequest::now)
      .field("lang", &ProofToastTextRequest::lang)
      .field("window", &ProofToastTextRequest::window);
  value_object<ProofToastText>("ProofToastText")
      .field("text", &ProofToastText::text)
      .field("expired", &ProofToastText::expired);
  value_object<ProofToastGateRequest>("ProofToastGateRequest")
      .field("stored", &ProofToastGateRequest::stored)
      .field("now", &ProofToastGateRequest::now)
      .field("limit", &ProofToastGateRequest::limit)
      .field("snooze", &ProofToastGateRequest::snooze)
      .field("action", &ProofToastGateRequest::action);
  value_object<ProofToastGate>("ProofToastGate")
      .field("allow", &ProofToastGate::allow)
      .field("store", &ProofToastGate::store);
}

// The proof widget's values. Its calls are bound in wasm/bindings.cpp.
inline void register_proof_values() {
  register_proof_view();
  register_proof_toasts();
}

}  // namespace sharelock::bindings

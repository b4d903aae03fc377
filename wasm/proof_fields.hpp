// <sharelock-proof>'s records over Sharelock's C ABI (abi/records.hpp), for
// the main module's calls (core_abi.cpp). Field names are the JS names:
// types/core.d.ts declares the same shapes, and
// tests/js/core-types.test.mjs holds the two together.
#pragma once

#include "abi/common_fields.hpp"
#include "sharelock/proof_widget.hpp"

namespace sharelock::abi {

template <>
struct Fields<ProofRequest> {
  using T = ProofRequest;
  static constexpr const char* name = "ProofRequest";
  static constexpr auto list = tuple{
      field("page", &T::page),
      field("now", &T::now),
      field("hasBody", &T::has_body),
      field("body", &T::body),
      field("bodyBytes", &T::body_bytes),
      field("attributes", &T::attributes)};
};

template <>
struct Fields<ProofFetch> {
  using T = ProofFetch;
  static constexpr const char* name = "ProofFetch";
  static constexpr auto list = tuple{
      field("fetch", &T::fetch),
      field("credentials", &T::credentials),
      field("referrerPolicy", &T::referrer_policy),
      field("attribute", &T::attribute),
      field("refreshAfter", &T::refresh_after)};
};

template <>
struct Fields<ProofToast> {
  using T = ProofToast;
  static constexpr const char* name = "ProofToast";
  static constexpr auto list = tuple{
      field("type", &T::type),
      field("name", &T::name),
      field("place", &T::place),
      field("at", &T::at)};
};

template <>
struct Fields<ProofToastSettings> {
  using T = ProofToastSettings;
  static constexpr const char* name = "ProofToastSettings";
  static constexpr auto list = tuple{
      field("position", &T::position),
      field("avoid", &T::avoid),
      field("duration", &T::duration),
      field("interval", &T::interval),
      field("window", &T::window),
      field("gateKey", &T::gate_key),
      field("limit", &T::limit),
      field("snooze", &T::snooze)};
};

template <>
struct Fields<ProofMessages> {
  using T = ProofMessages;
  static constexpr const char* name = "ProofMessages";
  static constexpr auto list = tuple{
      field("region", &T::region),
      field("dismiss", &T::dismiss)};
};

template <>
struct Fields<ProofView> {
  using T = ProofView;
  static constexpr const char* name = "ProofView";
  static constexpr auto list = tuple{
      field("fatal", &T::fatal),
      field("need", &T::need),
      field("lang", &T::lang),
      field("kind", &T::kind),
      field("show", &T::show),
      field("expiresAt", &T::expires_at),
      field("refreshAfter", &T::refresh_after),
      field("count", &T::count),
      field("text", &T::text),
      field("toast", &T::toast),
      field("messages", &T::messages),
      field("errors", &T::errors),
      field("toasts", &T::toasts)};
};

template <>
struct Fields<ProofToastTextRequest> {
  using T = ProofToastTextRequest;
  static constexpr const char* name = "ProofToastTextRequest";
  static constexpr auto list = tuple{
      field("type", &T::type),
      field("name", &T::name),
      field("place", &T::place),
      field("at", &T::at),
      field("now", &T::now),
      field("lang", &T::lang),
      field("window", &T::window)};
};

template <>
struct Fields<ProofToastText> {
  using T = ProofToastText;
  static constexpr const char* name = "ProofToastText";
  static constexpr auto list = tuple{
      field("text", &T::text),
      field("expired", &T::expired)};
};

template <>
struct Fields<ProofToastGateRequest> {
  using T = ProofToastGateRequest;
  static constexpr const char* name = "ProofToastGateRequest";
  static constexpr auto list = tuple{
      field("stored", &T::stored),
      field("now", &T::now),
      field("limit", &T::limit),
      field("snooze", &T::snooze),
      field("action", &T::action)};
};

template <>
struct Fields<ProofToastGate> {
  using T = ProofToastGate;
  static constexpr const char* name = "ProofToastGate";
  static constexpr auto list = tuple{
      field("allow", &T::allow),
      field("store", &T::store)};
};

}  // namespace sharelock::abi

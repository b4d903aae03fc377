// accept_verified_callback: the provider's redirect back to the shop,
// checked against the state record this tab kept (oauth_state.hpp) and
// against where the flow's callback must land and who must send it.
#include <string>
#include <string_view>

#include "sharelock/oauth_state.hpp"
#include "sharelock/url.hpp"
#include "sharelock/verified_config.hpp"
#include "sharelock/verified_pay.hpp"

namespace sharelock {
namespace {

// Whether a query string has a parameter of that exact name
// ("?promocode=…" has no "code").
bool has_parameter(std::string_view query, std::string_view name) {
  if (!query.empty() && query.front() == '?') query.remove_prefix(1);
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    if (pair.substr(0, pair.find('=')) == name) return true;
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return false;
}

bool same_origin(std::string_view a, std::string_view b) {
  const auto left = url::parse_http_url(a, "");
  const auto right = url::parse_http_url(b, "");
  return left && right && left.value().origin() == right.value().origin();
}

// Whether the page the callback arrived on is the flow's redirect URI: the
// same origin and path, and every parameter the redirect URI has, with its
// value (the provider adds its own after them).
bool lands_on(std::string_view page, std::string_view redirect_uri) {
  const auto here = url::parse_http_url(page, "");
  const auto expected = url::parse_http_url(redirect_uri, "");
  if (!here || !expected) return false;
  if (here.value().origin() != expected.value().origin() || here.value().path != expected.value().path) return false;
  std::string_view wanted = expected.value().query;
  const std::string actual = "&" + here.value().query + "&";
  while (!wanted.empty()) {
    const std::size_t amp = wanted.find('&');
    const std::string_view pair = wanted.substr(0, amp);
    if (!pair.empty() && actual.find("&" + std::string(pair) + "&") == std::string::npos) return false;
    if (amp == std::string_view::npos) break;
    wanted.remove_prefix(amp + 1);
  }
  return true;
}

VerifiedCallback outcome_only(const char* outcome) {
  VerifiedCallback callback;
  callback.outcome = outcome;
  return callback;
}

VerifiedCallback failed_outcome(const Error& error) {
  VerifiedCallback callback;
  callback.outcome = "failed";
  callback.error = {error.code, "", error.message};
  return callback;
}

}  // namespace

VerifiedCallback accept_verified_callback(const VerifiedCallbackRequest& request) {
  const std::string& query = request.query;
  // Ours only with a state, a code or an error, and a flow of this tab to
  // match; anything else (a shop's own ?code=SUMMER, a stale record) is
  // left alone.
  const JsonDocument& stored = request.stored;
  if (!request.has_stored || !has_parameter(query, "state") ||
      (!has_parameter(query, "code") && !has_parameter(query, "error"))) {
    return outcome_only("none");
  }
  const std::int64_t now = whole_millis(request.now);
  const auto callback = oauth::parse_callback(query);
  if (!callback) return oauth::is_pending(stored, now) ? failed_outcome(callback.error()) : outcome_only("none");
  auto accepted = oauth::accept_state(stored, callback.value().state, now);
  if (!accepted) {
    // Another state than a finished flow's: not for this tab's flow at all.
    const bool foreign = accepted.error().code == "state-mismatch" && !oauth::is_pending(stored, now);
    return foreign ? outcome_only("none") : failed_outcome(accepted.error());
  }
  oauth::AcceptedState state = std::move(accepted).value();
  // The shim parsed the record's context for us; only what is bound to
  // the state counts, so a document that does not write back to exactly
  // the record's text reads as no context at all (and lands nowhere).
  verified::FlowContext context = verified::read_flow_context(request.stored_context);
  if (verified::flow_context_text(context) != state.binding.context) context = {};
  VerifiedCallback response;
  response.consumed_record = std::move(state.consumed_record);
  response.item = state.item;
  response.return_path = state.return_path;
  response.server = context.server;
  response.network = context.network;
  response.host = context.host;
  response.text = context.text;
  if (!lands_on(request.page, context.redirect_uri)) {
    response.outcome = "failed";
    response.error = {"callback-wrong-endpoint", "",
                      "the sign-in came back to another address than this provider's; its code was not used"};
    return response;
  }
  const std::string& issuer = callback.value().iss;
  if (!issuer.empty() && !same_origin(issuer, context.issuer)) {
    response.outcome = "failed";
    response.error = {"callback-wrong-issuer", "", "the sign-in response names another provider; its code was not used"};
    return response;
  }
  if (!callback.value().error.empty()) {
    const bool denied = callback.value().error == "access_denied";
    response.outcome = denied ? "denied" : "failed";
    if (!denied) {
      response.error = {"provider-error", "", "the provider refused the sign-in: " + callback.value().error};
    }
    return response;
  }
  response.outcome = "exchange";
  response.code = callback.value().code;
  response.code_verifier = state.binding.code_verifier;
  return response;
}

}  // namespace sharelock

// describe_verified, check_verified_post and begin_verified: the widget's
// view, the post check as the shopper types, and the redirect to the
// provider. The callback is in verified_callback.cpp, the server's answers
// in verified_unlock.cpp.
#include "sharelock/verified_pay.hpp"

#include "sharelock/base64url.hpp"
#include "sharelock/oauth_state.hpp"
#include "sharelock/pay_messages.hpp"
#include "sharelock/pkce.hpp"
#include "sharelock/url.hpp"
#include "sharelock/verified_config.hpp"
#include "sharelock/verified_messages.hpp"

namespace sharelock {

namespace {

using verified::Config;

// Long enough to sign in at the provider, short enough that a forgotten tab
// cannot be completed hours later.
constexpr std::int64_t kStateLifetimeMillis = 10LL * 60 * 1000;
constexpr std::size_t kStateRandomBytes = 16;
constexpr std::size_t kVerifierRandomBytes = 32;

VerifiedMessages messages_of(i18n::Lang lang, Network network) {
  using verified::Message;
  const auto own = [&](Message id) { return verified::with_network(verified::message(lang, id), network, lang); };
  const auto shared = [&](pay::PayMessage id) { return std::string(pay::pay_message(lang, id)); };
  VerifiedMessages m;
  m.title = own(Message::kTitle);
  m.button = own(Message::kButton);
  m.edit_label = own(Message::kEditLabel);
  m.hint = own(Message::kHint);
  m.counter = own(Message::kCounter);
  m.redirecting = own(Message::kRedirecting);
  m.publishing = own(Message::kPublishing);
  m.loading = own(Message::kLoading);
  m.denied = own(Message::kDenied);
  m.failed = own(Message::kFailed);
  m.unreachable = own(Message::kUnreachable);
  m.expired = own(Message::kExpired);
  m.retry = own(Message::kRetry);
  m.host_label = own(Message::kHostLabel);
  m.host_missing = own(Message::kHostMissing);
  m.rejected = own(Message::kRejected);
  m.unlocked = shared(pay::PayMessage::kUnlocked);
  m.copy_code = shared(pay::PayMessage::kCopyCode);
  m.code_copied = shared(pay::PayMessage::kCodeCopied);
  m.copy_failed = shared(pay::PayMessage::kCopyFailed);
  return m;
}

// A failed begin: nothing but the problems.
VerifiedBegin refused(Problems& problems, const Error& error) {
  problems.fail(error);
  VerifiedBegin begin;
  begin.fatal = true;
  begin.errors = std::move(problems.errors);
  return begin;
}

// The provider's client, as the server announced it: untrusted until the
// core has checked every URL and character in it (oauth::authorize_url).
oauth::Provider provider_of(const JsonDocument& document) {
  const JsonView client(document);
  const auto member = [&client](std::string_view name) { return std::string(client[name].text()); };
  oauth::Provider provider{member("authorizeEndpoint"), member("clientId"), member("redirectUri"), {}};
  for (const JsonView& scope : client["scopes"].is_array() ? client["scopes"].children() : std::vector<JsonView>{}) {
    if (const auto text = scope.string()) provider.scopes.emplace_back(*text);
  }
  return provider;
}

}  // namespace

VerifiedView describe_verified(const VerifiedDescribeRequest& request) {
  Problems problems;
  const auto config = verified::read_config(request.attributes, request.page, request.mastodon_host, problems);
  VerifiedView view;
  if (!config) {
    view.fatal = true;
    view.errors = std::move(problems.errors);
    return view;
  }
  view.errors = std::move(problems.errors);
  view.item = config->item;
  view.lang = std::string(i18n::lang_code(config->lang));
  view.network = std::string(network_name(config->network));
  view.mastodon_host = config->mastodon_host;
  view.server = config->server;
  view.post_text = config->post_text;
  view.token_key = verified::token_key(config->item);
  view.token = verified::live_stored_token(request.stored_token, whole_millis(request.now));
  view.messages = messages_of(config->lang, config->network);
  return view;
}

VerifiedPostCheck check_verified_post(const VerifiedPostRequest& request) {
  Problems problems;
  const auto config = verified::read_config(request.attributes, request.page, request.mastodon_host, problems);
  VerifiedPostCheck result;
  if (!config) {
    result.fatal = true;
    result.errors = std::move(problems.errors);
    return result;
  }
  const verified::PostCheck check = verified::check_post(*config, request.text);
  result.length = static_cast<std::int32_t>(check.length);
  result.limit = static_cast<std::int32_t>(check.limit);
  result.fits = check.problem == verified::Problem::kNone;
  result.problem = std::string(verified::problem_code(check.problem));
  result.message = verified::with_network(verified::problem_message(config->lang, check.problem), config->network,
                                          config->lang);
  return result;
}

VerifiedBegin begin_verified(const VerifiedBeginRequest& request) {
  Problems problems;
  const auto config = verified::read_config(request.attributes, request.page, request.mastodon_host, problems);
  if (!config) {
    VerifiedBegin begin;
    begin.fatal = true;
    begin.errors = std::move(problems.errors);
    return begin;
  }
  const std::string& text = request.text;
  const verified::PostCheck check = verified::check_post(*config, text);
  if (check.problem != verified::Problem::kNone) {
    return refused(problems, {std::string("post-") + std::string(verified::problem_code(check.problem)), "text",
                              verified::with_network(verified::problem_message(config->lang, check.problem),
                                                     config->network, config->lang)});
  }
  if (config->network == Network::kMastodon && config->mastodon_host.empty()) {
    return refused(problems, {"missing-mastodon-host", "",
                              std::string(verified::message(config->lang, verified::Message::kHostMissing))});
  }
  const auto random = base64url::decode(request.random);
  if (!random || random.value().size() != kStateRandomBytes + kVerifierRandomBytes) {
    return refused(problems, {"invalid-request", "", "begin_verified needs 48 random bytes, base64url-encoded"});
  }
  const std::string& bytes = random.value();
  const auto verifier = pkce::verifier_from_random(std::string_view(bytes).substr(kStateRandomBytes));
  const auto challenge = pkce::challenge_s256(verifier.value());

  if (whole_millis(request.client_status) != 200) {
    Error error = verified::server_answer_error(whole_millis(request.client_status), request.client);
    error.message = "no OAuth client for this network: " + error.message;
    return refused(problems, error);
  }
  const oauth::Provider provider = provider_of(request.client);
  // Where this flow's callback must land and who must have sent it, for
  // accept_verified_callback (the mix-up defence).
  const auto authorize_endpoint = url::parse_http_url(provider.authorize_endpoint, "");
  const verified::FlowContext context{config->mastodon_host,
                                      authorize_endpoint ? authorize_endpoint.value().origin() : std::string{},
                                      std::string(network_name(config->network)),
                                      provider.redirect_uri,
                                      config->server,
                                      text};
  // Back to this very page (its fragment is the browser's, not the server's).
  const auto page = url::parse_http_url(request.page.url, "");
  std::string return_path = page ? page.value().path : "/";
  if (page && page.value().has_query) return_path += "?" + page.value().query;
  auto pending = oauth::create_state(std::string_view(bytes).substr(0, kStateRandomBytes), config->item, return_path,
                                     whole_millis(request.now), kStateLifetimeMillis,
                                     {verifier.value(), verified::flow_context_text(context)});
  if (!pending) return refused(problems, pending.error());
  const auto authorize = oauth::authorize_url(provider, pending.value().state, challenge.value());
  if (!authorize) {
    Error error = authorize.error();
    error.message = "the verification server's OAuth client is not usable: " + error.message;
    return refused(problems, error);
  }
  VerifiedBegin begin;
  begin.errors = std::move(problems.errors);
  begin.storage_key = std::string(oauth::kStateStorageKey);
  begin.record = std::move(pending).value().record;
  begin.authorize_url = authorize.value();
  return begin;
}

}  // namespace sharelock

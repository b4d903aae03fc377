#include "sharelock/verified_pay.hpp"

#include <algorithm>
#include <optional>

#include "sharelock/base64url.hpp"
#include "sharelock/oauth_state.hpp"
#include "sharelock/pay_messages.hpp"
#include "sharelock/pkce.hpp"
#include "sharelock/post_length.hpp"
#include "sharelock/unicode.hpp"
#include "sharelock/url.hpp"
#include "sharelock/verified_messages.hpp"
#include "sharelock/verified_post.hpp"
#include "sharelock/widget_request.hpp"

namespace sharelock {
namespace {

constexpr AttributeLimit kVerifiedLimits[] = {
    {"item", 200}, {"network", 20}, {"mode", 20}, {"server", 2048},
};
// Long enough to sign in at the provider, short enough that a forgotten tab
// cannot be completed hours later.
constexpr std::int64_t kStateLifetimeMillis = 10LL * 60 * 1000;
constexpr std::size_t kStateRandomBytes = 16;
constexpr std::size_t kVerifierRandomBytes = 32;
constexpr std::size_t kMaxTokenLength = 4096;
constexpr std::size_t kMaxContentTextBytes = 4000;
constexpr std::size_t kMaxContentCodeBytes = 200;
constexpr std::size_t kMaxContentLabelBytes = 200;
constexpr std::size_t kMaxErrorCodeLength = 40;
constexpr std::string_view kTokenKeyPrefix = "sharelock:verified:";

struct VerifiedConfig {
  std::string item;
  Network network = Network::kX;  // or kMastodon
  std::string mastodon_host;      // the shopper's server, when known
  std::string server;  // origin + path, no trailing '/', no query
  std::string post_text;
  std::string link;  // the URL the post must keep
  i18n::Lang lang = i18n::Lang::kEn;
};

std::optional<std::string> read_server(const Json& attributes, const Json& page, Problems& problems) {
  if (!has_string(attributes, "server")) {
    problems.fail({"missing-server", "server",
                   "mode=\"verified\" needs the address of your verification server in server=\"…\""});
    return std::nullopt;
  }
  const auto base = url::parse_http_url(string_at(page, "url"), "server");
  auto parsed = base ? url::parse_http_url_reference(string_at(attributes, "server"), base.value(), "server")
                     : url::parse_http_url(string_at(attributes, "server"), "server");
  if (!parsed) {
    problems.fail(parsed.error());
    return std::nullopt;
  }
  url::HttpUrl server = std::move(parsed).value();
  // The server holds the shopper's one-time code: never over plain http,
  // except on this machine for development.
  if (server.scheme != "https" && !server.is_loopback()) {
    problems.fail({"unsafe-url", "server", "the verification server must use https"});
    return std::nullopt;
  }
  if (server.has_query || server.has_fragment) {
    problems.fail({"invalid-url", "server", "the server address must not have a query (?) or fragment (#)"});
    return std::nullopt;
  }
  std::string address = server.serialize();
  while (!address.empty() && address.back() == '/') address.pop_back();
  return address;
}

// A Mastodon post: text, hashtags, then the link (as the intent composes
// it), the text shortened so that the whole fits 500.
std::string compose_mastodon_post(const ShareContent& content, const std::string& link) {
  std::string tail;
  for (const std::string& tag : content.hashtags) tail += " #" + tag;
  tail += " " + link;
  const std::size_t fixed = post_length::mastodon_length(tail);
  const std::size_t budget = fixed >= post_length::kMastodonLimit ? 0 : post_length::kMastodonLimit - fixed;
  std::string text = post_length::shorten(content.text, budget, post_length::Measure::kMastodon);
  return text.empty() ? tail.substr(1) : text + tail;
}

// The post as X will show it: text, link, hashtags and via, the text
// shortened so that the whole fits 280 weighted characters.
std::string compose_x_post(const ShareLink& link, const ShareContent& content) {
  std::string post = link.text;
  const auto append = [&post](const std::string& word) {
    if (!post.empty()) post.push_back(' ');
    post += word;
  };
  append(link.shared_url);
  for (const std::string& tag : content.hashtags) append("#" + tag);
  if (!content.via.empty()) append("via @" + content.via);
  return post;
}

std::optional<VerifiedConfig> read_config(const Json& request, Problems& problems) {
  const Json& attributes = object_at(request, "attributes");
  const Json& page = object_at(request, "page");
  check_attribute_sizes(attributes, kShareAttributeLimits, problems);
  check_attribute_sizes(attributes, kVerifiedLimits, problems);
  if (problems.fatal) return std::nullopt;

  VerifiedConfig config;
  config.lang = read_lang(attributes, page);
  std::string network = has_string(attributes, "network") ? string_at(attributes, "network") : "x";
  for (char& c : network) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  if (network != "x" && network != "mastodon") {
    problems.fail({"network-not-verifiable", "network",
                   "mode=\"verified\" publishes through the APIs of X and Mastodon; use network=\"x\" "
                   "or network=\"mastodon\", or mode=\"intent\""});
    return std::nullopt;
  }
  config.network = network == "x" ? Network::kX : Network::kMastodon;
  config.mastodon_host = read_mastodon_host(request);
  config.item = string_at(attributes, "item");
  if (config.item.empty()) {
    problems.fail({"missing-item", "item",
                   "mode=\"verified\" needs item=\"…\": the id your verification server knows the "
                   "content by"});
    return std::nullopt;
  }
  const auto server = read_server(attributes, page, problems);
  if (!server) return std::nullopt;
  config.server = *server;
  auto content = read_share_content(share_attributes(attributes), page_facts(page), problems);
  if (!content) return std::nullopt;
  // The verification server checks the post for the item's own link, so a
  // verified post carries no analytics share reference (sl_ref).
  content->ref_seed.clear();
  const ShareLink link = build_share_link(config.network, *content, config.mastodon_host);
  config.link = link.shared_url;
  config.post_text = config.network == Network::kX ? compose_x_post(link, *content)
                                                    : compose_mastodon_post(*content, link.shared_url);
  return config;
}

verified::PostCheck check_post(const VerifiedConfig& config, std::string_view text) {
  return verified::check_post(text, config.network, config.link);
}

// Every entry point but the callback's starts the same way: the request
// parsed, the configuration read from its attributes and page.
std::optional<VerifiedConfig> read_request(std::string_view request_json, Json& request, Problems& problems) {
  request = parse_request(request_json, problems);
  return problems.fatal ? std::nullopt : read_config(request, problems);
}

std::string token_key(const std::string& item) { return std::string(kTokenKeyPrefix) + item; }

bool is_token_text(std::string_view token) {
  return !token.empty() && token.size() <= kMaxTokenLength &&
         std::all_of(token.begin(), token.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || c == '.';
         });
}

// A stored token record: {"v":1,"token":"…","expiresAt":ms}. Anything else,
// or an expired one, reads as absent (storage is as untrusted as attributes).
std::string live_stored_token(std::string_view record, std::int64_t now) {
  const Json json = Json::parse(record, nullptr, false);
  // Checked by type first: nlohmann's value() aborts (no exceptions here)
  // on a "v" of another type.
  if (!json.is_object()) return {};
  const auto version = json.find("v");
  if (version == json.end() || !version->is_number_integer() || *version != 1) return {};
  const std::string token = string_at(json, "token");
  const std::int64_t expires_at = millis_at(json, "expiresAt");
  return is_token_text(token) && now < expires_at ? token : std::string{};
}

std::string with_network(std::string_view text, Network network, i18n::Lang lang) {
  std::string out(text);
  const std::size_t at = out.find("{network}");
  if (at != std::string::npos) out.replace(at, 9, std::string(i18n::network_label(network, lang)));
  return out;
}

// Built in a loop rather than from an initializer list: nlohmann/json
// inlines every pair of such a list, which costs kilobytes of wasm.
Json messages_json(i18n::Lang lang, Network network) {
  using verified::Message;
  struct Entry {
    const char* key;
    Message id;
  };
  static constexpr Entry kOwn[] = {
      {"title", Message::kTitle},         {"button", Message::kButton},
      {"editLabel", Message::kEditLabel}, {"hint", Message::kHint},
      {"counter", Message::kCounter},     {"redirecting", Message::kRedirecting},
      {"publishing", Message::kPublishing}, {"loading", Message::kLoading},
      {"denied", Message::kDenied},       {"failed", Message::kFailed},
      {"unreachable", Message::kUnreachable}, {"expired", Message::kExpired},
      {"retry", Message::kRetry},         {"hostLabel", Message::kHostLabel},
      {"hostMissing", Message::kHostMissing}, {"rejected", Message::kRejected}};
  struct PayEntry {
    const char* key;
    pay::PayMessage id;
  };
  static constexpr PayEntry kShared[] = {{"unlocked", pay::PayMessage::kUnlocked},
                                         {"copyCode", pay::PayMessage::kCopyCode},
                                         {"codeCopied", pay::PayMessage::kCodeCopied},
                                         {"copyFailed", pay::PayMessage::kCopyFailed}};
  Json messages = Json::object();
  for (const Entry& entry : kOwn) messages[entry.key] = with_network(verified::message(lang, entry.id), network, lang);
  for (const PayEntry& entry : kShared) messages[entry.key] = std::string(pay::pay_message(lang, entry.id));
  return messages;
}

std::string fatal_response(const Problems& problems) {
  Json response = Json::object();
  response["fatal"] = true;
  response["errors"] = problems.errors;
  return dump_json(response);
}

Json failure(std::string code, std::string message) {
  Json error = Json::object();
  error["code"] = std::move(code);
  error["message"] = std::move(message);
  return error;
}

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

std::string outcome_only(const char* outcome) {
  Json response = Json::object();
  response["outcome"] = outcome;
  return dump_json(response);
}

std::string failed_outcome(const Error& error) {
  Json response = Json::object();
  response["outcome"] = "failed";
  response["error"] = failure(error.code, error.message);
  return dump_json(response);
}

// An error code from the server, shown in events: [a-z0-9-] only.
std::string safe_code(const std::string& code, std::string_view fallback) {
  const bool ok = !code.empty() && code.size() <= kMaxErrorCodeLength &&
                  std::all_of(code.begin(), code.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                  });
  return ok ? code : std::string(fallback);
}

std::optional<Json> read_content(const Json& content) {
  if (!content.is_object()) return std::nullopt;
  const std::string text = string_at(content, "text");
  const std::string code = string_at(content, "code");
  const std::string link = string_at(content, "url");
  const std::string label = string_at(content, "label");
  if (text.size() > kMaxContentTextBytes || code.size() > kMaxContentCodeBytes ||
      label.size() > kMaxContentLabelBytes || !unicode::is_valid_utf8(text) ||
      !unicode::is_valid_utf8(code) || !unicode::is_valid_utf8(label)) {
    return std::nullopt;
  }
  std::string href;
  if (!link.empty()) {
    const auto parsed = url::parse_http_url(link, "url");
    if (!parsed) return std::nullopt;  // javascript:, data: and the like never become links
    href = parsed.value().serialize();
  }
  if (text.empty() && code.empty() && href.empty()) return std::nullopt;
  Json view = Json::object();
  view["text"] = text;
  view["code"] = code;
  view["url"] = href;
  view["label"] = label;
  return view;
}

}  // namespace

std::string describe_verified(std::string_view request_json) {
  Problems problems;
  Json request;
  const auto config = read_request(request_json, request, problems);
  if (!config) return fatal_response(problems);
  const Json& stored = object_at(request, "stored");
  const std::int64_t now = millis_at(request, "now");
  Json response = Json::object();
  response["fatal"] = false;
  response["errors"] = problems.errors;
  response["item"] = config->item;
  response["lang"] = i18n::lang_code(config->lang);
  response["network"] = network_name(config->network);
  response["mastodonHost"] = config->mastodon_host;
  response["server"] = config->server;
  response["postText"] = config->post_text;
  response["keys"]["token"] = token_key(config->item);
  response["token"] = live_stored_token(string_at(stored, "token"), now);
  response["messages"] = messages_json(config->lang, config->network);
  return dump_json(response);
}

std::string check_verified_post(std::string_view request_json) {
  Problems problems;
  Json request;
  const auto config = read_request(request_json, request, problems);
  if (!config) return fatal_response(problems);
  const verified::PostCheck check = check_post(*config, string_at(request, "text"));
  Json response = Json::object();
  response["fatal"] = false;
  response["length"] = check.length;
  response["limit"] = check.limit;
  response["fits"] = check.problem == verified::Problem::kNone;
  response["problem"] = verified::problem_code(check.problem);
  response["message"] = with_network(verified::problem_message(config->lang, check.problem), config->network, config->lang);
  return dump_json(response);
}

std::string begin_verified(std::string_view request_json) {
  Problems problems;
  Json request;
  const auto config = read_request(request_json, request, problems);
  if (!config) return fatal_response(problems);

  const std::string text = string_at(request, "text");
  const verified::PostCheck check = check_post(*config, text);
  if (check.problem != verified::Problem::kNone) {
    problems.fail({std::string("post-") + std::string(verified::problem_code(check.problem)), "text",
                   with_network(verified::problem_message(config->lang, check.problem), config->network, config->lang)});
    return fatal_response(problems);
  }
  if (config->network == Network::kMastodon && config->mastodon_host.empty()) {
    problems.fail({"missing-mastodon-host", "", std::string(verified::message(config->lang, verified::Message::kHostMissing))});
    return fatal_response(problems);
  }
  const auto random = base64url::decode(string_at(request, "random"));
  if (!random || random.value().size() != kStateRandomBytes + kVerifierRandomBytes) {
    problems.fail({"invalid-request", "", "begin_verified needs 48 random bytes, base64url-encoded"});
    return fatal_response(problems);
  }
  const std::string& bytes = random.value();
  const auto verifier = pkce::verifier_from_random(std::string_view(bytes).substr(kStateRandomBytes));
  const auto challenge = pkce::challenge_s256(verifier.value());

  // The provider's client, as the server announced it: untrusted until the
  // core has checked every URL and character in it.
  const Json& client = object_at(request, "client");
  oauth::Provider provider{string_at(client, "authorizeEndpoint"), string_at(client, "clientId"),
                           string_at(client, "redirectUri"), {}};
  const auto scopes = client.find("scopes");
  if (scopes != client.end() && scopes->is_array()) {
    for (const Json& scope : *scopes) {
      if (scope.is_string()) provider.scopes.push_back(scope.get<std::string>());
    }
  }
  // Where this flow's callback must land and who must have sent it, for
  // accept_verified_callback (the mix-up defence).
  const auto authorize_endpoint = url::parse_http_url(provider.authorize_endpoint, "");
  Json context = Json::object();
  context["redirectUri"] = provider.redirect_uri;
  context["issuer"] = authorize_endpoint ? authorize_endpoint.value().origin() : std::string{};
  context["server"] = config->server;
  context["network"] = network_name(config->network);
  context["host"] = config->mastodon_host;
  context["text"] = text;
  // Back to this very page (its fragment is the browser's, not the server's).
  const auto page = url::parse_http_url(string_at(object_at(request, "page"), "url"), "");
  std::string return_path = page ? page.value().path : "/";
  if (page && page.value().has_query) return_path += "?" + page.value().query;
  const auto pending = oauth::create_state(std::string_view(bytes).substr(0, kStateRandomBytes), config->item,
                                           return_path, millis_at(request, "now"), kStateLifetimeMillis,
                                           {verifier.value(), dump_json(context)});
  if (!pending) {
    problems.fail(pending.error());
    return fatal_response(problems);
  }
  const auto authorize = oauth::authorize_url(provider, pending.value().state, challenge.value());
  if (!authorize) {
    Error error = authorize.error();
    error.message = "the verification server's OAuth client is not usable: " + error.message;
    problems.fail(error);
    return fatal_response(problems);
  }
  Json response = Json::object();
  response["fatal"] = false;
  response["errors"] = problems.errors;
  response["storageKey"] = oauth::kStateStorageKey;
  response["record"] = pending.value().record;
  response["authorizeUrl"] = authorize.value();
  return dump_json(response);
}

std::string accept_verified_callback(std::string_view request_json) {
  Problems problems;
  const Json request = parse_request(request_json, problems);
  const std::string query = string_at(request, "query");
  const std::string stored = string_at(request, "stored");
  // Ours only with a state, a code or an error, and a flow of this tab to
  // match; anything else (a shop's own ?code=SUMMER, a stale record) is
  // left alone.
  if (stored.empty() || !has_parameter(query, "state") ||
      (!has_parameter(query, "code") && !has_parameter(query, "error"))) {
    return outcome_only("none");
  }
  const std::int64_t now = millis_at(request, "now");
  const auto callback = oauth::parse_callback(query);
  if (!callback) return oauth::is_pending(stored, now) ? failed_outcome(callback.error()) : outcome_only("none");
  const auto accepted = oauth::accept_state(stored, callback.value().state, now);
  if (!accepted) {
    // Another state than a finished flow's: not for this tab's flow at all.
    const bool foreign = accepted.error().code == "state-mismatch" && !oauth::is_pending(stored, now);
    return foreign ? outcome_only("none") : failed_outcome(accepted.error());
  }
  const oauth::AcceptedState& state = accepted.value();
  const Json context = Json::parse(state.binding.context, nullptr, false);
  Json response = Json::object();
  response["consumedRecord"] = state.consumed_record;
  response["item"] = state.item;
  response["returnPath"] = state.return_path;
  response["server"] = string_at(context, "server");
  response["network"] = string_at(context, "network");
  response["host"] = string_at(context, "host");
  response["text"] = string_at(context, "text");
  if (!lands_on(string_at(request, "page"), string_at(context, "redirectUri"))) {
    response["outcome"] = "failed";
    response["error"] = failure("callback-wrong-endpoint",
                                "the sign-in came back to another address than this provider's; its code was not used");
    return dump_json(response);
  }
  const std::string& issuer = callback.value().iss;
  if (!issuer.empty() && !same_origin(issuer, string_at(context, "issuer"))) {
    response["outcome"] = "failed";
    response["error"] = failure("callback-wrong-issuer", "the sign-in response names another provider; its code was not used");
    return dump_json(response);
  }
  if (!callback.value().error.empty()) {
    const bool denied = callback.value().error == "access_denied";
    response["outcome"] = denied ? "denied" : "failed";
    if (!denied) {
      response["error"] = failure("provider-error", "the provider refused the sign-in: " + callback.value().error);
    }
    return dump_json(response);
  }
  response["outcome"] = "exchange";
  response["code"] = callback.value().code;
  response["codeVerifier"] = state.binding.code_verifier;
  return dump_json(response);
}

std::string read_unlock_response(std::string_view request_json) {
  Problems problems;
  const Json request = parse_request(request_json, problems);
  const std::int64_t status = millis_at(request, "status");
  const std::int64_t now = millis_at(request, "now");
  const Json body = Json::parse(string_at(request, "body"), nullptr, false);
  Json response = Json::object();
  response["ok"] = false;
  if (status == 0) {
    response["error"] = failure("server-unreachable", "the verification server could not be reached");
    return dump_json(response);
  }
  if (status != 200) {
    const std::string code = safe_code(string_at(object_at(body, "error"), "code"), "server-error");
    response["error"] = failure(code, "the verification server answered " + std::to_string(status));
    // A token the server no longer honours is forgotten, so the shopper is
    // offered the post again instead of a broken unlock.
    if (status == 401 || status == 403) response["tokenRecord"] = "";
    return dump_json(response);
  }
  const std::string token = string_at(body, "token");
  const std::int64_t expires_at = millis_at(body, "expiresAt");
  const auto content = read_content(object_at(body, "content"));
  if (!is_token_text(token) || expires_at <= now || !content) {
    response["error"] = failure("server-response-invalid", "the verification server's answer is not a valid unlock");
    return dump_json(response);
  }
  Json record = Json::object();
  record["v"] = 1;
  record["token"] = token;
  record["expiresAt"] = expires_at;
  response["ok"] = true;
  response["tokenKey"] = token_key(string_at(request, "item"));
  response["tokenRecord"] = dump_json(record);
  response["expiresAt"] = expires_at;
  response["content"] = *content;
  return dump_json(response);
}

}  // namespace sharelock

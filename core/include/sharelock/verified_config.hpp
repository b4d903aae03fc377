// The parts of <sharelock-pay mode="verified"> its calls share (internal to
// verified_*.cpp): the widget's configuration read from its attributes, the
// flow's context kept in the OAuth state record, and the stored token's
// key and characters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sharelock/json_document.hpp"
#include "sharelock/messages.hpp"
#include "sharelock/share_links.hpp"
#include "sharelock/verified_post.hpp"
#include "sharelock/widget_input.hpp"

namespace sharelock::verified {

struct Config {
  std::string item;
  Network network = Network::kX;  // or kMastodon
  std::string mastodon_host;      // the shopper's server, when known
  std::string server;             // origin + path, no trailing '/', no query
  std::string post_text;
  std::string link;  // the URL the post must keep
  i18n::Lang lang = i18n::Lang::kEn;
};

// Every attribute checked (sizes first), the server address, the post
// proposed; nothing, with a fatal problem, when the widget cannot work.
std::optional<Config> read_config(const Attributes& attributes, const PageFacts& page,
                                  std::string_view mastodon_host, Problems& problems);

inline PostCheck check_post(const Config& config, std::string_view text) {
  return check_post(text, config.network, config.link);
}

// `text` with "{network}" replaced by the network's name.
std::string with_network(std::string_view text, Network network, i18n::Lang lang);

// "sharelock:verified:<item>", the token record's storage key.
std::string token_key(std::string_view item);

// An unlock token as the server issues it: [A-Za-z0-9._-], at most 4 KiB
// (it goes into an Authorization header).
bool is_token_text(std::string_view token);

// The token of a stored token record ({"v":1,"token":"…","expiresAt":ms})
// while it is live; "" for anything else, or an expired one (storage is as
// untrusted as attributes). In verified_unlock.cpp, next to its writer.
std::string live_stored_token(const JsonDocument& record, std::int64_t now);

// What a verification server's answer other than 200 means: no answer at
// all (status 0) is "server-unreachable"; otherwise the code the server
// gave in {"error":{"code":…}} when it is a plain [a-z0-9-] code, else
// "server-error".
Error server_answer_error(std::int64_t status, const JsonDocument& body);

// What a flow binds to its OAuth state (oauth::Binding's context): where
// its callback must land and who must send it (the mix-up defence), and
// what the code is for.
struct FlowContext {
  std::string host;          // the shopper's Mastodon server, or ""
  std::string issuer;        // the authorize endpoint's origin
  std::string network;
  std::string redirect_uri;
  std::string server;
  std::string text;          // the post the shopper approved
};

// The context as JSON text: {"host":…,"issuer":…,"network":…,
// "redirectUri":…,"server":…,"text":…}, members in name order and escaped
// as nlohmann/json wrote it before the typed boundary, so a record begun by
// either version reads the same.
std::string flow_context_text(const FlowContext& context);

// Read back from its parsed document: a member that is absent or not a
// string reads as "".
FlowContext read_flow_context(const JsonDocument& context);

}  // namespace sharelock::verified

// Embind bindings of the verification server's core (server/ loads this
// module under Node): the same compiled rules as the browser's, plus the
// token minting that only a server may do. Plain strings in and out; no
// logic here, and no exception can cross into JavaScript.
#include <emscripten/bind.h>

#include <string>

#include "sharelock/verification_server.hpp"

namespace {

std::string check_unlock_request(const std::string& request) { return sharelock::check_unlock_request(request); }
std::string issue_unlock_token(const std::string& request) { return sharelock::issue_unlock_token(request); }
std::string check_unlock_token(const std::string& request) { return sharelock::check_unlock_token(request); }
std::string code_hash(const std::string& code) { return sharelock::code_hash(code); }
std::string normalize_host(const std::string& host) { return sharelock::normalize_host(host); }

}  // namespace

EMSCRIPTEN_BINDINGS(sharelock_server) {
  emscripten::function("checkUnlockRequest", &check_unlock_request);
  emscripten::function("issueUnlockToken", &issue_unlock_token);
  emscripten::function("checkUnlockToken", &check_unlock_token);
  emscripten::function("codeHash", &code_hash);
  emscripten::function("normalizeHost", &normalize_host);
}

// Embind bindings of the verification server's core (server/ loads this
// module under Node): the same compiled rules as the browser's, plus the
// token minting that only a server may do. Plain strings in and out; no
// logic here, and no exception can cross into JavaScript.
#include <emscripten/bind.h>

#include <string>

#include "sharelock/analytics_api.hpp"
#include "sharelock/verification_server.hpp"

namespace {

std::string check_unlock_request(const std::string& request) { return sharelock::check_unlock_request(request); }
std::string issue_unlock_token(const std::string& request) { return sharelock::issue_unlock_token(request); }
std::string check_unlock_token(const std::string& request) { return sharelock::check_unlock_token(request); }
std::string code_hash(const std::string& code) { return sharelock::code_hash(code); }
std::string normalize_host(const std::string& host) { return sharelock::normalize_host(host); }
std::string analytics_batch_refs(const std::string& request) { return sharelock::analytics_batch_refs(request); }
std::string analytics_aggregate_batch(const std::string& request) { return sharelock::analytics_aggregate_batch(request); }
std::string analytics_range(const std::string& request) { return sharelock::analytics_range(request); }
std::string analytics_report(const std::string& request) { return sharelock::analytics_report(request); }
std::string analytics_csv(const std::string& request) { return sharelock::analytics_csv(request); }
std::string analytics_share_counts(const std::string& request) { return sharelock::analytics_share_counts(request); }

}  // namespace

EMSCRIPTEN_BINDINGS(sharelock_server) {
  emscripten::function("checkUnlockRequest", &check_unlock_request);
  emscripten::function("issueUnlockToken", &issue_unlock_token);
  emscripten::function("checkUnlockToken", &check_unlock_token);
  emscripten::function("codeHash", &code_hash);
  emscripten::function("normalizeHost", &normalize_host);
  emscripten::function("analyticsBatchRefs", &analytics_batch_refs);
  emscripten::function("analyticsAggregateBatch", &analytics_aggregate_batch);
  emscripten::function("analyticsRange", &analytics_range);
  emscripten::function("analyticsReport", &analytics_report);
  emscripten::function("analyticsCsv", &analytics_csv);
  emscripten::function("analyticsShareCounts", &analytics_share_counts);
}

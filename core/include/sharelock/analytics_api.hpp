// The analytics calls of the verification server, JSON in and JSON out like
// the rest of its core (verification_server.hpp); analytics.hpp has the
// rules. Failures: {"ok": false, "status", "error": {"code", "message"}}.
// Rows are {"day", "item", "network", "event", "detail", "count",
// "valueMilli"} as the store keeps them.
#pragma once

#include <string>
#include <string_view>

namespace sharelock {

// Request: {"body": the POST body}. Response: {"ok": true, "id", "lookup":
// [refs whose targets the store must find]} or a refusal (400/413).
std::string analytics_batch_refs(std::string_view request_json);

// Request: {"body", "now", "knownRefs": {ref: {"item", "network"}}}.
// Response: {"ok": true, "id", "day", "increments": [row…], "refs": [{"ref",
// "item", "network"}], "dropped", "problem", "unattributed", "repeats"} or a
// refusal.
std::string analytics_aggregate_batch(std::string_view request_json);

// Request: {"byDay", "funnel", "funnelItems", "errors", "errorCodes" (the
// store's sums, analytics::ReportSums), "now", "days"}. Response: {"ok":
// true, "report"} (see analytics::report_json) or a refusal (400
// "invalid-days").
std::string analytics_report(std::string_view request_json);

// Request: {"days": n, "now"}. Response: {"ok": true, "firstDay", "lastDay",
// "listLimit"} or a refusal: the range a report or an export reads from the
// store, and how many funnel items and error codes a report lists.
std::string analytics_range(std::string_view request_json);

// Request: {"rows", "header" (default true)}. Response: {"ok": true, "csv"}.
std::string analytics_csv(std::string_view request_json);

// Request: {"rows", "item", "now"}. Response: {"ok": true, "last7Days", "all"}:
// the item's sharers (analytics::share_counts).
std::string analytics_share_counts(std::string_view request_json);

}  // namespace sharelock

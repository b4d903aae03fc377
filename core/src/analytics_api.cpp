#include "sharelock/analytics_api.hpp"

#include <map>
#include <vector>

#include "sharelock/analytics.hpp"
#include "sharelock/widget_request.hpp"

namespace sharelock {
namespace {

Json refusal(int status, const Error& error) {
  return {{"ok", false}, {"status", status}, {"error", {{"code", error.code}, {"message", error.message}}}};
}

int status_of(const Error& error) { return error.code == "batch-too-large" ? 413 : 400; }

std::int64_t integer_at(const Json& object, std::string_view key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

bool bool_at(const Json& object, std::string_view key, bool fallback) {
  const auto it = object.find(key);
  return it != object.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

Json row_json(const analytics::CounterKey& key, std::int64_t count, std::int64_t value_milli) {
  return {{"day", key.day},       {"item", key.item},   {"network", key.network},     {"event", key.event},
          {"detail", key.detail}, {"count", count},     {"valueMilli", value_milli}};
}

// Rows from the store: trusted more than a page, still read defensively
// (a malformed row is skipped rather than crashing a report).
std::vector<analytics::Row> read_rows(const Json& request, const char* name = "rows") {
  std::vector<analytics::Row> rows;
  const auto list = request.find(name);
  if (list == request.end() || !list->is_array()) return rows;
  for (const Json& raw : *list) {
    if (!raw.is_object()) continue;
    analytics::Row row;
    row.key = {integer_at(raw, "day"), string_at(raw, "item"), string_at(raw, "network"), string_at(raw, "event"),
               string_at(raw, "detail")};
    row.count = integer_at(raw, "count");
    row.value_milli = integer_at(raw, "valueMilli");
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<analytics::DayRange> read_range(const Json& request) {
  const auto days = request.find("days");
  const std::int64_t count = days != request.end() && days->is_number_integer() ? days->get<std::int64_t>() : 0;
  return analytics::report_range(millis_at(request, "now"), count);
}

}  // namespace

std::string analytics_batch_refs(std::string_view request_json) {
  Problems problems;
  const Json request = parse_request(request_json, problems);
  auto batch = analytics::read_batch(string_at(request, "body"));
  if (!batch) return dump_json(refusal(status_of(batch.error()), batch.error()));
  return dump_json({{"ok", true}, {"id", batch.value().id}, {"lookup", analytics::referenced_refs(batch.value())}});
}

std::string analytics_aggregate_batch(std::string_view request_json) {
  Problems problems;
  const Json request = parse_request(request_json, problems);
  auto batch = analytics::read_batch(string_at(request, "body"));
  if (!batch) return dump_json(refusal(status_of(batch.error()), batch.error()));
  std::map<std::string, analytics::RefTarget> known;
  for (const auto& [ref, target] : object_at(request, "knownRefs").items()) {
    known.emplace(ref, analytics::RefTarget{string_at(target, "item"), string_at(target, "network")});
  }
  const std::int64_t now = millis_at(request, "now");
  const analytics::Aggregate sums = analytics::aggregate(batch.value(), now, known);
  Json increments = Json::array();
  for (const auto& increment : sums.increments) increments.push_back(row_json(increment.key, increment.count, increment.value_milli));
  Json refs = Json::array();
  for (const auto& [ref, target] : sums.refs) refs.push_back({{"ref", ref}, {"item", target.item}, {"network", target.network}});
  return dump_json({{"ok", true},
                    {"id", batch.value().id},
                    {"day", analytics::day_of(now)},
                    {"increments", std::move(increments)},
                    {"refs", std::move(refs)},
                    {"dropped", batch.value().dropped},
                    {"problem", batch.value().first_problem},
                    {"unattributed", sums.unattributed},
                    {"repeats", sums.repeats}});
}

std::string analytics_range(std::string_view request_json) {
  Problems problems;
  const Json request = parse_request(request_json, problems);
  auto range = read_range(request);
  if (!range) return dump_json(refusal(400, range.error()));
  return dump_json({{"ok", true},
                    {"firstDay", range.value().first},
                    {"lastDay", range.value().last},
                    {"listLimit", analytics::kReportListLimit}});
}

std::string analytics_report(std::string_view request_json) {
  Problems problems;
  const Json request = parse_request(request_json, problems);
  auto range = read_range(request);
  if (!range) return dump_json(refusal(400, range.error()));
  // report_json is already JSON text: wrapped as it is, not parsed again.
  analytics::ReportSums sums;
  sums.by_day = read_rows(request, "byDay");
  sums.funnel = read_rows(request, "funnel");
  sums.funnel_items = integer_at(request, "funnelItems");
  sums.errors = read_rows(request, "errors");
  sums.error_codes = integer_at(request, "errorCodes");
  return R"({"ok":true,"report":)" + analytics::report_json(sums, range.value()) + "}";
}

std::string analytics_csv(std::string_view request_json) {
  Problems problems;
  const Json request = parse_request(request_json, problems);
  return dump_json({{"ok", true}, {"csv", analytics::rows_csv(read_rows(request), bool_at(request, "header", true))}});
}

std::string analytics_share_counts(std::string_view request_json) {
  Problems problems;
  const Json request = parse_request(request_json, problems);
  const auto counts = analytics::share_counts(read_rows(request), string_at(request, "item"), millis_at(request, "now"));
  return dump_json({{"ok", true}, {"last7Days", counts.last_7_days}, {"all", counts.all}});
}

}  // namespace sharelock

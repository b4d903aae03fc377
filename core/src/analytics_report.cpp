// The site owner's side of first-party analytics (analytics.hpp): the
// dashboard's report, the CSV export and the badge's share counts, all made
// from counter rows the server read from its store. Reading and folding
// the pages' batches is analytics.cpp.
#include <algorithm>
#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

#include "sharelock/analytics.hpp"
#include "sharelock/civil_time.hpp"
#include "sharelock/widget_request.hpp"

namespace sharelock::analytics {
namespace {

Json zero_counts(std::initializer_list<std::string_view> names) {
  Json counts = Json::object();
  for (std::string_view name : names) counts[std::string(name)] = 0;
  return counts;
}

void add_to(Json& counts, const std::string& event, std::int64_t count) {
  if (counts.contains(event)) counts[event] = counts[event].get<std::int64_t>() + count;
}

std::string csv_cell(std::string_view text) {
  std::string cell(text);
  // A cell starting with one of these runs as a formula in a spreadsheet.
  if (!cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos) cell.insert(0, "'");
  // Spreadsheets in Spanish, German or French locales split on ';' (and
  // some on tabs): quoted, "a;=1+2" stays one cell instead of becoming a
  // second one that starts a formula.
  if (cell.find_first_of(",;\t\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string milli_text(std::int64_t milli) {
  std::string text = std::to_string(milli / 1000);
  const std::int64_t fraction = milli % 1000;
  if (fraction != 0) {
    std::string digits = std::to_string(1000 + fraction).substr(1);
    while (digits.back() == '0') digits.pop_back();
    text += "." + digits;
  }
  return text;
}

double milli_number(std::int64_t milli) { return static_cast<double>(milli) / 1000.0; }

}  // namespace

std::string iso_day(std::int64_t day) {
  const civil::Date date = civil::civil_from_days(day);
  char text[16];
  std::snprintf(text, sizeof text, "%04lld-%02u-%02u", static_cast<long long>(date.year), date.month, date.day);
  return text;
}

Result<DayRange> report_range(std::int64_t now, std::int64_t days) {
  if (days < 1 || days > kMaxReportDays) return Error{"invalid-days", "days", "days must be from 1 to 366"};
  const std::int64_t today = day_of(now);
  return DayRange{today - days + 1, today};
}

std::string report_json(const ReportSums& sums, DayRange range) {
  const std::initializer_list<std::string_view> kDayEvents = {"impression", "share", "unlock", "visit", "conversion"};
  const std::initializer_list<std::string_view> kNetworkEvents = {"share", "unlock", "visit", "conversion"};
  Json days = Json::array();
  for (std::int64_t day = range.first; day <= range.last; ++day) {
    Json entry = zero_counts(kDayEvents);
    entry["date"] = iso_day(day);
    days.push_back(std::move(entry));
  }
  Json totals = zero_counts({"impression", "share", "unlock", "visit", "conversion", "countdown-ended", "proof-shown", "error"});
  std::map<std::string, Json> networks;
  std::int64_t total_value = 0;
  for (const Row& row : sums.by_day) {
    if (row.key.day < range.first || row.key.day > range.last || row.count < 0) continue;
    const std::string& event = row.key.event;
    add_to(days[static_cast<std::size_t>(row.key.day - range.first)], event, row.count);
    add_to(totals, event, row.count);
    if (event == "conversion") total_value += row.value_milli;
    if (!row.key.network.empty() && (event == "share" || event == "unlock" || event == "visit" || event == "conversion")) {
      auto [it, fresh] = networks.try_emplace(row.key.network, zero_counts(kNetworkEvents));
      if (fresh) it->second["network"] = row.key.network;
      add_to(it->second, event, row.count);
    }
  }
  totals["value"] = milli_number(total_value);

  std::map<std::string, Json> funnel;
  std::map<std::string, std::int64_t> item_value;
  for (const Row& row : sums.funnel) {
    const std::string& event = row.key.event;
    // The funnel follows shares: a conversion without a share behind it is
    // in the totals, not in "share → visit → conversion".
    const bool from_share = event != "conversion" || !row.key.network.empty();
    const bool in_funnel = event == "impression" || event == "share" || event == "visit" || event == "conversion";
    if (row.key.item.empty() || !from_share || !in_funnel || row.count < 0) continue;
    auto [it, fresh] = funnel.try_emplace(row.key.item, zero_counts({"impression", "share", "visit", "conversion"}));
    if (fresh) it->second["item"] = row.key.item;
    add_to(it->second, event, row.count);
    if (event == "conversion") item_value[row.key.item] += row.value_milli;
  }

  Json network_list = Json::array();
  for (auto& [name, entry] : networks) network_list.push_back(std::move(entry));
  std::stable_sort(network_list.begin(), network_list.end(),
                   [](const Json& a, const Json& b) { return a["share"].get<std::int64_t>() > b["share"].get<std::int64_t>(); });
  Json funnel_list = Json::array();
  for (auto& [item, entry] : funnel) {
    entry["value"] = milli_number(item_value[item]);
    funnel_list.push_back(std::move(entry));
  }
  std::stable_sort(funnel_list.begin(), funnel_list.end(),
                   [](const Json& a, const Json& b) { return a["share"].get<std::int64_t>() > b["share"].get<std::int64_t>(); });
  if (funnel_list.size() > static_cast<std::size_t>(kReportListLimit)) funnel_list.erase(funnel_list.begin() + kReportListLimit, funnel_list.end());

  std::map<std::string, std::int64_t> errors;
  for (const Row& row : sums.errors) {
    if (row.key.event == "error" && row.count >= 0) errors[row.key.detail] += row.count;
  }
  Json error_list = Json::array();
  for (const auto& [code, count] : errors) error_list.push_back({{"code", code}, {"count", count}});
  std::stable_sort(error_list.begin(), error_list.end(),
                   [](const Json& a, const Json& b) { return a["count"].get<std::int64_t>() > b["count"].get<std::int64_t>(); });
  if (error_list.size() > static_cast<std::size_t>(kReportListLimit)) error_list.erase(error_list.begin() + kReportListLimit, error_list.end());

  return dump_json({{"from", iso_day(range.first)}, {"to", iso_day(range.last)}, {"days", std::move(days)},
                    {"totals", std::move(totals)}, {"networks", std::move(network_list)},
                    {"funnel", std::move(funnel_list)},
                    {"funnelItems", std::max<std::int64_t>(sums.funnel_items, static_cast<std::int64_t>(funnel.size()))},
                    {"errors", std::move(error_list)},
                    {"errorCodes", std::max<std::int64_t>(sums.error_codes, static_cast<std::int64_t>(errors.size()))}});
}

std::string rows_csv(const std::vector<Row>& rows, bool header) {
  std::string csv = header ? "date,item,network,event,detail,count,value\r\n" : "";
  for (const Row& row : rows) {
    csv += iso_day(row.key.day) + "," + csv_cell(row.key.item) + "," + csv_cell(row.key.network) + "," +
           csv_cell(row.key.event) + "," + csv_cell(row.key.detail) + "," + std::to_string(row.count) + "," +
           milli_text(row.value_milli) + "\r\n";
  }
  return csv;
}

ShareCounts share_counts(const std::vector<Row>& rows, std::string_view item, std::int64_t now) {
  ShareCounts counts;
  const std::int64_t today = day_of(now);
  for (const Row& row : rows) {
    if (row.key.event != "sharer" || row.key.item != item || row.key.day > today || row.count < 0) continue;
    counts.all += row.count;
    if (row.key.day > today - 7) counts.last_7_days += row.count;
  }
  return counts;
}

}  // namespace sharelock::analytics

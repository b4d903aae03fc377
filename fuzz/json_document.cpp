// JsonDocuments as a hostile page could hand them over: the shim's own
// flattening (web/json-document.js) always writes well-formed trees, but
// whatever script runs on the page can call the module with raw nodes, so
// every reader must hold with any kind, key, number, text and `end` — ends
// that point backwards, at themselves, past the document; kinds the shim
// never writes; NaN, infinities and numbers past 2^53 or a Date's range.
// The bytes become nodes (four bytes each) and the document goes to
// JsonView and to every typed call that reads one.
#include <cmath>
#include <limits>
#include <vector>

#include "sharelock/civil_time.hpp"
#include "sharelock/countdown_widget.hpp"
#include "sharelock/json_document.hpp"
#include "sharelock/oauth_state.hpp"
#include "sharelock/pay_machine.hpp"
#include "sharelock/proof_feed.hpp"
#include "sharelock/proof_widget.hpp"
#include "sharelock/verified_pay.hpp"

#include "fuzz_support.hpp"

namespace {

using namespace sharelock;

constexpr std::int64_t kNow = 1'795'617'000'000;
using civil::kMaxDateMillis;

// Member names the core looks up, so lookups find something.
constexpr const char* kKeys[] = {
    "",      "v",       "start",   "until",   "openedAt", "since",   "shown",        "token",   "expiresAt",
    "state", "item",    "context", "error",   "code",     "content", "text",         "url",     "label",
    "type",  "count",   "window",  "at",      "stock",    "host",    "issuer",       "network", "redirectUri",
    "server", "version", "counters", "events", "name",    "place",   "codeVerifier", "returnPath", "consumed"};

constexpr const char* kKinds[] = {"null", "boolean", "number", "string", "array", "object", "", "Object"};

constexpr const char* kTexts[] = {"",
                                  "x",
                                  "purchase",
                                  "all",
                                  "24h",
                                  "2026-12-01T10:00:00Z",
                                  "https://shop.example/ebook",
                                  "javascript:alert(1)",
                                  "AAECAwQFBgcICQoLDA0ODw",
                                  "v1.demo.AAAA.BBBB",
                                  "/ebook",
                                  "<img src=x>",
                                  "\xff\xfe",
                                  "Ana"};

double number_of(std::uint8_t byte) {
  switch (byte % 12) {
    case 0: return 0;
    case 1: return 1;
    case 2: return -1;
    case 3: return 0.5;
    case 4: return std::numeric_limits<double>::quiet_NaN();
    case 5: return std::numeric_limits<double>::infinity();
    case 6: return 9007199254740994.0;               // past 2^53
    case 7: return static_cast<double>(kMaxDateMillis) + 1000;
    case 8: return static_cast<double>(kNow + 60'000);  // a minute from now
    case 9: return static_cast<double>(kNow - 60'000);
    case 10: return 1e300;
    default: return static_cast<double>(byte) * 1e9;
  }
}

// Four bytes a node: kind, key, end (relative, signed: backwards too),
// number-or-text; the first byte says whether the document is valid.
JsonDocument document_of(std::string_view input) {
  JsonDocument document;
  if (input.empty()) return document;
  document.valid = (input[0] & 1) != 0;
  input.remove_prefix(1);
  for (std::size_t at = 0; at + 4 <= input.size(); at += 4) {
    const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(input[at + i]); };
    const std::size_t index = document.nodes.size();
    JsonNode node;
    node.kind = kKinds[byte(0) % std::size(kKinds)];
    node.key = kKeys[byte(1) % std::size(kKeys)];
    const auto offset = static_cast<std::int8_t>(byte(2));
    node.end = offset == -128 ? std::numeric_limits<std::int32_t>::max()
                              : static_cast<std::int32_t>(index) + offset;
    node.number = number_of(byte(3));
    node.text = kTexts[byte(3) % std::size(kTexts)];
    document.nodes.push_back(std::move(node));
  }
  return document;
}

// Every node reachable from the root is visited, each child after its
// parent and in order: a walk that moves forward and stays in the document.
void walk(const JsonDocument& document) {
  std::vector<std::pair<JsonView, std::size_t>> pending{{JsonView(document), 0}};
  std::size_t visited = 0;
  while (!pending.empty()) {
    const JsonView view = pending.back().first;
    pending.pop_back();
    if (!view.exists()) continue;
    fuzz::check(++visited <= document.nodes.size(), "a walk visits more nodes than the document has");
    const std::vector<JsonView> children = view.children();
    fuzz::check(children.size() == view.size(), "size() is not the number of children");
    for (const JsonView& child : children) {
      fuzz::check(child.exists(), "a child outside the document");
      const JsonView found = view[child.key()];
      fuzz::check(!view.is_object() || (found.exists() && found.key() == child.key()),
                  "a member is not found by its own key", child.key());
      pending.push_back({child, 0});
    }
    const auto millis = view.millis();
    fuzz::check(!millis || (*millis >= -kMaxDateMillis && *millis <= kMaxDateMillis), "millis out of range");
    fuzz::check(view.text().empty() || view.is("string"), "text() of a non-string");
  }
}

void read_as_verified(const JsonDocument& document) {
  for (const double status : {0.0, 200.0, 403.0, 500.0}) {
    const UnlockRead read = read_unlock_response({"ebook-1", static_cast<double>(kNow), status, document});
    if (!read.ok) {
      fuzz::check(fuzz::is_error_code(read.error.code), "an unlock error code outside [a-z0-9-]{1,40}", read.error.code);
      continue;
    }
    fuzz::check(status == 200 && read.expires_at > static_cast<double>(kNow), "an unlock from a bad answer");
    const std::string& link = read.content.url;
    fuzz::check(link.empty() || link.rfind("https://", 0) == 0 || link.rfind("http://", 0) == 0,
                "content link is not http(s)", link);
  }
  VerifiedCallbackRequest callback{"?code=c0de&state=AAECAwQFBgcICQoLDA0ODw", "https://shop.example/cb",
                                   static_cast<double>(kNow), true, document, document};
  const VerifiedCallback answer = accept_verified_callback(callback);
  fuzz::check(answer.outcome == "none" || answer.outcome == "exchange" || answer.outcome == "denied" ||
                  answer.outcome == "failed",
              "callback outcome", answer.outcome);
  fuzz::check(answer.outcome != "exchange" || answer.code == "c0de", "exchanged another code", answer.code);
  oauth::is_pending(document, kNow);
}

void read_as_records(const JsonDocument& document) {
  pay::is_live_record(document, kNow);
  const auto opened = pay::decode_pending(document);
  fuzz::check(!opened || (*opened >= 0 && *opened <= kMaxDateMillis), "a pending record opened out of range");
  const ProofToastGate gate = proof_toast_gate({document, static_cast<double>(kNow), 5, 0, "show"});
  fuzz::check(JsonView(gate.store)["v"].whole_number() == 1, "the cap writes a version-1 record");
  const StockFeedResult stock = stock_from_feed(document, "en");
  fuzz::check(stock.ok != !stock.error.code.empty(), "a stock answer is a text or an error");
  const auto feed = proof::parse_feed(document, 100, kNow);
  if (feed) {
    for (const auto& counter : feed.value().counters) {
      fuzz::check(counter.count >= 0 && counter.count <= 999'999'999'999, "a count out of range");
    }
    for (const auto& event : feed.value().events) {
      fuzz::check(event.at <= kNow + proof::kFutureTolerance, "an event from the future");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const JsonDocument document = document_of(fuzz::as_text(data, size));
  walk(document);
  read_as_verified(document);
  read_as_records(document);
  return 0;
}

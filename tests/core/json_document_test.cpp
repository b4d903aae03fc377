#include "sharelock/json_document.hpp"

#include <gtest/gtest.h>

#include "json_document_json.hpp"

namespace sharelock {
namespace {

using testing::json_document;
using testing::json_text;

TEST(JsonDocumentTest, ReadsMembersElementsAndScalars) {
  const JsonDocument document =
      json_document(R"({"v":1,"name":"Ada","ok":true,"none":null,"list":[3,{"x":"y"},[]],"half":1.5})");
  const JsonView root(document);
  ASSERT_TRUE(root.is_object());
  EXPECT_EQ(root["v"].whole_number(), 1);
  EXPECT_EQ(root["name"].string(), "Ada");
  EXPECT_EQ(root["ok"].boolean(), true);
  EXPECT_TRUE(root["none"].is_null());
  EXPECT_EQ(root["half"].number(), 1.5);
  EXPECT_EQ(root["half"].whole_number(), std::nullopt);
  const auto list = root["list"].children();
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].whole_number(), 3);
  EXPECT_EQ(list[1]["x"].string(), "y");
  EXPECT_TRUE(list[2].is_array());
  EXPECT_EQ(list[2].size(), 0u);
  EXPECT_EQ(root.size(), 6u);
}

TEST(JsonDocumentTest, AbsentAndMistypedValuesReadAsNothing) {
  const JsonDocument document = json_document(R"({"n":"7","s":7})");
  const JsonView root(document);
  EXPECT_FALSE(root["missing"].exists());
  EXPECT_FALSE(root["missing"]["deeper"].exists());
  EXPECT_EQ(root["n"].whole_number(), std::nullopt);
  EXPECT_EQ(root["s"].string(), std::nullopt);
  EXPECT_EQ(root["s"].boolean(), std::nullopt);
  EXPECT_TRUE(root["s"].children().empty());
  EXPECT_FALSE(JsonView(json_document("not json")).exists());
  EXPECT_FALSE(JsonView(JsonDocument{}).exists());
}

TEST(JsonDocumentTest, WholeNumbersAreThoseAJavaScriptNumberHoldsExactly) {
  EXPECT_EQ(JsonView(json_document("9007199254740992"))  .whole_number(), 9007199254740992);
  EXPECT_EQ(JsonView(json_document("-9007199254740992")).whole_number(), -9007199254740992);
  EXPECT_EQ(JsonView(json_document("1e300")).whole_number(), std::nullopt);
  EXPECT_EQ(JsonView(json_document("1e300")).number(), 1e300);
}

TEST(JsonDocumentTest, TheLastOfTwoEqualKeysWinsAsInJsonParse) {
  JsonDocument document;
  document.valid = true;
  document.nodes = {{"", "object", 0, "", 3}, {"a", "number", 1, "", 2}, {"a", "number", 2, "", 3}};
  EXPECT_EQ(JsonView(document)["a"].whole_number(), 2);
}

TEST(JsonDocumentTest, UntrustedEndsNeverWalkOutsideTheDocument) {
  JsonDocument document;
  document.valid = true;
  // Ends pointing backwards, at themselves and past the end.
  document.nodes = {{"", "object", 0, "", 99}, {"a", "array", 0, "", 0}, {"b", "object", 0, "", -5},
                    {"c", "string", 0, "x", 2}};
  const JsonView root(document);
  EXPECT_EQ(root.size(), 3u);
  EXPECT_EQ(root["c"].string(), "x");
  EXPECT_EQ(root["a"].size(), 0u);
}

TEST(JsonDocumentTest, ASubtreeNeverReachesPastTheOneThatHoldsIt) {
  JsonDocument document;
  document.valid = true;
  // {"a": [ …ends at 3 ], "b": …}, but "a"'s only element claims to end at 4:
  // "b" (node 3) must not also be read as that element's child.
  document.nodes = {{"", "object", 0, "", 4}, {"a", "array", 0, "", 3}, {"", "object", 0, "", 4},
                    {"b", "string", 0, "y", 4}};
  const JsonView root(document);
  EXPECT_EQ(root.size(), 2u);
  EXPECT_EQ(root["b"].string(), "y");
  const JsonView element = root["a"].children().at(0);
  EXPECT_EQ(element.size(), 0u);
  EXPECT_FALSE(element["b"].exists());
}

TEST(JsonDocumentTest, WritesAFlatObjectInTheOrderGiven) {
  const JsonDocument written = JsonObjectWriter()
                                   .add_number("v", 1)
                                   .add_string("item", "ebook \"2\"")
                                   .add_boolean("consumed", false)
                                   .add_null("until")
                                   .add_number("at", 1767225600000)
                                   .done();
  EXPECT_EQ(json_text(written), R"({"v":1,"item":"ebook \"2\"","consumed":false,"until":null,"at":1767225600000})");
  const JsonView root(written);
  EXPECT_EQ(root["item"].string(), "ebook \"2\"");
  EXPECT_EQ(root["at"].whole_number(), 1767225600000);
  EXPECT_EQ(root.size(), 5u);
}

}  // namespace
}  // namespace sharelock

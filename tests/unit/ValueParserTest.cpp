#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "riskmap/import/ValueParser.hpp"

namespace riskmap {
namespace {

FieldSpec spec(FieldType t) { return FieldSpec{"f", t}; }

TEST(ValueParser, RealsAreParsedStrictly) {
  EXPECT_EQ(std::get<double>(parseText(" 1016 ", spec(FieldType::Real)).value), 1016.0);
  EXPECT_EQ(std::get<double>(parseText("6.3", spec(FieldType::Real)).value), 6.3);
  EXPECT_EQ(std::get<double>(parseText("1e3", spec(FieldType::Real)).value), 1000.0);
  EXPECT_EQ(*parseText("DN500", spec(FieldType::Real)).error, "'DN500' is not a number");
  EXPECT_TRUE(parseText("12,5", spec(FieldType::Real)).error);
  EXPECT_TRUE(parseText("nan", spec(FieldType::Real)).error);
}

TEST(ValueParser, BlankIsNullNotAnError) {
  const ParsedValue v = parseText("  ", spec(FieldType::Real));
  EXPECT_FALSE(v.error);
  EXPECT_TRUE(isNull(v.value));
}

TEST(ValueParser, IntegersMustBeWhole) {
  EXPECT_EQ(std::get<long long>(parseText("12", spec(FieldType::Integer)).value), 12);
  EXPECT_EQ(std::get<long long>(parseText("12.0", spec(FieldType::Integer)).value), 12);
  EXPECT_EQ(*parseText("2.5", spec(FieldType::Integer)).error, "'2.5' is not a whole number");
}

TEST(ValueParser, DatesAreRealCalendarDays) {
  EXPECT_EQ(std::get<std::string>(parseText("2024-02-29", spec(FieldType::Date)).value), "2024-02-29");
  EXPECT_EQ(std::get<std::string>(parseText("2024/3/5", spec(FieldType::Date)).value), "2024-03-05");
  EXPECT_TRUE(parseText("2023-02-29", spec(FieldType::Date)).error);  // not a leap year
  EXPECT_TRUE(parseText("2024-13-45", spec(FieldType::Date)).error);
  EXPECT_TRUE(parseText("yesterday", spec(FieldType::Date)).error);
}

TEST(ValueParser, JsonIsValidatedAndNormalised) {
  EXPECT_EQ(std::get<std::string>(parseText("[ {\"q_t\" : 1} ]", spec(FieldType::Json)).value), "[{\"q_t\":1}]");
  EXPECT_EQ(*parseText("[{q_t: 1}", spec(FieldType::Json)).error, "is not valid JSON");
}

TEST(ValueParser, RangeAndCodeChecks) {
  FieldSpec q{"q", FieldType::Real, true, "t", "", 0.0};
  EXPECT_EQ(*checkValue(Value{-3.0}, q), "negative value -3 is below the minimum 0");
  EXPECT_FALSE(checkValue(Value{0.0}, q));
  FieldSpec medium{"medium", FieldType::Text, true, "", "", std::nullopt, std::nullopt, {"gas", "oil"}};
  EXPECT_EQ(*checkValue(Value{std::string("water")}, medium), "'water' is not one of: gas, oil");
  EXPECT_FALSE(checkValue(Value{std::string("oil")}, medium));
  FieldSpec score{"score", FieldType::Real, false, "", "", 0.0, 100.0};
  EXPECT_EQ(*checkValue(Value{101.0}, score), "value 101 is above the maximum 100");
}

TEST(ValueParser, NonFiniteTypedValuesAreRejected) {
  // A typed source field (GeoPackage REAL) can hold inf or NaN; NaN passes every comparison, so it is caught first.
  FieldSpec people{"people", FieldType::Real, true, "people", "", 0.0, 1e8};
  EXPECT_EQ(*checkValue(Value{std::numeric_limits<double>::infinity()}, people), "value inf is not a finite number");
  EXPECT_EQ(*checkValue(Value{std::nan("")}, people), "value nan is not a finite number");
  EXPECT_EQ(*checkValue(Value{1e9}, people), "value 1000000000 is above the maximum 100000000");
}

}  // namespace
}  // namespace riskmap

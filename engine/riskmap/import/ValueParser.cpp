#include "riskmap/import/ValueParser.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace riskmap {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::optional<double> strictNumber(const std::string& text) {
  double v = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (first != last && *first == '+') ++first;
  const auto [ptr, ec] = std::from_chars(first, last, v);
  if (ec != std::errc() || ptr != last || !std::isfinite(v)) return std::nullopt;
  return v;
}

bool isLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

std::optional<std::string> isoDate(int y, int m, int d) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2200 || m < 1 || m > 12) return std::nullopt;
  const int maxDay = days[m - 1] + (m == 2 && isLeap(y) ? 1 : 0);
  if (d < 1 || d > maxDay) return std::nullopt;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return std::string(buf);
}

ParsedValue fail(std::string why) { return ParsedValue{Value{}, std::move(why)}; }

}  // namespace

ParsedValue parseText(const std::string& raw, const FieldSpec& spec) {
  const std::string text = trim(raw);
  if (text.empty()) return {};
  switch (spec.type) {
    case FieldType::Text:
      return {Value{text}, std::nullopt};
    case FieldType::Real: {
      const auto v = strictNumber(text);
      if (!v) return fail("'" + text + "' is not a number");
      return {Value{*v}, std::nullopt};
    }
    case FieldType::Integer: {
      const auto v = strictNumber(text);
      if (!v) return fail("'" + text + "' is not a number");
      if (*v != std::floor(*v) || std::fabs(*v) > 9.0e15) return fail("'" + text + "' is not a whole number");
      return {Value{static_cast<long long>(*v)}, std::nullopt};
    }
    case FieldType::Date: {
      int y = 0, m = 0, d = 0;
      char s1 = 0, s2 = 0, rest = 0;
      if (std::sscanf(text.c_str(), "%d%c%d%c%d%c", &y, &s1, &m, &s2, &d, &rest) >= 5 && s1 == s2 &&
          (s1 == '-' || s1 == '/' || s1 == '.') && (rest == 0 || rest == ' ' || rest == 'T')) {
        if (auto iso = isoDate(y, m, d)) return {Value{*iso}, std::nullopt};
      }
      return fail("'" + text + "' is not a date (YYYY-MM-DD)");
    }
    case FieldType::Json: {
      try {
        return {Value{nlohmann::json::parse(text).dump()}, std::nullopt};
      } catch (const nlohmann::json::exception&) {
        return fail("is not valid JSON");
      }
    }
  }
  return {};
}

ParsedValue parseField(const OGRFeature& feature, int fieldIndex, const FieldSpec& spec,
                       const TextDecoder& decoder) {
  if (fieldIndex < 0 || !feature.IsFieldSetAndNotNull(fieldIndex)) return {};
  const OGRFieldDefn* defn = feature.GetFieldDefnRef(fieldIndex);
  const OGRFieldType t = defn->GetType();
  auto& f = const_cast<OGRFeature&>(feature);
  // Typed source fields pass through without a text round trip.
  if (spec.type == FieldType::Real && (t == OFTReal || t == OFTInteger || t == OFTInteger64))
    return {Value{f.GetFieldAsDouble(fieldIndex)}, std::nullopt};
  if (spec.type == FieldType::Integer && (t == OFTInteger || t == OFTInteger64))
    return {Value{static_cast<long long>(f.GetFieldAsInteger64(fieldIndex))}, std::nullopt};
  if (spec.type == FieldType::Date && (t == OFTDate || t == OFTDateTime)) {
    int y, m, d, hh, mm, tz;
    float ss;
    f.GetFieldAsDateTime(fieldIndex, &y, &m, &d, &hh, &mm, &ss, &tz);
    if (auto iso = isoDate(y, m, d)) return {Value{*iso}, std::nullopt};
    return fail("is not a valid date");
  }
  const std::string text = t == OFTString ? decoder.decode(f.GetFieldAsString(fieldIndex))
                                          : std::string(f.GetFieldAsString(fieldIndex));
  return parseText(text, spec);
}

std::optional<std::string> checkValue(const Value& value, const FieldSpec& spec) {
  if (isNull(value)) return std::nullopt;
  double number = 0;
  bool numeric = false;
  if (const auto* i = std::get_if<long long>(&value)) number = static_cast<double>(*i), numeric = true;
  if (const auto* d = std::get_if<double>(&value)) number = *d, numeric = true;
  if (numeric) {
    if (!std::isfinite(number)) return "value " + valueToString(value) + " is not a finite number";
    if (spec.minimum && number < *spec.minimum) {
      return (number < 0 && *spec.minimum >= 0 ? "negative value " : "value ") + valueToString(value) +
             " is below the minimum " + valueToString(Value{*spec.minimum});
    }
    if (spec.maximum && number > *spec.maximum)
      return "value " + valueToString(value) + " is above the maximum " + valueToString(Value{*spec.maximum});
  }
  if (!spec.allowed.empty()) {
    const auto* s = std::get_if<std::string>(&value);
    if (s && std::find(spec.allowed.begin(), spec.allowed.end(), *s) == spec.allowed.end()) {
      std::string list;
      for (const auto& a : spec.allowed) list += (list.empty() ? "" : ", ") + a;
      return "'" + *s + "' is not one of: " + list;
    }
  }
  return std::nullopt;
}

std::string valueToString(const Value& value) {
  if (const auto* i = std::get_if<long long>(&value)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&value)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", *d);
    return buf;
  }
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  return {};
}

}  // namespace riskmap

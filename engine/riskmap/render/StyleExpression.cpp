// The MapLibre expressions riskmap's renderer evaluates (docs/styles.md
// lists them), and the check at load time that a style uses no other: an
// unsupported operator is a UserError naming the layer and property, never
// an exception at drawing time. Evaluation never throws: a value of the
// wrong type gives null, as MapLibre falls back to the property's default.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "riskmap/core/Error.hpp"
#include "riskmap/render/Style.hpp"

namespace riskmap {
namespace {

using json = nlohmann::json;

const std::set<std::string> kOperators = {
    "get", "has", "literal", "zoom", "match", "case", "coalesce", "step", "interpolate", "concat", "to-string",
    "to-number", "number-format", "==", "!=", "<", "<=", ">", ">=", "!", "all", "any", "in", "palette", "downcase", "upcase",
    "!in", "!has"};  // the last two: legacy filters only (Style::matches)

bool truthy(const json& v) { return v.is_boolean() ? v.get<bool>() : false; }

std::string text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number()) {
    const double d = v.get<double>();
    char b[40];
    if (std::floor(d) == d && std::fabs(d) < 1e15) std::snprintf(b, sizeof b, "%.0f", d);
    else std::snprintf(b, sizeof b, "%.15g", d);
    return b;
  }
  return v.dump();
}

// a < b for two numbers or two strings; nullopt when they do not compare.
std::optional<int> compare(const json& a, const json& b) {
  if (a.is_number() && b.is_number()) {
    const double x = a.get<double>(), y = b.get<double>();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a.is_string() && b.is_string()) return a.get<std::string>().compare(b.get<std::string>()) < 0 ? -1 : a == b ? 0 : 1;
  return std::nullopt;
}

// Between two stops: numbers, colours ("#rrggbb", rgb()), or numeric arrays.
json blend(const json& a, const json& b, double t) {
  if (a.is_number() && b.is_number()) return a.get<double>() + (b.get<double>() - a.get<double>()) * t;
  if (a.is_string() && b.is_string()) {
    const Rgba x = parseColour(a), y = parseColour(b);
    return json::array({255 * (x.r + (y.r - x.r) * t), 255 * (x.g + (y.g - x.g) * t), 255 * (x.b + (y.b - x.b) * t),
                        x.a + (y.a - x.a) * t});
  }
  if (a.is_array() && b.is_array() && a.size() == b.size()) {
    json out = json::array();
    for (std::size_t i = 0; i < a.size(); ++i) out.push_back(blend(a[i], b[i], t));
    return out;
  }
  return t < 0.5 ? a : b;
}

struct Eval {
  const FeatureProperties& f;
  const Palette& palette;

  json operator()(const json& e) const {
    if (!e.is_array() || e.empty() || !e[0].is_string()) {
      if (e.is_string()) return tokens(e.get<std::string>());
      return e;  // a number, a boolean, a literal numeric array
    }
    const std::string op = e[0];
    const std::size_t n = e.size();
    auto arg = [&](std::size_t i) { return i < n ? (*this)(e[i]) : json(); };
    if (op == "literal") return n > 1 ? e[1] : json();
    if (op == "get") {
      const json key = arg(1);
      return key.is_string() && f.contains(key.get<std::string>()) ? f[key.get<std::string>()] : json();
    }
    if (op == "has") {
      const json key = arg(1);
      return key.is_string() && f.contains(key.get<std::string>()) && !f[key.get<std::string>()].is_null();
    }
    if (op == "zoom") return f.value("$zoom", 0.0);
    if (op == "match") {
      const json input = arg(1);
      for (std::size_t i = 2; i + 1 < n; i += 2) {
        const json& label = e[i];
        if (label == input || (label.is_array() && std::find(label.begin(), label.end(), input) != label.end()))
          return (*this)(e[i + 1]);
      }
      return arg(n - 1);
    }
    if (op == "case") {
      for (std::size_t i = 1; i + 1 < n; i += 2)
        if (truthy(arg(i))) return arg(i + 1);
      return arg(n - 1);
    }
    if (op == "coalesce") {
      for (std::size_t i = 1; i < n; ++i)
        if (json v = arg(i); !v.is_null()) return v;
      return json();
    }
    if (op == "step") {  // ["step", input, out0, stop1, out1, ...]
      const json input = arg(1);
      if (!input.is_number()) return arg(2);
      std::size_t chosen = 2;
      for (std::size_t i = 3; i + 1 < n; i += 2)
        if (e[i].is_number() && input.get<double>() >= e[i].get<double>()) chosen = i + 1;
      return arg(chosen);
    }
    if (op == "interpolate") {  // ["interpolate", ["linear"] | ["exponential", base], input, stop, out, ...]
      const json input = arg(2);
      if (!input.is_number() || n < 5) return arg(4);
      const double x = input.get<double>();
      const double base = e[1].size() > 1 && e[1][1].is_number() ? e[1][1].get<double>() : 1.0;
      if (!e[3].is_number() || x <= e[3].get<double>()) return arg(4);
      for (std::size_t i = 3; i + 3 < n; i += 2) {
        if (!e[i].is_number() || !e[i + 2].is_number()) return json();
        const double lo = e[i].get<double>(), hi = e[i + 2].get<double>();
        if (x > hi) continue;
        const double span = hi - lo, at = x - lo;
        const double t = span <= 0 ? 1 : base == 1 ? at / span : (std::pow(base, at) - 1) / (std::pow(base, span) - 1);
        return blend(arg(i + 1), arg(i + 3), t);
      }
      return arg(n - 1);
    }
    if (op == "concat") {
      std::string s;
      for (std::size_t i = 1; i < n; ++i) s += text(arg(i));
      return s;
    }
    if (op == "to-string") return text(arg(1));
    if (op == "downcase" || op == "upcase") {
      std::string s = text(arg(1));
      std::transform(s.begin(), s.end(), s.begin(), [&](unsigned char c) { return op == "upcase" ? std::toupper(c) : std::tolower(c); });
      return s;
    }
    if (op == "to-number") {
      for (std::size_t i = 1; i < n; ++i) {
        const json v = arg(i);
        if (v.is_number()) return v;
        if (v.is_boolean()) return v.get<bool>() ? 1 : 0;
        if (v.is_string()) {
          char* end = nullptr;
          const std::string s = v.get<std::string>();
          const double d = std::strtod(s.c_str(), &end);
          if (!s.empty() && end && *end == '\0') return d;
        }
      }
      return json();
    }
    if (op == "number-format") {  // ["number-format", input, {"min-fraction-digits": m, "max-fraction-digits": M}]
      const json v = arg(1);
      if (!v.is_number()) return json();
      const json opts = n > 2 && e[2].is_object() ? e[2] : json::object();
      const int maxDigits = opts.value("max-fraction-digits", 3), minDigits = opts.value("min-fraction-digits", 0);
      char b[64];
      std::snprintf(b, sizeof b, "%.*f", std::clamp(maxDigits, 0, 20), v.get<double>());
      std::string s = b;
      if (s.find('.') != std::string::npos) {
        const std::size_t dot = s.find('.');
        while (s.size() - dot - 1 > static_cast<std::size_t>(std::max(0, minDigits)) && s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
      }
      return s;
    }
    if (op == "==" || op == "!=") {
      const bool eq = arg(1) == arg(2);
      return op == "==" ? eq : !eq;
    }
    if (op == "<" || op == "<=" || op == ">" || op == ">=") {
      const auto c = compare(arg(1), arg(2));
      if (!c) return false;
      return op == "<" ? *c < 0 : op == "<=" ? *c <= 0 : op == ">" ? *c > 0 : *c >= 0;
    }
    if (op == "!") return !truthy(arg(1));
    if (op == "all") {
      for (std::size_t i = 1; i < n; ++i)
        if (!truthy(arg(i))) return false;
      return true;
    }
    if (op == "any") {
      for (std::size_t i = 1; i < n; ++i)
        if (truthy(arg(i))) return true;
      return false;
    }
    if (op == "in") {
      const json needle = arg(1), hay = arg(2);
      if (hay.is_array()) return std::find(hay.begin(), hay.end(), needle) != hay.end();
      if (hay.is_string() && needle.is_string()) return hay.get<std::string>().find(needle.get<std::string>()) != std::string::npos;
      return false;
    }
    if (op == "palette") {  // riskmap's own: the palette colour of a grade name ("riskmap:palette" metadata)
      const json v = arg(1);
      const auto g = v.is_string() ? parseRiskGrade(v.get<std::string>()) : std::nullopt;
      if (!g) return "#808080";
      const auto& c = palette[*g];
      return json::array({c.rgb[0], c.rgb[1], c.rgb[2]});
    }
    return e;  // a literal array of strings (text-font)
  }

  // "{name}" tokens, as in MapLibre's legacy text-field.
  json tokens(const std::string& s) const {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const std::size_t close = s[i] == '{' ? s.find('}', i) : std::string::npos;
      if (close == std::string::npos) {
        out += s[i];
        continue;
      }
      const std::string key = s.substr(i + 1, close - i - 1);
      if (f.contains(key)) out += text(f[key]);
      i = close;
    }
    return out;
  }
};

}  // namespace

nlohmann::json Expression::evaluate(const FeatureProperties& f, const Palette& palette) const {
  return Eval{f, palette}(spec_);
}

void Expression::check(const nlohmann::json& e, const std::string& at) {
  if (!e.is_array() || e.empty() || !e[0].is_string()) return;
  const std::string op = e[0];
  if (!kOperators.count(op))
    throw UserError(at + ": expression operator '" + op + "' is not supported (docs/styles.md lists what is)");
  if (op == "literal") return;
  if (op == "interpolate") {
    if (e.size() < 5 || !e[1].is_array() || e[1].empty() || (e[1][0] != "linear" && e[1][0] != "exponential"))
      throw UserError(at + ": interpolate: only [\"linear\"] and [\"exponential\", base] are supported");
    for (std::size_t i = 2; i < e.size(); ++i)
      if (i == 2 || i % 2 == 0) check(e[i], at);
    return;
  }
  for (std::size_t i = 1; i < e.size(); ++i) {
    const bool label = op == "match" && i >= 2 && i % 2 == 0 && i + 1 < e.size();  // match labels are literals
    if (!label) check(e[i], at);
  }
}

}  // namespace riskmap

#include "Probits.hpp"

#include "riskmap/assess/Rules.hpp"
#include "riskmap/core/Error.hpp"

#include <boost/math/special_functions/erf.hpp>

#include <cmath>

namespace riskmap::qra {

double probabilityFromProbit(double probit) {
  return 0.5 * std::erfc(-(probit - 5.0) / std::sqrt(2.0));
}

double probitFromProbability(double p) {
  if (!(p > 0 && p < 1)) throw std::invalid_argument("probitFromProbability: p must be in (0, 1)");
  return 5.0 + std::sqrt(2.0) * boost::math::erf_inv(2.0 * p - 1.0);
}

double ToxicProbit::probit(double c, double minutes) const {
  if (c <= 0 || minutes <= 0) return -INFINITY;
  return a + b * (n * std::log(c) + std::log(minutes));
}

double ToxicProbit::concentrationFor(double p, double minutes) const {
  const double pr = probitFromProbability(p);
  return std::exp(((pr - a) / b - std::log(minutes)) / n);
}

double ThermalProbit::probability(double q, double seconds) const {
  if (q <= 0 || seconds <= 0) return 0;
  if (q >= certainDeathWm2) return 1;
  const double t = std::min(seconds, maxExposureS);
  return probabilityFromProbit(a + b * std::log(std::pow(q, 4.0 / 3.0) * t));
}

namespace {

double numberIn(const toml::table& t, const char* key, const std::string& where) {
  if (auto v = t[key].value<double>()) return *v;
  throw UserError(where + ": '" + key + "' must be a number");
}

}  // namespace

Probits::Probits(const Rules& rules) : rulesSource_(rules.source()) {
  cutoff_ = rules.optionalNumber("lethality.cutoff").value_or(cutoff_);
  thermal_.a = rules.number("thermal.a");
  thermal_.b = rules.number("thermal.b");
  thermal_.maxExposureS = rules.number("thermal.max_exposure_s");
  thermal_.certainDeathWm2 = rules.number("thermal.certain_death_w_m2");
  thermal_.source = rules.text("thermal.source").value_or("");
  maxToxicMin_ = rules.number("toxic.max_exposure_min");
  const toml::array* rows = rules.array("toxic.substance");
  if (!rows) return;
  int i = 0;
  for (const toml::node& node : *rows) {
    ++i;
    const std::string where = rulesSource_ + ": toxic.substance #" + std::to_string(i);
    const toml::table* t = node.as_table();
    if (!t) throw UserError(where + ": must be a table");
    ToxicProbit p;
    p.name = (*t)["name"].value_or(std::string());
    p.cas = (*t)["cas"].value_or(std::string());
    p.source = (*t)["source"].value_or(std::string());
    if (const toml::array* al = (*t)["aliases"].as_array())
      for (const toml::node& a : *al)
        if (auto s = a.value<std::string>()) p.aliases.push_back(*s);
    p.a = numberIn(*t, "a", where);
    p.b = numberIn(*t, "b", where);
    p.n = numberIn(*t, "n", where);
    if (p.name.empty() || p.b <= 0 || p.n <= 0) throw UserError(where + ": needs a name and positive b and n");
    toxic_.push_back(std::move(p));
  }
}

const ToxicProbit* Probits::findToxic(const std::string& substance) const {
  for (const ToxicProbit& p : toxic_) {
    if (p.cas == substance || p.name == substance) return &p;
    for (const std::string& a : p.aliases)
      if (a == substance) return &p;
  }
  return nullptr;
}

bool Probits::hasToxic(const std::string& substance) const { return findToxic(substance) != nullptr; }

const ToxicProbit& Probits::toxic(const std::string& substance) const {
  if (const ToxicProbit* p = findToxic(substance)) return *p;
  throw UserError(rulesSource_ + ": no toxic probit for '" + substance + "' (add a [[toxic.substance]] row)");
}

}  // namespace riskmap::qra

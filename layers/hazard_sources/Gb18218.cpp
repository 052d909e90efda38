#include "Gb18218.hpp"

#include <algorithm>
#include <cmath>

#include "riskmap/assess/Rules.hpp"
#include "riskmap/core/Error.hpp"

namespace riskmap {
namespace {

template <typename T>
std::map<std::string, T> readMap(const Rules& rules, const std::string& path) {
  std::map<std::string, T> out;
  const toml::table* t = rules.table(path);
  if (!t) return out;
  for (const auto& [k, v] : *t)
    if (auto x = v.template value<T>()) out[std::string(k.str())] = *x;
  return out;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

Gb18218::Gb18218(const Rules& rules)
    : radius_(rules.number("exposure.radius_m")), minSum_(rules.number("identification.min_sum")) {
  auto readBands = [&rules](const std::string& name, const char* minKey, const char* valueKey) {
    std::vector<std::pair<double, double>> out;
    const toml::array* arr = rules.array(name);
    if (!arr) throw UserError(rules.source() + ": rule table [[" + name + "]] is missing");
    for (const auto& node : *arr) {
      const toml::table* t = node.as_table();
      const auto min = t ? (*t)[minKey].value<double>() : std::nullopt;
      const auto value = t ? (*t)[valueKey].value<double>() : std::nullopt;
      if (!min || !value) throw UserError(rules.source() + ": each [[" + name + "]] needs " + minKey + " and " + valueKey);
      out.emplace_back(*min, *value);
    }
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.first > b.first; });
    return out;
  };
  alpha_ = readBands("alpha", "min_people", "alpha");
  for (const auto& [r, level] : readBands("level", "min_r", "level")) levels_.emplace_back(r, static_cast<int>(level));
  betaSubstance_ = readMap<double>(rules, "beta.substance");
  betaCategory_ = readMap<double>(rules, "beta.category");
  if (betaCategory_.count("default")) betaDefault_ = betaCategory_.at("default");
  qSubstance_ = readMap<double>(rules, "critical_quantity.substance");
  qCategory_ = readMap<double>(rules, "critical_quantity.category");
  categoryOf_ = readMap<std::string>(rules, "category.substance");
  for (const auto& [k, v] : readMap<std::string>(rules, "aliases")) aliases_[lower(k)] = v;
}

std::string Gb18218::canonical(const std::string& name) const {
  const auto it = aliases_.find(lower(name));
  return it == aliases_.end() ? name : it->second;
}

double Gb18218::alphaFor(double people) const {
  const double persons = std::round(people);  // whole persons (see gb18218.toml)
  for (const auto& [min, alpha] : alpha_)
    if (persons >= min) return alpha;
  return alpha_.empty() ? 1.0 : alpha_.back().second;
}

int Gb18218::levelFor(double R) const {
  for (const auto& [min, level] : levels_)
    if (R >= min) return level;
  return levels_.empty() ? 4 : levels_.back().second;
}

std::vector<InventoryItem> Gb18218::parseInventory(const std::string& text) {
  std::vector<InventoryItem> items;
  const nlohmann::json inv = nlohmann::json::parse(text);
  for (const auto& o : inv) {
    InventoryItem it;
    if (o.contains("substance") && o["substance"].is_string()) it.substance = o["substance"];
    if (o.contains("category") && o["category"].is_string()) it.category = o["category"];
    it.q = o.value("q_t", 0.0);
    if (o.contains("Q_t") && o["Q_t"].is_number()) it.Q = o["Q_t"].get<double>();
    items.push_back(it);
  }
  return items;
}

Gb18218Result Gb18218::grade(const std::vector<InventoryItem>& items, double people) const {
  Gb18218Result r;
  r.people = people;
  for (const InventoryItem& in : items) {
    ItemFigures f;
    f.substance = in.substance.empty() ? "" : canonical(in.substance);
    f.category = in.category;
    if (f.category.empty() && categoryOf_.count(f.substance)) f.category = categoryOf_.at(f.substance);
    f.q = in.q;
    if (in.Q) {
      f.Q = *in.Q, f.qSource = "inventory";
    } else if (qSubstance_.count(f.substance)) {
      f.Q = qSubstance_.at(f.substance), f.qSource = "Table 1";
    } else if (qCategory_.count(f.category)) {
      f.Q = qCategory_.at(f.category), f.qSource = "Table 2 (" + f.category + ")";
    } else {
      r.error = "no critical quantity for '" + (f.substance.empty() ? f.category : f.substance) +
                "': give Q_t in the inventory or add it to the rules";
      return r;
    }
    if (betaSubstance_.count(f.substance)) {
      f.beta = betaSubstance_.at(f.substance), f.betaSource = "Table 3";
    } else if (betaCategory_.count(f.category)) {
      f.beta = betaCategory_.at(f.category), f.betaSource = "Table 4 (" + f.category + ")";
    } else {
      f.beta = betaDefault_, f.betaSource = "Table 4 (others)";
    }
    r.sumQ += f.q / f.Q;
    r.sumBetaQ += f.beta * f.q / f.Q;
    r.items.push_back(f);
  }
  r.alpha = alphaFor(people);
  r.R = r.alpha * r.sumBetaQ;
  r.level = r.sumQ >= minSum_ ? levelFor(r.R) : 0;
  return r;
}

}  // namespace riskmap

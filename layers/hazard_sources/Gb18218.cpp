#include "Gb18218.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

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

// UTF-8 to code points; an invalid byte stands for itself.
std::u32string codePoints(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
    if (n < 0) {
      out.push_back(c), ++i;
      continue;
    }
    char32_t cp = n == 0 ? c : (c & (0x3F >> n));
    bool ok = true;
    for (int k = 1; k <= n; ++k) {
      if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    if (!ok) {
      out.push_back(c), ++i;
      continue;
    }
    out.push_back(cp);
    i += n + 1;
  }
  return out;
}

std::string utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string qText(double Q) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", Q);
  return buf;
}

std::string describeEntry(const Table1Entry& e) {
  std::string out = "No. " + e.no + " " + e.name;
  if (!e.cas.empty()) out += ", CAS " + e.cas.front();
  return out + ", Q " + qText(e.Q) + " t";
}

}  // namespace

std::string Gb18218::normalise(const std::string& name) {
  std::u32string out;
  for (char32_t c : codePoints(name)) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII forms
    if (c == 0x3000 || c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c == 0x3001) c = ',';                        // 、 as a list comma
    if (c < 0x80) c = static_cast<char32_t>(std::tolower(static_cast<int>(c)));
    out.push_back(c);
  }
  return utf8(out);
}

bool Gb18218::casCheckDigitValid(const std::string& cas) {
  // CAS: 2-7 digits, 2 digits, 1 check digit; the check digit is the sum of
  // the other digits weighted 1, 2, 3... from the right, modulo 10.
  std::string digits;
  int dashes = 0;
  for (char c : cas) {
    if (c == '-') ++dashes;
    else if (c >= '0' && c <= '9') digits += c;
    else return false;
  }
  if (dashes != 2 || digits.size() < 5 || digits.size() > 10) return false;
  int sum = 0;
  for (std::size_t i = 1; i < digits.size(); ++i) sum += static_cast<int>(i) * (digits[digits.size() - 1 - i] - '0');
  return sum % 10 == digits.back() - '0';
}

std::size_t Gb18218::editDistance(const std::string& a8, const std::string& b8) {
  const std::u32string a = codePoints(a8), b = codePoints(b8);
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

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
  betaCategory_ = readMap<double>(rules, "beta.category");
  if (betaCategory_.count("default")) betaDefault_ = betaCategory_.at("default");
  for (const auto& [k, v] : readMap<double>(rules, "beta.substance")) betaSubstance_[normalise(k)] = v;
  qCategory_ = readMap<double>(rules, "critical_quantity.category");
  auto strings = [&rules](const toml::table& t, const char* key, const std::string& at) {
    std::vector<std::string> out;
    if (!t.contains(key)) return out;
    const toml::array* a = t[key].as_array();
    if (!a) throw UserError(rules.source() + ": " + at + "." + key + " must be an array of strings");
    for (const auto& v : *a) {
      const auto x = v.value<std::string>();
      if (!x) throw UserError(rules.source() + ": " + at + "." + key + " must be an array of strings");
      out.push_back(*x);
    }
    return out;
  };
  if (const toml::table* t1 = rules.table("table1")) {
    for (const auto& [k, node] : *t1) {
      const std::string at = "table1.\"" + std::string(k.str()) + "\"";
      const toml::table* t = node.as_table();
      const auto name = t ? (*t)["name"].value<std::string>() : std::nullopt;
      const auto Q = t ? (*t)["Q_t"].value<double>() : std::nullopt;
      if (!name || !Q || !(*Q > 0) || !std::isfinite(*Q))
        throw UserError(rules.source() + ": " + at + " needs a name and a positive Q_t");
      Table1Entry e{std::string(k.str()), *name, strings(*t, "aliases", at), strings(*t, "cas", at), *Q,
                    (*t)["category"].value_or(std::string())};
      table1_.push_back(std::move(e));
    }
  }
  // Serial numbers in the standard's order (a project's own keys after them).
  std::stable_sort(table1_.begin(), table1_.end(), [](const Table1Entry& a, const Table1Entry& b) {
    auto serial = [](const std::string& no) {
      return !no.empty() && no.size() < 6 &&
             std::all_of(no.begin(), no.end(), [](unsigned char c) { return c >= '0' && c <= '9'; });
    };
    const bool an = serial(a.no), bn = serial(b.no);
    if (an != bn) return an;
    return an ? std::stoi(a.no) < std::stoi(b.no) : a.no < b.no;
  });
  for (std::size_t i = 0; i < table1_.size(); ++i) {
    for (const auto& c : table1_[i].cas) byCas_[normalise(c)].push_back(i);
    std::set<std::string> names{normalise(table1_[i].name)};
    for (const auto& a : table1_[i].aliases) names.insert(normalise(a));
    for (const auto& n : names) byName_[n].push_back(i);
  }
  if (const toml::table* amb = rules.table("ambiguous"))
    for (const auto& [k, v] : *amb) ambiguous_[normalise(std::string(k.str()))] = strings(*amb, std::string(k.str()).c_str(), "ambiguous");
}

const Table1Entry* Gb18218::find(const InventoryItem& item, std::string& matchedBy, std::string& why) const {
  auto list = [this](const std::vector<std::size_t>& idx) {
    std::string out;
    for (std::size_t i : idx) out += (out.empty() ? "" : "; ") + describeEntry(table1_[i]);
    return out;
  };
  const std::string name = normalise(item.substance);
  const std::string cas = normalise(item.cas);
  if (!cas.empty()) {
    const auto it = byCas_.find(cas);
    if (it != byCas_.end()) {
      if (it->second.size() == 1) {
        matchedBy = "CAS " + trim(item.cas);
        return &table1_[it->second.front()];
      }
      // Entries sharing a CAS number (ammonium nitrate, nitrocellulose): the name decides.
      const auto byName = byName_.find(name);
      if (byName != byName_.end() && byName->second.size() == 1 &&
          std::count(it->second.begin(), it->second.end(), byName->second.front())) {
        matchedBy = "CAS " + trim(item.cas) + " and name " + trim(item.substance);
        return &table1_[byName->second.front()];
      }
      why = "CAS " + trim(item.cas) + " stands for several Table 1 entries with different Q (" + list(it->second) +
            "): name the entry or give Q_t";
      return nullptr;
    }
  }
  if (!name.empty()) {
    const auto it = byName_.find(name);
    if (it != byName_.end() && it->second.size() == 1) {
      matchedBy = "name " + trim(item.substance);
      return &table1_[it->second.front()];
    }
    std::vector<std::size_t> idx;
    if (it != byName_.end()) idx = it->second;
    const auto amb = ambiguous_.find(name);
    if (amb != ambiguous_.end())
      for (const auto& no : amb->second)
        for (std::size_t i = 0; i < table1_.size(); ++i)
          if (table1_[i].no == no && !std::count(idx.begin(), idx.end(), i)) idx.push_back(i);
    if (!idx.empty()) {
      why = "'" + trim(item.substance) + "' stands for several Table 1 entries with different Q (" + list(idx) +
            "): name the entry or give Q_t";
      return nullptr;
    }
  }
  return nullptr;
}

std::vector<const Table1Entry*> Gb18218::nearest(const std::string& name, std::size_t n) const {
  const std::string key = normalise(name);
  std::vector<std::pair<std::size_t, std::size_t>> scored;  // (distance, index)
  for (std::size_t i = 0; i < table1_.size(); ++i) {
    std::size_t best = editDistance(key, normalise(table1_[i].name));
    for (const auto& a : table1_[i].aliases) best = std::min(best, editDistance(key, normalise(a)));
    for (const auto& c : table1_[i].cas) best = std::min(best, editDistance(key, normalise(c)));
    scored.emplace_back(best, i);
  }
  std::stable_sort(scored.begin(), scored.end(), [](auto& a, auto& b) { return a.first < b.first; });
  std::vector<const Table1Entry*> out;
  for (std::size_t k = 0; k < scored.size() && k < n; ++k) out.push_back(&table1_[scored[k].second]);
  return out;
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
    if (o.contains("cas") && o["cas"].is_string()) it.cas = o["cas"];
    items.push_back(it);
  }
  return items;
}

Gb18218Result Gb18218::grade(const std::vector<InventoryItem>& items, double people) const {
  Gb18218Result r;
  r.people = people;
  for (const InventoryItem& in : items) {
    ItemFigures f;
    std::string why;
    const Table1Entry* entry = find(in, f.matchedBy, why);
    f.substance = entry ? entry->name : trim(in.substance);
    f.cas = trim(in.cas);
    f.table1 = entry ? entry->no : "";
    f.category = in.category;
    if (f.category.empty() && entry) f.category = entry->category;
    f.q = in.q;
    const std::string label = trim(in.substance).empty() ? (f.cas.empty() ? f.category : "CAS " + f.cas)
                                                          : "'" + trim(in.substance) + "'";
    if (in.Q) {
      f.Q = *in.Q, f.qSource = "inventory";
    } else if (entry) {
      f.Q = entry->Q, f.qSource = "Table 1 (No. " + entry->no + ")";
    } else if (!why.empty() && in.category.empty()) {
      r.error = label + ": " + why;
      return r;
    } else if (qCategory_.count(f.category)) {
      f.Q = qCategory_.at(f.category), f.qSource = "Table 2 (" + f.category + ")";
    } else {
      std::string near;
      for (const Table1Entry* e : nearest(trim(in.substance).empty() ? in.cas : in.substance))
        near += (near.empty() ? "" : "; ") + describeEntry(*e);
      r.error = f.category.empty()
                    ? label + (f.cas.empty() || trim(in.substance).empty() ? "" : " (CAS " + f.cas + ")") +
                          " is not in GB 18218-2018 Table 1" +
                          (f.cas.empty() || casCheckDigitValid(f.cas) ? "" : " (CAS '" + f.cas + "' fails its check digit)") +
                          " and the item gives no hazard category (Table 2) or Q_t; nearest entries: " + near
                    : label + ": hazard category '" + f.category + "' is not in Table 2";
      return r;
    }
    // Table 3 names the toxic gases by their common names: the entry's name,
    // any of its aliases, or the name as given (a gas outside Table 1 with a category).
    std::vector<std::string> names;
    if (entry) {
      names.push_back(entry->name);
      names.insert(names.end(), entry->aliases.begin(), entry->aliases.end());
    }
    names.push_back(in.substance);
    for (const auto& n : names) {
      const auto it = betaSubstance_.find(normalise(n));
      if (it != betaSubstance_.end() && !n.empty()) {
        f.beta = it->second, f.betaSource = "Table 3";
        break;
      }
    }
    if (f.betaSource.empty()) {
      if (betaCategory_.count(f.category)) f.beta = betaCategory_.at(f.category), f.betaSource = "Table 4 (" + f.category + ")";
      else f.beta = betaDefault_, f.betaSource = "Table 4 (others)";
    }
    const double ratio = f.q / f.Q;
    if (!std::isfinite(ratio) || !std::isfinite(f.beta)) {
      r.error = label + ": q/Q = " + qText(f.q) + "/" + qText(f.Q) + " is not a finite number";
      return r;
    }
    r.sumQ += ratio;
    r.sumBetaQ += f.beta * f.q / f.Q;  // this order, as before: figures unchanged to the last bit
    r.items.push_back(f);
  }
  r.alpha = alphaFor(people);
  r.R = r.alpha * r.sumBetaQ;
  if (!std::isfinite(r.R) || !std::isfinite(r.sumQ)) {
    r.error = "R = alpha * sum(beta*q/Q) is not a finite number: check the inventory's quantities";
    return r;
  }
  r.level = r.sumQ >= minSum_ ? levelFor(r.R) : 0;
  return r;
}

}  // namespace riskmap

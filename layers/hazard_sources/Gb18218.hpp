#pragma once
// GB 18218-2018: identification (S = sum q/Q >= 1) and grading
// (R = alpha * sum beta q/Q, levels 1-4) of a major hazard source, with
// every number kept so the grade can be explained. Substances are found in
// Table 1 by CAS number first, then by name or alias (gb18218.toml).
#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace riskmap {

class Rules;

struct InventoryItem {
  std::string substance;            // as given (Chinese or English name)
  std::string category;             // hazard category (J1.., W2..), if given
  double q = 0;                     // quantity held, t
  std::optional<double> Q;          // critical quantity, t, if given
  std::string cas;                  // CAS number, if given
};

struct ItemFigures {
  std::string substance;            // canonical (Table 1) name, else as given
  std::string category;             // category used for beta, if any
  std::string cas;                  // as given
  std::string table1;               // Table 1 serial number matched, or empty
  std::string matchedBy;            // "CAS 7782-50-5", "name 液氯", or empty
  double q = 0, Q = 0, beta = 1;
  std::string qSource, betaSource;  // which table gave Q and beta
};

struct Gb18218Result {
  std::vector<ItemFigures> items;
  double sumQ = 0;                  // S = sum q/Q
  double sumBetaQ = 0;              // sum beta q/Q
  double people = 0;                // people within the exposure radius
  double alpha = 0;
  double R = 0;
  int level = 0;                    // 1..4; 0 when S < 1 (not a major hazard source)
  std::string error;                // why it could not be graded (an item with no Q)
};

// One entry of Table 1.
struct Table1Entry {
  std::string no;                   // the standard's serial number (the rules key)
  std::string name;
  std::vector<std::string> aliases;
  std::vector<std::string> cas;
  double Q = 0;                     // critical quantity, t
  std::string category;             // for beta (Table 4) when not in Table 3
};

class Gb18218 {
 public:
  explicit Gb18218(const Rules& rules);

  Gb18218Result grade(const std::vector<InventoryItem>& items, double peopleWithinRadius) const;
  double alphaFor(double people) const;
  int levelFor(double R) const;
  double exposureRadius() const { return radius_; }
  double minSum() const { return minSum_; }
  const std::vector<Table1Entry>& table1() const { return table1_; }

  // The Table 1 entry an item names (CAS first, then name or alias); nullptr
  // when it names none. Sets why when the item is ambiguous (a name or CAS
  // shared by entries with different Q).
  const Table1Entry* find(const InventoryItem& item, std::string& matchedBy, std::string& why) const;
  // Up to n entries nearest the name (Levenshtein distance over Unicode code
  // points between normalised names and aliases), nearest first.
  std::vector<const Table1Entry*> nearest(const std::string& name, std::size_t n = 3) const;

  static std::vector<InventoryItem> parseInventory(const std::string& json);
  // Full-width forms to ASCII, spaces dropped, ASCII lower case: how names are compared.
  static std::string normalise(const std::string& name);
  // Whether a CAS number's last digit is its check digit.
  static bool casCheckDigitValid(const std::string& cas);
  static std::size_t editDistance(const std::string& a, const std::string& b);

 private:
  double radius_, minSum_;
  std::vector<std::pair<double, double>> alpha_;  // (min people, alpha), in rule order
  std::vector<std::pair<double, int>> levels_;    // (min R, level)
  std::map<std::string, double> betaSubstance_, betaCategory_, qCategory_;
  std::vector<Table1Entry> table1_;
  std::map<std::string, std::vector<std::size_t>> byCas_, byName_;   // -> indices in table1_
  std::map<std::string, std::vector<std::string>> ambiguous_;         // normalised name -> serial numbers
  double betaDefault_ = 1;
};

}  // namespace riskmap

#pragma once
// GB 18218-2018: identification (S = sum q/Q >= 1) and grading
// (R = alpha * sum beta q/Q, levels 1-4) of a major hazard source, with
// every number kept so the grade can be explained.
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
};

struct ItemFigures {
  std::string substance;            // canonical (Chinese) name, or empty
  std::string category;             // category used for beta, if any
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

class Gb18218 {
 public:
  explicit Gb18218(const Rules& rules);

  Gb18218Result grade(const std::vector<InventoryItem>& items, double peopleWithinRadius) const;
  double alphaFor(double people) const;
  int levelFor(double R) const;
  double exposureRadius() const { return radius_; }
  double minSum() const { return minSum_; }

  static std::vector<InventoryItem> parseInventory(const std::string& json);

 private:
  std::string canonical(const std::string& name) const;

  double radius_, minSum_;
  std::vector<std::pair<double, double>> alpha_;  // (min people, alpha), in rule order
  std::vector<std::pair<double, int>> levels_;    // (min R, level)
  std::map<std::string, double> betaSubstance_, betaCategory_, qSubstance_, qCategory_;
  std::map<std::string, std::string> categoryOf_, aliases_;
  double betaDefault_ = 1;
};

}  // namespace riskmap

#pragma once
// Probit functions: the probability of death from a dose of heat radiation
// or of a toxic gas, Pr -> P = Phi(Pr - 5). The constants are data
// (layers/hazard_sources/qra.toml), each row with its source.
#include <string>
#include <vector>

namespace riskmap {

class Rules;

namespace qra {

// P = Phi(Pr - 5), the standard normal distribution (Purple Book 5.2.1).
double probabilityFromProbit(double probit);
// The inverse: the probit whose probability is p (0 < p < 1).
double probitFromProbability(double p);

// Pr = a + b ln(C^n t): C in mg/m3, t in min.
struct ToxicProbit {
  std::string name;
  std::vector<std::string> aliases;
  std::string cas;
  double a = 0, b = 1, n = 1;
  std::string source;

  double probit(double concentrationMgM3, double minutes) const;
  // The concentration (mg/m3) at which t minutes give probability p.
  double concentrationFor(double p, double minutes) const;
};

// Pr = a + b ln(q^(4/3) t): q in W/m2, t in s.
struct ThermalProbit {
  double a = -36.38, b = 2.56;
  double maxExposureS = 20;
  double certainDeathWm2 = 37500;
  std::string source;

  double probability(double fluxWm2, double seconds) const;
};

class Probits {
 public:
  // Reads [lethality], [thermal] and [toxic] of the QRA rules.
  explicit Probits(const Rules& rules);

  // By CAS number, name or alias; throws UserError naming the rules file.
  const ToxicProbit& toxic(const std::string& substance) const;
  // Whether a toxic probit is known for the substance.
  bool hasToxic(const std::string& substance) const;
  const ThermalProbit& thermal() const { return thermal_; }
  double maxToxicExposureMin() const { return maxToxicMin_; }
  // Probabilities below this count as 0.
  double cutoff() const { return cutoff_; }

 private:
  const ToxicProbit* findToxic(const std::string& substance) const;
  std::vector<ToxicProbit> toxic_;
  ThermalProbit thermal_;
  double maxToxicMin_ = 30;
  double cutoff_ = 0.01;
  std::string rulesSource_;
};

}  // namespace qra
}  // namespace riskmap

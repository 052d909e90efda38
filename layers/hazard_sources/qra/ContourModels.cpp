#include "ContourModels.hpp"

#include <utility>
#include <vector>

namespace riskmap::qra {

ContourModels contourModels(const PlantScenarios& s) {
  ContourModels m;
  m.gaussianPlume = s.releases.size() > static_cast<std::size_t>(s.puffReleases);
  m.denseGasPlume = s.denseGasReleases > 0;
  m.gaussianPuff = s.puffReleases > 0;
  m.denseGasPuff = s.densePuffReleases > 0;
  m.fires = s.fireOutcomes;
  if (m.fires.count("vapour_cloud_explosion")) m.blastCurve = s.blastCurve;
  return m;
}

void ContourModels::add(const ContourModels& o) {
  gaussianPlume = gaussianPlume || o.gaussianPlume;
  denseGasPlume = denseGasPlume || o.denseGasPlume;
  gaussianPuff = gaussianPuff || o.gaussianPuff;
  denseGasPuff = denseGasPuff || o.denseGasPuff;
  fires.insert(o.fires.begin(), o.fires.end());
  if (blastCurve.empty()) blastCurve = o.blastCurve;
}

std::string ContourModels::text() const {
  std::vector<std::string> parts;
  if (gaussianPlume) parts.push_back("Gaussian plume, Briggs sigmas");
  if (denseGasPlume) parts.push_back("Britter-McQuaid dense-gas plume where its criterion holds");
  if (gaussianPuff) parts.push_back("Gaussian puff (instantaneous releases)");
  if (denseGasPuff) parts.push_back("Britter-McQuaid dense-gas puff where its criterion holds");
  const std::pair<const char*, const char*> fireWords[] = {
      {"pool_fire", "pool fire"}, {"jet_fire", "jet fire"}, {"fireball", "fireball"}, {"vapour_cloud_explosion", "VCE"}};
  std::string fireText;
  for (const auto& [outcome, words] : fireWords) {
    if (!fires.count(outcome)) continue;
    fireText += (fireText.empty() ? "" : ", ") + std::string(words);
    if (std::string(outcome) == "vapour_cloud_explosion")
      fireText += " (TNT equivalence" + (blastCurve.empty() ? "" : ", " + blastCurve) + ")";
  }
  if (!fireText.empty()) parts.push_back(fireText);
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

}  // namespace riskmap::qra

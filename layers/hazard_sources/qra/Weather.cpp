#include "Weather.hpp"

#include "riskmap/assess/Rules.hpp"
#include "riskmap/core/Error.hpp"

#include <cmath>
#include <cstdio>

namespace riskmap::qra {

WeatherTable weatherTable(const Rules& qra, bool isDefault) {
  WeatherTable out;
  out.isDefault = isDefault;
  out.name = qra.text("weather.name").value_or("");
  const std::string where = qra.source() + ": weather";
  const std::string terrainName = qra.text("weather.terrain").value_or("open_country");
  if (terrainName != "open_country" && terrainName != "town")
    throw UserError(where + ".terrain must be open_country or town");
  const Terrain terrain = terrainName == "town" ? Terrain::Town : Terrain::OpenCountry;
  const toml::array* rose = qra.array("weather.wind_rose");
  const toml::array* classes = qra.array("weather.class");
  if (!rose || rose->empty() || !classes || classes->empty())
    throw UserError(where + " needs wind_rose (shares by sector, N first) and [[weather.class]] rows");
  std::vector<double> shares;
  double roseSum = 0;
  for (const toml::node& n : *rose) {
    const auto v = n.value<double>();
    if (!v || *v < 0) throw UserError(where + ".wind_rose must hold shares >= 0");
    shares.push_back(*v);
    roseSum += *v;
  }
  if (std::abs(roseSum - 1) > 0.01) throw UserError(where + ".wind_rose shares sum to " + std::to_string(roseSum) + ", not 1");
  const double sector = 360.0 / shares.size();
  double classSum = 0;
  int index = 0;
  for (const toml::node& n : *classes) {
    const toml::table* t = n.as_table();
    if (!t) throw UserError(where + ".class rows must be tables");
    const std::string letter = (*t)["stability"].value_or(std::string());
    const double wind = (*t)["wind_m_s"].value_or(0.0), share = (*t)["share"].value_or(-1.0);
    if (letter.size() != 1 || letter[0] < 'A' || letter[0] > 'F' || !(wind > 0) || share < 0)
      throw UserError(where + ".class rows need stability A-F, wind_m_s > 0 and share >= 0");
    classSum += share;
    char label[32];
    std::snprintf(label, sizeof label, "%s%.1f", letter.c_str(), wind);
    for (std::size_t d = 0; d < shares.size(); ++d) {
      if (share * shares[d] <= 0) continue;
      // The rose says where the wind blows from; the plume goes the other way.
      const double from = d * sector;
      WeatherDirection w{std::string(label) + " from " + std::to_string(static_cast<int>(from)),
                         share * shares[d], wind, briggs(stabilityFromLetter(letter), terrain),
                         std::fmod(from + 180, 360), sector};
      w.dispersionClass = index;
      out.cases.push_back(std::move(w));
    }
    ++index;
  }
  if (std::abs(classSum - 1) > 0.01) throw UserError(where + ".class shares sum to " + std::to_string(classSum) + ", not 1");
  return out;
}

}  // namespace riskmap::qra

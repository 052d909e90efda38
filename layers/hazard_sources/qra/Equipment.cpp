#include "Equipment.hpp"

#include <cmath>
#include <cstdio>

namespace riskmap::qra {

using nlohmann::json;

const char* equipmentTypeName(EquipmentType t) {
  switch (t) {
    case EquipmentType::Pipe: return "pipe";
    case EquipmentType::AtmosphericTank: return "atmospheric_tank";
    default: return "pressure_vessel";
  }
}

namespace {

bool blank(const json& v) {
  return v.is_null() || (v.is_string() && v.get<std::string>().find_first_not_of(" \t\r\n") == std::string::npos);
}

// A number, or text holding one; nullopt when absent or blank; throws the
// reason when not a number.
struct Bad {
  std::string why;
};

std::optional<double> numberAt(json& item, const char* key, const std::string& label) {
  if (!item.contains(key) || blank(item[key])) {
    item.erase(key);
    return std::nullopt;
  }
  const json& v = item[key];
  double d = NAN;
  if (v.is_number()) {
    d = v.get<double>();
  } else if (v.is_string()) {
    try {
      std::size_t used = 0;
      const std::string s = v.get<std::string>();
      d = std::stod(s, &used);
      if (used != s.size()) d = NAN;
    } catch (const std::exception&) {
    }
  }
  if (!std::isfinite(d)) throw Bad{label + ": " + key + " is not a number"};
  item[key] = d;
  return d;
}

double within(json& item, const char* key, const std::string& label, double lo, double hi, bool required) {
  const auto d = numberAt(item, key, label);
  if (!d) {
    if (required) throw Bad{label + ": " + key + " is missing"};
    return NAN;
  }
  if (*d < lo || *d > hi) {
    char buf[96];
    std::snprintf(buf, sizeof buf, " %g is outside %g .. %g", *d, lo, hi);
    throw Bad{label + ": " + key + buf};
  }
  return *d;
}

std::string textAt(const json& item, const char* key) {
  return item.contains(key) && item[key].is_string() ? item[key].get<std::string>() : std::string();
}

}  // namespace

// Plausible bounds (riskmap's, docs/layer-kinds.md): a vessel up to
// 100 000 m3, pressures up to 100 MPa gauge, -200..1000 C, pipes up to
// 2 m across and 100 km long.
std::optional<std::string> checkEquipment(json& items) {
  if (!items.is_array()) return "equipment must be a JSON array";
  for (std::size_t i = 0; i < items.size(); ++i) {
    json& item = items[i];
    std::string label = "equipment item " + std::to_string(i + 1);
    if (!item.is_object()) return label + " is not an object";
    if (!textAt(item, "equipment_id").empty()) label += " (" + textAt(item, "equipment_id") + ")";
    try {
      const std::string type = textAt(item, "type");
      if (type != "pressure_vessel" && type != "pipe" && type != "atmospheric_tank")
        return label + ": type must be pressure_vessel, atmospheric_tank or pipe, not '" + type + "'";
      if (textAt(item, "substance").empty()) return label + ": substance is missing";
      if (item.contains("phase") && blank(item["phase"])) item.erase("phase");
      const std::string phase = item.contains("phase") ? textAt(item, "phase") : "gas";
      if (phase != "gas" && phase != "liquid")
        return label + ": phase must be gas or liquid, not '" + phase + "'";
      if (item.contains("installation") && blank(item["installation"])) item.erase("installation");
      if (item.contains("installation")) {
        const std::string s = textAt(item, "installation");
        if (s != "new" && s != "existing") return label + ": installation must be new or existing, not '" + s + "'";
      }
      within(item, "pressure_mpa", label, 0, 100, true);
      within(item, "temperature_c", label, -200, 1000, false);
      within(item, "inventory_kg", label, 0, 1e9, false);
      within(item, "release_height_m", label, 0, 300, false);
      within(item, "bund_area_m2", label, 1, 1e6, false);
      if (type != "pipe") {
        within(item, "volume_m3", label, 1e-3, 1e5, true);
      } else {
        within(item, "diameter_mm", label, 1, 2000, true);
        within(item, "length_m", label, 0.1, 1e5, true);
      }
    } catch (const Bad& bad) {
      return bad.why;
    }
  }
  return std::nullopt;
}

std::vector<Equipment> parseEquipment(const json& items) {
  std::vector<Equipment> out;
  for (const json& item : items) {
    Equipment e;
    e.id = textAt(item, "equipment_id");
    const std::string type = textAt(item, "type");
    e.type = type == "pipe"               ? EquipmentType::Pipe
             : type == "atmospheric_tank" ? EquipmentType::AtmosphericTank
                                          : EquipmentType::PressureVessel;
    e.substance = textAt(item, "substance");
    if (item.contains("phase")) e.phase = textAt(item, "phase");
    auto num = [&item](const char* key) -> std::optional<double> {
      if (item.contains(key) && item[key].is_number()) return item[key].get<double>();
      return std::nullopt;
    };
    e.volumeM3 = num("volume_m3").value_or(0);
    e.diameterMm = num("diameter_mm").value_or(0);
    e.lengthM = num("length_m").value_or(0);
    e.pressureMPa = num("pressure_mpa").value_or(0);
    e.temperatureC = num("temperature_c");
    e.inventoryKg = num("inventory_kg");
    e.releaseHeightM = num("release_height_m");
    e.bundAreaM2 = num("bund_area_m2");
    if (item.contains("installation")) e.installation = textAt(item, "installation");
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace riskmap::qra

#pragma once
// A plant's QRA inputs: its equipment holding a toxic gas, one object per
// item of the hazard-source layer's `equipment` JSON array (usually
// gathered from a related CSV, docs/user-guide.md):
//   {"equipment_id": "V1", "type": "pressure_vessel", "substance": "氯化氢",
//    "phase": "gas", "volume_m3": 20, "pressure_mpa": 0.6, "temperature_c": 40,
//    "installation": "existing"}
//   {"equipment_id": "L1", "type": "pipe", "substance": "7647-01-0", "phase": "gas",
//    "diameter_mm": 80, "length_m": 120, "pressure_mpa": 0.6, "inventory_kg": 1500}
//   {"equipment_id": "T1", "type": "atmospheric_tank", "substance": "汽油", "phase": "liquid",
//    "volume_m3": 1000, "pressure_mpa": 0, "bund_area_m2": 1500}
// Numbers may arrive as text (a CSV); empty cells are "not given".
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace riskmap::qra {

enum class EquipmentType { PressureVessel, Pipe, AtmosphericTank };

const char* equipmentTypeName(EquipmentType t);

struct Equipment {
  std::string id;
  EquipmentType type = EquipmentType::PressureVessel;
  std::string substance;             // name, alias or CAS number (qra.toml)
  std::string phase = "gas";          // only gas is modelled
  double volumeM3 = 0;               // a vessel's volume
  double diameterMm = 0, lengthM = 0;  // a pipe's
  double pressureMPa = 0;            // gauge
  std::optional<double> temperatureC;
  std::optional<double> inventoryKg;  // the mass the equipment can lose; default: what it holds
  std::optional<double> releaseHeightM;
  std::optional<std::string> installation;  // "new" or "existing"
  std::optional<double> bundAreaM2;   // the bund a spilt liquid pools in (flammable liquids)
};

// Checks and normalises the array in place (numbers from text); the reason
// names the item and field. nullopt: fine.
std::optional<std::string> checkEquipment(nlohmann::json& items);

// The parsed items of an array that passed checkEquipment.
std::vector<Equipment> parseEquipment(const nlohmann::json& items);

}  // namespace riskmap::qra

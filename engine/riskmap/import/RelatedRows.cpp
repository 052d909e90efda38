#include "riskmap/import/RelatedRows.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>

#include "riskmap/core/Error.hpp"
#include "riskmap/import/SourceLayer.hpp"

namespace riskmap {

RelatedRows RelatedRows::load(const RelatedTableSpec& spec, const std::string& layerName) {
  RelatedRows out;
  out.spec_ = spec;
  out.layerName_ = layerName;
  SourceRequest req{spec.source, spec.sourceLayer, "", spec.encoding, "", spec.openOptions, layerName};
  SourceLayer src = SourceLayer::open(req, /*requireSrs=*/false);
  out.encodingNote_ = src.encodingNote();
  const int keyIndex = src.fieldIndex(spec.key);
  if (keyIndex < 0)
    throw UserError(spec.source + ", layer '" + src.layerName() + "': no field '" + spec.key +
                    "' (the related table's key for layer '" + layerName + "')");
  std::vector<std::pair<std::string, int>> columns;  // JSON key -> source index
  if (spec.fields.empty()) {
    const auto names = src.fieldNames();
    for (int i = 0; i < static_cast<int>(names.size()); ++i)
      if (i != keyIndex) columns.emplace_back(names[i], i);
  } else {
    for (const auto& [jsonKey, field] : spec.fields) {
      const int idx = src.fieldIndex(field);
      if (idx < 0)
        throw UserError(spec.source + ", layer '" + src.layerName() + "': no field '" + field +
                        "' (mapped to '" + jsonKey + "' for layer '" + layerName + "')");
      columns.emplace_back(jsonKey, idx);
    }
  }
  for (auto& feature : src.layer()) {
    ++out.rows_;
    const std::string key = src.decoder().decode(feature->GetFieldAsString(keyIndex));
    nlohmann::json row = nlohmann::json::object();
    for (const auto& [jsonKey, idx] : columns) {
      if (!feature->IsFieldSetAndNotNull(idx)) {
        row[jsonKey] = nullptr;
        continue;
      }
      switch (feature->GetFieldDefnRef(idx)->GetType()) {
        case OFTInteger:
        case OFTInteger64: row[jsonKey] = feature->GetFieldAsInteger64(idx); break;
        case OFTReal: row[jsonKey] = feature->GetFieldAsDouble(idx); break;
        default: {
          // An empty cell (CSV has no null) is no value: a blank Q falls back
          // to the standard's table instead of failing as "not a number".
          std::string text = src.decoder().decode(feature->GetFieldAsString(idx));
          if (text.find_first_not_of(" \t\r\n") == std::string::npos) row[jsonKey] = nullptr;
          else row[jsonKey] = std::move(text);
          break;
        }
      }
    }
    out.byKey_[key].push_back(row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    out.fids_[key].push_back(feature->GetFID());
  }
  return out;
}

std::string RelatedRows::take(const std::string& parentKey) {
  taken_[parentKey] = true;
  const auto it = byKey_.find(parentKey);
  if (it == byKey_.end()) return "[]";
  std::string json = "[";
  for (std::size_t i = 0; i < it->second.size(); ++i) json += (i ? "," : "") + it->second[i];
  return json + "]";
}

std::string RelatedRows::tableId() const {
  // The same file however the project spells its path (./a.csv, a.csv);
  // connection strings (PG:...) stay as written.
  std::error_code ec;
  const auto file = std::filesystem::weakly_canonical(spec_.source, ec);
  const std::string source = !ec && std::filesystem::exists(file, ec) ? file.string() : spec_.source;
  return source + '\n' + spec_.sourceLayer + '\n' + spec_.key;
}

std::set<std::string> RelatedRows::takenKeys() const {
  std::set<std::string> out;
  for (const auto& [key, taken] : taken_) out.insert(key);
  return out;
}

std::vector<RejectRecord> RelatedRows::orphans(const std::set<std::string>& takenElsewhere,
                                               const std::vector<std::string>& layers) const {
  std::string among;
  if (layers.size() > 1)
    for (const auto& l : layers) among += (among.empty() ? " (layers " : ", ") + l;
  if (!among.empty()) among += ")";
  std::vector<RejectRecord> out;
  for (const auto& [key, rows] : byKey_) {
    if (taken_.count(key) || takenElsewhere.count(key)) continue;
    const auto& fids = fids_.at(key);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      RejectRecord r;
      r.layer = layerName_;
      r.source = spec_.source;
      r.sourceFid = fids[i];
      r.field = spec_.key;
      r.reason = "related row's " + spec_.key + " '" + key + "' matches no feature's " + spec_.parentKey + among;
      r.attributesJson = rows[i];
      out.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace riskmap

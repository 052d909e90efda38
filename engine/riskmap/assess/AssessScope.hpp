#pragma once
// What one `riskmap assess` run covers, so a province's counties can be
// assessed in parallel jobs and joined by a last step:
//  - everything (plain `assess`): every source, then the four-colour zones;
//  - one county (`assess --county CODE`): the sources whose county field
//    (default `adcode`) holds CODE, of the kinds graded source by source;
//    exposure still reads every county's people and targets, so a ring
//    across the county line counts the neighbour's. The county's earlier
//    rows are replaced, every other county's kept.
//  - the province step (`assess --zones`): the kinds that find their
//    sources among a whole layer (black spots among every county's
//    accidents), then the four-colour zones from every county's footprints.
// Running --county for every county and then --zones gives what plain
// assess gives.
#include <gdal_priv.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "riskmap/layer/LayerKind.hpp"

namespace riskmap {

struct AssessScope {
  enum class Part { Everything, County, Province };
  Part part = Part::Everything;
  std::string county;                  // Part::County: the county's code
  std::string countyField = "adcode";  // the field of every assessed layer that holds it (a documented default)

  bool assessesLayer(const LayerKind& kind) const;
  bool includes(OGRFeature& feature) const;  // a source of this run's county (always, outside Part::County)
  bool drawsZones() const { return part != Part::County; }
  bool replacesEverything() const { return part == Part::Everything; }
  // "" or "_<county>": sources.csv and assess_summary.json of a county's run are its own.
  std::string fileSuffix() const { return part == Part::County ? "_" + county : ""; }
  std::string describe() const;  // for messages: "county 331201 (adcode)", "the province step"
};

// The rows a scoped run writes again: every row of a whole layer's results
// (the province step), or the rows of the county's sources.
struct ScopeRows {
  std::set<std::string> wholeLayers;
  std::map<std::string, std::set<std::string>> sources;  // layer -> source ids
  bool matches(const std::string& layer, const std::string& sourceId) const;
  bool operator==(const ScopeRows&) const = default;
};

// The rows of the tables `layers` (table -> kind) that the scope reassesses.
// Part::County: a UserError when an assessed layer has no county field, or
// no source holds the county's code (a mistyped code assesses nothing).
ScopeRows scopeRows(GDALDataset& library, const std::string& libraryName,
                    const std::vector<std::pair<std::string, const LayerKind*>>& layers, const AssessScope& scope);

// Part::County: `rows` plus the rows of sources gone from their layer since
// they were assessed (a county import removed them; any county's), read
// from the grades table, so a county run leaves no grade or zone of a plant
// that is no longer there. Other parts: `rows` as they are.
ScopeRows withSourcesGone(GDALDataset& library, const std::vector<std::pair<std::string, const LayerKind*>>& layers,
                          const AssessScope& scope, ScopeRows rows);

// Rewrites the results table `name` (its split parts joined back into one
// table of any geometry, settled again when the run ends) without the rows
// the scope writes again. A table the library does not have is left absent.
void keepOtherRows(GDALDataset& library, const std::string& name, const ScopeRows& rows);

}  // namespace riskmap

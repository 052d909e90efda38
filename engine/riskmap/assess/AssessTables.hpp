#pragma once
// The tables assess writes, and their rows: a source's grade with the
// figures behind it (source_grades) and its footprint zones measured
// against the one library (footprints). A scenario writes the same rows
// under its own table names, so both read alike in QGIS and in riskmap.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "riskmap/assess/Assessment.hpp"
#include "riskmap/assess/Rules.hpp"
#include "riskmap/layer/LayerKind.hpp"
#include "riskmap/regional/ZoneGrading.hpp"

namespace riskmap {

inline constexpr const char* kGradesTable = "source_grades";
inline constexpr const char* kFootprintsTable = "footprints";

// A feature of a library table as its kind sees it (geometry borrowed from f).
SourceFeature sourceFeature(OGRFeature& f, const std::string& layer, const LayerKind& kind);

// Deletes the table, or the parts it was split into, if the dataset has them (a rerun replaces what it wrote).
void dropTable(GDALDataset& ds, const std::string& name);

// Creates an empty table with riskmap's options (fid, geom, description).
struct Column {
  const char* name;
  OGRFieldType type = OFTString;
  OGRFieldSubType subType = OFSTNone;
};
OGRLayer* createTable(GDALDataset& ds, const std::string& name, const OGRSpatialReference* srs, OGRwkbGeometryType type,
                      const std::string& description, const std::vector<Column>& columns);

OGRLayer* createGradesTable(GDALDataset& ds, const std::string& name, const OGRSpatialReference* srs);
OGRLayer* createFootprintsTable(GDALDataset& ds, const std::string& name, const OGRSpatialReference* srs);

// A footprint with what lies in it: people, protected targets, buildings,
// and its regional zone grade (raised where the people are dense).
struct MeasuredFootprint {
  Footprint footprint;                 // people, targets, buildings, households filled
  std::string keyGrade;                // the grade its zone is keyed by
  double areaKm2 = 0, density = 0;
  ZoneGrade zone;
  std::vector<NearbyFeature> targets;  // each protected target inside, once
  nlohmann::json sensitive = nlohmann::json::array();  // "school 城关第1小学" inside a major or high zone
  std::string raisedBy, raisedByZh;  // why another layer's records raised the zone one step (LayerKind::zoneRaises); empty: none
};

// Raises the zone one step for the reason given (no zone: nothing to raise).
void raiseZone(MeasuredFootprint& zone, const ZoneRaise& reason);

MeasuredFootprint measureFootprint(Footprint footprint, const std::string& sourceGrade, ExposureQueries& exposure,
                                   const Rules& kindRules, const Rules& regional);

// The table parts of sources go to (pipeline_segments, risk_contours),
// created from the first part's attributes; a later part's new attributes
// (a park's rows beside its plants') add fields.
OGRLayer* openPartsTable(GDALDataset& ds, const std::string& name, const OGRSpatialReference* srs, const SourcePart& part);
// One part's row, keyed by its source's layer, id and fid; the geometry is taken.
void writePartRow(OGRLayer& table, const SourceFeature& source, SourcePart& part);

void writeGradeRow(OGRLayer& table, const SourceFeature& source, const std::string& kind, const GradeResult& grade);
void writeFootprintRow(OGRLayer& table, const SourceFeature& source, const std::string& kind, MeasuredFootprint& zone);

}  // namespace riskmap

#pragma once
// What engine/ asks of a layer kind (pipelines, hazard sources, ...). Each
// folder in layers/ implements this and registers itself in a LayerRegistry;
// engine/ never names a kind. Later stages add footprints, grades and
// explanations to the same interface.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "riskmap/assess/Assessment.hpp"
#include "riskmap/layer/Value.hpp"

class GDALDataset;

namespace riskmap {

enum class FieldType { Integer, Real, Text, Date, Json };

const char* fieldTypeName(FieldType type);

struct FieldSpec {
  std::string name;          // the name in the one library
  FieldType type = FieldType::Text;
  bool required = false;
  std::string unit;          // "mm", "MPa", "t", "people"; empty when none
  std::string description;
  std::optional<double> minimum;           // numbers below are rejected
  std::optional<double> maximum;           // numbers above are rejected
  std::vector<std::string> allowed = {};   // text values allowed; empty: any
  // The id field (another kind's idField(), e.g. "plant_id") a value must
  // name a feature by; checked by import once every layer is in. Empty: none.
  std::string references = {};
};

// Geometry families a kind accepts; a bit set.
enum GeometryFamily : unsigned {
  kPoints = 1u,
  kLines = 2u,
  kPolygons = 4u,
  kRaster = 8u,
};

std::string geometryFamiliesText(unsigned families);

// Why one feature cannot be taken: which field (empty for the geometry or
// the whole record) and a reason a user can act on.
// What a kind's layer contributes to exposure counting, if anything. A role
// is a contract on field names, which the kind's schema must provide:
enum class ExposureRole {
  None,
  Population,        // a raster of people per cell, or polygons with `people`
  ProtectedTargets,  // points or polygons with `kind` and `name`
  Buildings,         // points or polygons with `households` and `storeys`
  Roads,             // lines with `road_id` and `name`
  Terrain,           // a raster of ground height (a DEM), read by flow paths
};

class Rules;

struct Rejection {
  std::string field;
  std::string reason;
};

// Why another layer's records raise a source's zones one step.
struct ZoneRaise {
  std::string why;    // English
  std::string whyZh;  // Chinese (what the Chinese outputs carry)
};

class LayerKind {
 public:
  virtual ~LayerKind() = default;

  virtual std::string name() const = 0;         // "pipelines"
  virtual std::string description() const = 0;  // one line, for --help and docs
  virtual unsigned geometries() const = 0;      // GeometryFamily bits
  virtual const std::vector<FieldSpec>& fields() const = 0;

  // Checks the schema cannot express (one of two fields present, a JSON
  // structure, a coded value) and normalisation of the parsed values.
  // Called after every field parsed and passed its FieldSpec checks.
  virtual std::optional<Rejection> checkRecord(AttributeRecord&) const { return std::nullopt; }
  // A feature without geometry is located on the feature its `references`
  // field names (a hidden danger on its enterprise's plant).
  virtual bool locatedByReference() const { return false; }

  // --- assess ---------------------------------------------------------------
  // The field that identifies a feature ("plant_id"); empty: the fid.
  virtual std::string idField() const { return {}; }
  virtual ExposureRole exposureRole() const { return ExposureRole::None; }
  // The kind's rules file, relative to the rules directory (layers/); empty: none.
  virtual std::string rulesFile() const { return {}; }
  // Sources of risk are assessed: their footprints and their grade.
  virtual bool isAssessed() const { return false; }
  virtual SourceAssessment assess(const SourceFeature&, ExposureQueries&, const Rules&) const { return {}; }
  // Kinds whose sources are found in the layer as a whole (black spots
  // among accidents) return true and implement assessLayer instead.
  virtual bool assessesWholeLayer() const { return false; }
  virtual LayerAssessment assessLayer(const std::vector<SourceFeature>&, ExposureQueries&, const Rules&) const {
    return {};
  }
  // After a layer's sources are assessed one by one (plain assess only: a
  // county's run may hold part of a group): what spans several of them,
  // such as a chemical park's plants' summed risk. The kind may add to
  // the sources' grades (their rule and figures) and returns rows of its
  // output tables, each naming its table and the id it is written under.
  virtual std::vector<SourcePart> assessAcrossSources(AssessedSources& /*sources*/, ExposureQueries&,
                                                      const Rules&) const {
    return {};
  }
  // Table the parts of assessed sources go to ("pipeline_segments"); empty: none.
  virtual std::string partsTable() const { return {}; }
  // Records that raise other sources' zone grades one step (an open major
  // hidden danger on its plant): source id -> the reason, in words, in
  // English and in Chinese. Read from the kind's table in the library when
  // assess starts.
  virtual std::map<std::string, ZoneRaise> zoneRaises(GDALDataset&, const std::string& /*table*/,
                                                      const Rules&) const {
    return {};
  }
  // Every table assess writes for the kind (replaced on each run).
  virtual std::vector<std::string> outputTables() const {
    return partsTable().empty() ? std::vector<std::string>{} : std::vector<std::string>{partsTable()};
  }
};

}  // namespace riskmap

#pragma once
// What a layer kind receives and returns when assessed: one source feature,
// exposure queries answered by the engine, and the kind's rules; back come
// the source's footprint zones and its grade with every number behind it.
#include <nlohmann/json.hpp>
#include <ogr_geometry.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "riskmap/exposure/PopulationGrid.hpp"
#include "riskmap/layer/Value.hpp"
#include "riskmap/terrain/FlowPath.hpp"

namespace riskmap {

struct SourceFeature {
  std::string layer;             // table in the one library
  long long fid = -1;
  std::string id;                // the kind's identifier field, or the fid
  std::string name;
  const OGRGeometry* geometry = nullptr;  // in the analysis CRS (metres)
  AttributeRecord attributes;
};

// A zone around a source: the 500 m exposure ring, an impact corridor...
struct Footprint {
  std::string ring;              // "exposure_500m", "external_safety", "impact_radius", ...
  double distanceM = 0;
  std::unique_ptr<OGRGeometry> geometry;
  std::string grade;             // the grade this zone is keyed by; empty: the source's grade
  double people = 0;             // filled by the engine after the kind returns
  double peopleCoverage = 1;     // share of the zone the population data cover
  std::map<std::string, long long> targets;  // protected targets inside, by kind
  long long buildings = 0, households = 0;    // buildings or household points inside
  std::string distanceSource;    // where distanceM came from when it varies by source ("assessed",
                                 // "riskmap default"); empty when a rule fixes it
  std::string label;             // the zone in Chinese for popups and explain ("外部安全防护距离 600 m 范围");
                                 // empty: the kind's [zh.rings] text for `ring`, else "<distance> m 范围"
};

struct GradeResult {
  std::string grade;             // "1".."4", "A".."D", "not major", ...
  std::string standard;          // "GB 18218-2018"
  std::string rule;              // the rule in words, with its numbers
  // The same in Chinese, for the viewer's popups and `riskmap explain` (the
  // English `grade` and `rule` stay the machine-readable keys). gradeZh
  // empty: the kind's [zh.grades] text for `grade`.
  std::string gradeZh;           // "一级重大危险源"
  std::string standardZh;        // empty: the kind's [zh.standards] text for `standard`, else `standard`
  std::string ruleZh;            // the rule in Chinese, with the same numbers
  nlohmann::json figures = nlohmann::json::object();  // every number that produced the grade
  // Filled by the engine (DataCompleteness), not the kind: what the data
  // behind the grade did not cover.
  std::optional<double> populationCoverage;  // lowest share of a counted zone with population data
  std::string incomplete;                    // empty: the data covered every zone the grade used
  std::string incompleteZh;                  // the same in Chinese
};

// A piece of a source with results of its own: a pipeline segment with
// its location class and HCA grade, a black segment of a road.
struct SourcePart {
  std::string table;  // empty: the kind's partsTable()
  std::unique_ptr<OGRGeometry> geometry;
  nlohmann::json attributes = nlohmann::json::object();  // flat: numbers and strings
  // A row about several sources (LayerKind::assessAcrossSources): the id
  // it is written under. Empty: the assessed source's id.
  std::string sourceId = {};
};

struct SourceAssessment {
  // Set only by kinds that assess a whole layer at once (black spots are
  // found among all accidents, not in one): the found source's identity.
  std::string id, name;
  std::unique_ptr<OGRGeometry> geometry;
  GradeResult grade;
  std::vector<Footprint> footprints;
  std::vector<SourcePart> parts;  // written to the kind's partsTable()
  // What the kind keeps of this source for assessAcrossSources (a plant's
  // risk model); the engine only holds it until the layer is written.
  std::shared_ptr<const void> kindState = {};
};

// A layer's sources as assessed one by one, before they are written.
using AssessedSources = std::vector<std::pair<SourceFeature, SourceAssessment>>;

// What a whole-layer assessment finds: the sources it discovered, and rows
// about the layer's own features (how each accident was snapped).
struct LayerAssessment {
  std::vector<SourceAssessment> sources;
  std::vector<SourcePart> parts;  // each names its table
};

// A building, household point or protected target near a source.
struct NearbyFeature {
  const OGRGeometry* geometry = nullptr;  // owned by the exposure engine
  std::string kind;                       // target kind; empty for buildings
  std::string name;
  long long households = 0;
  long long storeys = 0;
};

// The lowest share of a queried zone that one kind of exposure data
// covered; kept by the exposure engine between two takeGaps() calls.
struct DataGap {
  double covered = 1;         // 0..1
  bool layerMissing = false;  // the library has no layer of this kind at all
  std::string reason;         // why, when the share alone does not say it (a flow path cut short)
  std::string reasonZh;       // the same in Chinese
};
struct DataGaps {
  std::optional<DataGap> population, buildings, targets;
  std::optional<DataGap> terrain;  // covered: the share of a flow path's asked length the DEM carried
};

// People at one point: a population cell's centre (or a census polygon's
// part), in the analysis CRS.
struct PeoplePoint {
  double x = 0, y = 0;
  double people = 0;
};

// What a kind may ask of the one library while it grades a source.
class ExposureQueries {
 public:
  virtual ~ExposureQueries() = default;
  // People inside a zone (cells weighted by their share inside it), and
  // the share of the zone the population data cover.
  virtual PeopleCount countPeople(const OGRGeometry& zone) = 0;
  double peopleIn(const OGRGeometry& zone) { return countPeople(zone).people; }
  // The people inside a zone where they are: one point per population
  // cell (its centre; people x the cell's share inside the zone), or per
  // census polygon's part inside the zone (its centroid). The counts sum
  // to countPeople(zone). None by default.
  virtual std::vector<PeoplePoint> peoplePoints(const OGRGeometry& /*zone*/) { return {}; }
  // Protected targets inside or touching a zone, counted once each, by kind.
  virtual std::map<std::string, long long> targetsIn(const OGRGeometry& zone) = 0;
  // The protected targets and the buildings inside or touching a zone.
  virtual std::vector<NearbyFeature> targetListIn(const OGRGeometry& zone) = 0;
  virtual std::vector<NearbyFeature> buildingsIn(const OGRGeometry& zone) = 0;
  // Roads (lines) inside or touching a zone; kind holds the road id.
  virtual std::vector<NearbyFeature> roadsIn(const OGRGeometry& zone) = 0;
  // Where a release at start runs over the terrain (ExposureRole::Terrain):
  // the steepest-descent path and its flooded corridor. None by default.
  virtual FlowPath downstream(const OGRGeometry& /*start*/, const FlowPathRequest& request) {
    FlowPath none;
    none.requestedM = request.lengthM;
    none.why = "no elevation data";
    none.whyZh = "无高程数据";
    return none;
  }
  // The data gaps of the queries answered since the last call (none by
  // default: an engine that cannot tell says nothing is missing).
  virtual DataGaps takeGaps() { return {}; }
};

}  // namespace riskmap

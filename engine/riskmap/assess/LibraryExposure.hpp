#pragma once
// Exposure queries answered from the one library: people from its
// population layer (raster on its delivered grid, or polygons by area
// share) and protected targets from its target layers, indexed once in a
// Boost.Geometry R-tree.
//
// It also keeps the data gaps of the counts it answers (takeGaps): how
// much of each zone the population data covered, and whether a zone
// reached past the extent of the buildings or target layers, or asked a
// layer the library does not have. The assessor reads them per source.
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

#include "riskmap/assess/Assessment.hpp"
#include "riskmap/exposure/PopulationGrid.hpp"
#include "riskmap/layer/LayerRegistry.hpp"
#include "riskmap/library/Location.hpp"

namespace riskmap {

struct ExposureSettings {
  NoDataMeaning populationNoData = NoDataMeaning::Unknown;
  std::string waterMask;  // library table of water polygons (NoDataMeaning::Water)
  UndeclaredHeights terrainHeights = UndeclaredHeights::MetresIfProjected;
};

class LibraryExposure : public ExposureQueries {
 public:
  LibraryExposure(const library::Location& library, const LayerRegistry& kinds,
                  const ExposureSettings& settings = {});
  // Read through `ds`, an open connection to `library` (a run reading one
  // snapshot, library::ReadSnapshot); everything is read here, nothing later
  // (the rasters are files or tables of their own, opened by the grids).
  LibraryExposure(GDALDataset& ds, const library::Location& library, const LayerRegistry& kinds,
                  const ExposureSettings& settings = {});

  PeopleCount countPeople(const OGRGeometry& zone) override;
  std::vector<PeoplePoint> peoplePoints(const OGRGeometry& zone) override;
  std::map<std::string, long long> targetsIn(const OGRGeometry& zone) override;
  std::vector<NearbyFeature> targetListIn(const OGRGeometry& zone) override;
  std::vector<NearbyFeature> buildingsIn(const OGRGeometry& zone) override;
  std::vector<NearbyFeature> roadsIn(const OGRGeometry& zone) override;
  FlowPath downstream(const OGRGeometry& start, const FlowPathRequest& request) override;

  bool hasPopulation() const { return grid_ || !populationPolygons_.empty(); }
  std::size_t targetCount() const { return targets_.size(); }

  DataGaps takeGaps() override;

 private:
  using Box = boost::geometry::model::box<boost::geometry::model::d2::point_xy<double>>;
  using Entry = std::pair<Box, std::size_t>;

  struct Target {
    std::unique_ptr<OGRGeometry> geometry;
    std::string kind;
    std::string name;
    long long households = 0, storeys = 0;
  };
  using Index = boost::geometry::index::rtree<Entry, boost::geometry::index::rstar<16>>;
  static std::vector<NearbyFeature> query(const Index& index, const std::vector<Target>& items, const OGRGeometry& zone);
  struct PeoplePolygon {
    std::unique_ptr<OGRGeometry> geometry;
    double people;
    double area;
  };

  static Box boxOf(const OGRGeometry& g);
  // Each census polygon's part inside a zone: the part, its people (by
  // area share: uniform density within a polygon) and its area.
  void forEachPolygonPart(const OGRGeometry& zone,
                          const std::function<void(const OGRGeometry& part, double people, double area)>& part) const;
  // Loads a layer's features; kindField names the field shown as their kind ("" for none).
  // Its extent goes to extents (what the layer can be trusted to cover).
  static void load(OGRLayer& layer, const char* kindField, std::vector<Target>& items, std::vector<Entry>& entries,
                   std::vector<OGREnvelope>& extents);

  // Share of zone inside the union of extents (1 when the zone lies in one).
  static double shareInside(const OGRGeometry& zone, const std::vector<OGREnvelope>& extents);
  static void note(std::optional<DataGap>& gap, double covered, bool missing);

  std::optional<PopulationGrid> grid_;
  std::optional<Dem> dem_;  // the terrain layer, if any
  std::unique_ptr<OGRGeometry> waterMask_;
  std::vector<OGREnvelope> targetExtents_, buildingExtents_;
  bool hasTargetLayer_ = false, hasBuildingLayer_ = false;
  DataGaps gaps_;
  std::vector<PeoplePolygon> populationPolygons_;
  boost::geometry::index::rtree<Entry, boost::geometry::index::rstar<16>> populationIndex_;
  std::vector<Target> targets_;
  Index targetIndex_;
  std::vector<Target> buildings_;
  Index buildingIndex_;
  std::vector<Target> roads_;
  Index roadIndex_;
};

}  // namespace riskmap

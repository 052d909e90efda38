#pragma once
// Exposure queries answered from the one library: people from its
// population layer (raster, or polygons by area share) and protected
// targets from its target layers, indexed once in a Boost.Geometry R-tree.
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <filesystem>
#include <memory>
#include <optional>

#include "riskmap/assess/Assessment.hpp"
#include "riskmap/exposure/PopulationGrid.hpp"
#include "riskmap/layer/LayerRegistry.hpp"

namespace riskmap {

class LibraryExposure : public ExposureQueries {
 public:
  LibraryExposure(const std::filesystem::path& library, const LayerRegistry& kinds);

  double peopleIn(const OGRGeometry& zone) override;
  std::map<std::string, long long> targetsIn(const OGRGeometry& zone) override;
  std::vector<NearbyFeature> targetListIn(const OGRGeometry& zone) override;
  std::vector<NearbyFeature> buildingsIn(const OGRGeometry& zone) override;
  std::vector<NearbyFeature> roadsIn(const OGRGeometry& zone) override;

  bool hasPopulation() const { return grid_ || !populationPolygons_.empty(); }
  std::size_t targetCount() const { return targets_.size(); }

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
  // Loads a layer's features; kindField names the field shown as their kind ("" for none).
  static void load(OGRLayer& layer, const char* kindField, std::vector<Target>& items, std::vector<Entry>& entries);

  std::optional<PopulationGrid> grid_;
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

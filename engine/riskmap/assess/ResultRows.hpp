#pragma once
// Where an assess run's rows go: straight into the library's results
// tables (LibraryRows, inside the run's transaction), or kept in memory
// (HeldRows) while `assess --county` computes without the writer lock, and
// written in its short write phase (Assessor.cpp).
#include <memory>
#include <string>
#include <vector>

#include "riskmap/assess/AssessTables.hpp"

namespace riskmap {

class ResultRows {
 public:
  virtual ~ResultRows() = default;
  virtual void grade(const SourceFeature& source, const std::string& kind, const GradeResult& grade) = 0;
  // table: the parts table (the kind's partsTable() when the part names none); the part's geometry is taken.
  virtual void part(const std::string& table, const SourceFeature& source, SourcePart& part) = 0;
  virtual void footprint(const SourceFeature& source, const std::string& kind, MeasuredFootprint& zone) = 0;
};

// Writes into the library's tables, creating source_grades, footprints and
// parts tables when missing (DDL: only under the exclusive writer lock).
class LibraryRows : public ResultRows {
 public:
  LibraryRows(GDALDataset& ds, const OGRSpatialReference* srs);
  void grade(const SourceFeature& source, const std::string& kind, const GradeResult& grade) override;
  void part(const std::string& table, const SourceFeature& source, SourcePart& part) override;
  void footprint(const SourceFeature& source, const std::string& kind, MeasuredFootprint& zone) override;

 private:
  GDALDataset& ds_;
  const OGRSpatialReference* srs_;
  OGRLayer* grades_;
  OGRLayer* footprints_;
};

// Keeps every row (sources' geometries copied) until replayed into another.
class HeldRows : public ResultRows {
 public:
  void grade(const SourceFeature& source, const std::string& kind, const GradeResult& grade) override;
  void part(const std::string& table, const SourceFeature& source, SourcePart& part) override;
  void footprint(const SourceFeature& source, const std::string& kind, MeasuredFootprint& zone) override;
  // Writes every row kept into `into`, in the order they came.
  void replay(ResultRows& into);

 private:
  struct Source {
    SourceFeature feature;  // its geometry points into `geometry`
    std::unique_ptr<OGRGeometry> geometry;
  };
  struct Row {
    std::shared_ptr<const Source> source;
    std::string kind, table;
    std::unique_ptr<GradeResult> grade;
    std::unique_ptr<SourcePart> part;
    std::unique_ptr<MeasuredFootprint> footprint;
  };
  std::shared_ptr<const Source> keep(const SourceFeature& source);
  std::vector<Row> rows_;
};

}  // namespace riskmap

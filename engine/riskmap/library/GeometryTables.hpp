#pragma once
// One geometry type per table. A GeoPackage table declared as generic
// GEOMETRY opens in QGIS as two or three sublayers, and a reader that
// loads it directly sees only one kind of feature. So every table riskmap
// writes is settled once written: a table of one geometry family is
// declared as its type (singles promoted to MULTI when both occur), and a
// table of several families is split into one table per family,
// <table>_points, <table>_lines, <table>_polygons (and
// <table>_collections), with the same fields and feature ids.
//
// Readers open a table by its logical name with openTable(): the table
// itself, or its parts read as one layer.
#include <ogrsf_frmts.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

class GDALDataset;

namespace riskmap::library {

// The suffixes of a split table's parts, in the order they are drawn (areas under lines under points).
const std::vector<std::string>& geometryPartSuffixes();

// Declares table's one geometry type, or splits it; returns the tables it
// now is (just table, or its parts). An empty table of undeclared type is
// declared POINT (it holds nothing else; a documented default). A table
// already declared with a type, or without geometry, is left as it is.
std::vector<std::string> settleGeometryType(GDALDataset& ds, const std::string& table);

// The tables that hold the logical table `name`: itself, or its parts
// (empty when neither exists).
std::vector<OGRLayer*> tableParts(GDALDataset& ds, const std::string& name);

// Drops a table and any parts of it (a rerun replaces what it wrote).
void dropTableAndParts(GDALDataset& ds, const std::string& name);

// A logical table, read as one OGRLayer: the table, or a read-only layer
// chaining its parts (features keep their ids, which the split preserved).
class Table {
 public:
  Table() = default;
  Table(OGRLayer* plain) : layer_(plain) {}  // NOLINT: a plain layer is a table
  explicit Table(std::unique_ptr<OGRLayer> chained) : owned_(std::move(chained)), layer_(owned_.get()) {}
  OGRLayer* get() const { return layer_; }
  OGRLayer* operator->() const { return layer_; }
  OGRLayer& operator*() const { return *layer_; }
  explicit operator bool() const { return layer_ != nullptr; }
  friend bool operator==(const Table& t, std::nullptr_t) { return t.layer_ == nullptr; }

 private:
  std::unique_ptr<OGRLayer> owned_;
  OGRLayer* layer_ = nullptr;
};

// The logical table `name` (false when the library has neither it nor its parts).
Table openTable(GDALDataset& ds, const std::string& name);

}  // namespace riskmap::library

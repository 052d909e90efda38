#include "riskmap/assess/ResultRows.hpp"

namespace riskmap {

LibraryRows::LibraryRows(GDALDataset& ds, const OGRSpatialReference* srs) : ds_(ds), srs_(srs) {
  grades_ = ds.GetLayerByName(kGradesTable);
  if (!grades_) grades_ = createGradesTable(ds, kGradesTable, srs);
  footprints_ = ds.GetLayerByName(kFootprintsTable);
  if (!footprints_) footprints_ = createFootprintsTable(ds, kFootprintsTable, srs);
}

void LibraryRows::grade(const SourceFeature& source, const std::string& kind, const GradeResult& grade) {
  writeGradeRow(*grades_, source, kind, grade);
}

void LibraryRows::part(const std::string& table, const SourceFeature& source, SourcePart& part) {
  writePartRow(*openPartsTable(ds_, table, srs_, part), source, part);
}

void LibraryRows::footprint(const SourceFeature& source, const std::string& kind, MeasuredFootprint& zone) {
  writeFootprintRow(*footprints_, source, kind, zone);
}

std::shared_ptr<const HeldRows::Source> HeldRows::keep(const SourceFeature& source) {
  // A source's rows come one after the other: its copy is shared by them.
  if (!rows_.empty()) {
    const SourceFeature& last = rows_.back().source->feature;
    if (last.layer == source.layer && last.id == source.id && last.fid == source.fid) return rows_.back().source;
  }
  auto s = std::make_shared<Source>();
  s->feature.layer = source.layer;
  s->feature.fid = source.fid;
  s->feature.id = source.id;
  s->feature.name = source.name;
  if (source.geometry) s->geometry.reset(source.geometry->clone());
  s->feature.geometry = s->geometry.get();
  return s;
}

void HeldRows::grade(const SourceFeature& source, const std::string& kind, const GradeResult& grade) {
  Row r{keep(source), kind, ""};
  r.grade = std::make_unique<GradeResult>(grade);
  rows_.push_back(std::move(r));
}

void HeldRows::part(const std::string& table, const SourceFeature& source, SourcePart& part) {
  Row r{keep(source), "", table};
  r.part = std::make_unique<SourcePart>(std::move(part));
  rows_.push_back(std::move(r));
}

void HeldRows::footprint(const SourceFeature& source, const std::string& kind, MeasuredFootprint& zone) {
  Row r{keep(source), kind, ""};
  r.footprint = std::make_unique<MeasuredFootprint>(std::move(zone));
  rows_.push_back(std::move(r));
}

void HeldRows::replay(ResultRows& into) {
  for (Row& r : rows_) {
    if (r.grade) into.grade(r.source->feature, r.kind, *r.grade);
    if (r.part) into.part(r.table, r.source->feature, *r.part);
    if (r.footprint) into.footprint(r.source->feature, r.kind, *r.footprint);
  }
  rows_.clear();
}

}  // namespace riskmap

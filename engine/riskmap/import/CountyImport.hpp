#pragma once
// `riskmap import --county CODE`: one county's rows of the one library
// replaced, the other counties' left as they are (docs/postgis.md,
// "County by county").
//
// The import is built exactly as a full one, in a scratch GeoPackage
// (every check, reference, reject and repair is the same code), from the
// county's share of the input: readCountyOnly() puts an OGR attribute
// filter on a layer's source (the county's code, or none), unless other
// layers' references may name its features or it has related tables (those
// are read whole). Then keepOnlyCounty() drops every row whose county field
// is not CODE and keeps the county's rejects (a `county` column). mergeCounty() then moves the scratch's rows in:
//   1. under a lock (PostgreSQL: an advisory lock; a GeoPackage: the
//      writer lock the caller holds), one short transaction creates the
//      tables and columns the library lacks (the first county import into
//      an empty library creates them all) and adds the project's
//      bookkeeping the library lacks;
//   2. one transaction per county: DELETE the county's rows from every
//      table it imports, INSERT the new ones, COMMIT. Row locks only, so
//      counties import concurrently on PostgreSQL; a failed or killed
//      import leaves the county's previous rows.
#include <gdal_priv.h>

#include <string>
#include <vector>

#include "riskmap/import/SourceLayer.hpp"
#include "riskmap/layer/LayerRegistry.hpp"
#include "riskmap/library/Library.hpp"
#include "riskmap/library/Location.hpp"
#include "riskmap/project/Project.hpp"

namespace riskmap {

struct CountyScope {
  std::string code;             // the county's code, as the county field holds it ("331201")
  std::string field = "adcode";  // the field of every vector layer that holds it (a documented default)
};

// Each county's import balance (read, accepted, rejected, repaired per layer), replaced per county.
inline constexpr const char* kCountyImportsTable = "riskmap_county_imports";

// UserError unless code and field are plain names (they go into SQL).
void checkCountyScope(const CountyScope& county);

// Whether layer `index` of the project may be read for the county's rows
// only: not when a reference field of any project layer's kind names its
// kind's id field (a reference across the county line would find nothing),
// nor when it has related tables (other counties' related rows would be
// orphans). Those layers are read whole and cut afterwards.
bool readsCountyOnly(const Project& project, const LayerRegistry& kinds, std::size_t index);

// Narrows src's reading to the records whose county field (as the source
// names it) is the code, is empty or is missing (those are counted and
// dropped by keepOnlyCounty), AND-ed with the layer's own `where`, through
// OGR's attribute filter (the driver's SQL where it has one: GeoPackage,
// PostgreSQL; OGR's own evaluation elsewhere). No filter when the source has
// no such field or the field is neither text nor a number.
void readCountyOnly(SourceLayer& src, const LayerSpec& spec, const CountyScope& county);

// Cuts the scratch library `ds` down to the county: drops the rows of the
// project's vector tables whose county field is not the code (a table
// without the field: UserError naming the layer, source and field), keeps
// the county's rejects, and writes kCountyImportsTable. entries' counts
// (read, accepted, rejected, repaired) become the county's own rows'; a
// warning for rows with no county code.
void keepOnlyCounty(GDALDataset& ds, const Project& project, const std::vector<bool>& raster, const CountyScope& county,
                    std::vector<library::LayerEntry>& entries, std::vector<std::string>& warnings);

// Moves the cut-down scratch GeoPackage's rows into the library (an
// existing GeoPackage, or a PostGIS database: steps 1 and 2 above).
void mergeCounty(const std::string& scratch, const library::Location& library, const Project& project,
                 const std::vector<bool>& raster, const CountyScope& county);

}  // namespace riskmap

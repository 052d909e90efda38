#include <cstdio>

#include "CliOptions.hpp"
#include "Commands.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/tiles/ShardedTiles.hpp"
#include "riskmap/tiles/TileScheduler.hpp"
#include "riskmap/tiles/VectorTiles.hpp"

namespace riskmap::cli {

Run addTilesCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "tiles", "Render web tiles (PNG, Web Mercator or the CGCS2000 lon/lat pyramid) to a z/x/y directory or an MBTiles file");
  struct Options {
    std::string project, out, style, zoom = "0-14", bbox, matrix = "webmercator", format = "png", shard;
    std::string mergeProject;
    std::vector<std::string> mergeShards;
    TileJobOptions job;
    bool retina = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("PROJECT", o->project, "Project file (TOML)")->check(CLI::ExistingFile);
  cmd->add_option("-o,--out", o->out, "A directory, or a file ending in .mbtiles (default: <library>.mbtiles beside the library)");
  cmd->add_option("-z,--zoom", o->zoom, "Zoom range MIN-MAX")->capture_default_str();
  cmd->add_option("--bbox", o->bbox, "Extent W,S,E,N in degrees (default: the study area)");
  cmd->add_option("--format", o->format,
                  "png (drawn tiles) or mvt (Mapbox Vector Tiles of every table the style draws, into an MBTiles)")
      ->capture_default_str();
  cmd->add_option("--tile-matrix", o->matrix,
                  "webmercator (EPSG:3857, XYZ/GoogleMapsCompatible) or cgcs2000 (EPSG:4490 lon/lat quad-tree, "
                  "levels from 1 as Tianditu's _c layers; a directory)")
      ->capture_default_str();
  cmd->add_option("--tile-size", o->job.geometry.tileSize, "256 or 512 pixels")->capture_default_str();
  cmd->add_flag("--retina,--2x", o->retina, "Twice the pixels (@2x) for HiDPI screens");
  cmd->add_option("--metatile", o->job.geometry.metatile, "Tiles per metatile side, drawn as one image")->capture_default_str();
  cmd->add_option("--buffer", o->job.geometry.buffer, "Pixels drawn around each metatile so symbols at its edge are whole")->capture_default_str();
  cmd->add_option("--png-level", o->job.png.zlibLevel, "zlib level of the PNG tiles, 1 (fast) to 9 (small)")
      ->capture_default_str()->check(CLI::Range(1, 9));
  cmd->add_flag("--png-palette", o->job.png.palette, "Palette PNG (8-bit) for tiles of at most 256 colours; lossless");
  cmd->add_flag("--write-empty", o->job.writeEmpty, "Also write tiles outside the study area");
  cmd->add_flag("--force", o->job.force, "Start again instead of resuming or skipping a finished tileset");
  cmd->add_option("-j,--threads", o->job.threads, "Rendering threads (default: all cores)");
  cmd->add_option("--style", o->style, "Style file (default: default.json in the styles directory; riskmap paths)");
  cmd->add_flag("-q,--quiet", o->job.quiet, "No progress");
  cmd->add_option("--shard", o->shard,
                  "Render only shard I of N (1 <= I <= N): the zooms from the split zoom down, under a fixed share of "
                  "the split zoom's tiles, into <out stem>.shard-I-of-N.mbtiles; `tiles merge` joins them");
  cmd->add_option("--split-zoom", o->job.splitZoom,
                  "Zoom at which --shard splits the pyramid (default: the lowest with 16 covered tiles per shard)");
  auto* merge = cmd->add_subcommand(
      "merge", "Join the shards of `tiles --shard I/N` into the output MBTiles and render the zooms above the split zoom");
  merge->add_option("PROJECT", o->mergeProject, "Project file (TOML)")->required()->check(CLI::ExistingFile);
  merge->add_option("SHARD", o->mergeShards, "Shard files (default: every <out stem>.shard-I-of-N.mbtiles beside the output)");
  merge->fallthrough();  // -o, -z and the drawing options are the tiles command's, as the shards were given them
  return [o, cmd, merge] {
    if (merge->parsed()) o->project = o->mergeProject;
    if (o->project.empty()) throw UserError("tiles: PROJECT is required");
    const Project p = Project::load(o->project);
    TileJobOptions job = o->job;
    if (o->format == "mvt" && (merge->parsed() || !o->shard.empty()))
      throw UserError("--format mvt: --shard and tiles merge draw PNG tiles");
    if (o->job.splitZoom >= 0 && o->shard.empty() && !merge->parsed())
      throw UserError("--split-zoom " + std::to_string(o->job.splitZoom) + ": only with --shard I/N or tiles merge");
    if (o->format == "mvt") {
      VectorTileOptions v;
      v.matrix = TileMatrixSet::parse(o->matrix);
      const bool geodetic = v.matrix.kind() == TileMatrixSet::Kind::Cgcs2000;
      v.out = !o->out.empty() ? std::filesystem::path(o->out) : geodetic ? defaultCgcs2000VectorTilesPath(p) : defaultVectorTilesPath(p);
      v.style = stylePath(o->style);
      parseZoomRange(o->zoom, v.minzoom, v.maxzoom);
      if (geodetic && v.minzoom == 0 && !cmd->get_option("--zoom")->count()) v.minzoom = 1;
      v.quiet = o->job.quiet;
      const VectorTileReport r = writeVectorTiles(p, v);
      std::string layers;
      for (const auto& [layer, n] : r.features) layers += (layers.empty() ? "" : ", ") + layer + " " + std::to_string(n);
      std::printf("%s: vector tiles z%d-%d (%s features), %.1f s\n", v.out.c_str(), v.minzoom, v.maxzoom, layers.c_str(), r.seconds);
      return;
    }
    if (o->format != "png") throw UserError("--format '" + o->format + "': png or mvt");
    job.geometry.matrix = TileMatrixSet::parse(o->matrix);
    const bool geodetic = job.geometry.matrix.kind() == TileMatrixSet::Kind::Cgcs2000;
    job.out = !o->out.empty() ? std::filesystem::path(o->out) : geodetic ? defaultCgcs2000TilesPath(p) : defaultTilesPath(p);
    job.style = stylePath(o->style);
    parseZoomRange(o->zoom, job.minzoom, job.maxzoom);
    if (geodetic && job.minzoom == 0 && !cmd->get_option("--zoom")->count()) job.minzoom = 1;
    if (!o->bbox.empty()) job.extent = parseBbox(o->bbox);
    if (o->retina) job.geometry.scale = 2;
    if (merge->parsed()) {
      const MergeReport m = mergeTileShards(p, job, {o->mergeShards.begin(), o->mergeShards.end()});
      if (m.upToDate) {
        std::printf("%s: up to date (same data, style and options; --force redraws)\n", job.out.c_str());
        return;
      }
      std::printf("%s: %zu shards split at z%d joined, z%d-%d drawn here (%llu tiles), %llu distinct images, %.1f s\n",
                  job.out.c_str(), m.shards, m.splitZoom, job.minzoom, m.splitZoom - 1,
                  static_cast<unsigned long long>(m.tiles), static_cast<unsigned long long>(m.uniqueImages), m.seconds);
      return;
    }
    if (!o->shard.empty()) {
      const ShardReport s = runTileShard(p, job, parseShard(o->shard));
      if (s.upToDate) {
        std::printf("%s: shard %s done before (marker found; --force redraws)\n", s.file.c_str(), o->shard.c_str());
        return;
      }
      std::printf("%s: shard %s, z%d-%d under %zu tiles of z%d, %llu metatiles, %llu tiles written, %.1f s\n",
                  s.file.c_str(), o->shard.c_str(), s.splitZoom, job.maxzoom, s.splitTiles, s.splitZoom,
                  static_cast<unsigned long long>(s.metatiles), static_cast<unsigned long long>(s.tiles), s.seconds);
      return;
    }
    const TileJobReport r = runTileJob(p, job);
    if (r.upToDate) {
      std::printf("%s: up to date (same data, style and options; --force redraws)\n", job.out.c_str());
      return;
    }
    std::printf("%s: z%d-%d, %llu metatiles (%llu done before), %llu tiles written, %llu distinct images, %.1f s\n",
                job.out.c_str(), job.minzoom, job.maxzoom, static_cast<unsigned long long>(r.metatiles),
                static_cast<unsigned long long>(r.resumedMetatiles), static_cast<unsigned long long>(r.tiles),
                static_cast<unsigned long long>(r.uniqueImages), r.seconds);
  };
}

}  // namespace riskmap::cli

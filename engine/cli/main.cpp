// riskmap: four-colour safety-risk maps from the one library.
// Exit codes: 0 ok, 1 user error (bad input or options), 2 internal error.
#include <cstdio>
#include <exception>
#include <filesystem>
#include <map>

#include "BuiltinKinds.hpp"
#include "Commands.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/core/WriterLock.hpp"
#include "riskmap/gdal/Gdal.hpp"

#ifndef RISKMAP_VERSION
#define RISKMAP_VERSION "dev"
#endif

int main(int argc, char** argv) {
  riskmap::LayerRegistry kinds;
  riskmap::registerBuiltinKinds(kinds);

  CLI::App app{"riskmap: four-colour safety-risk maps for work-safety regulators"};
  app.set_version_flag("--version", std::string("riskmap ") + RISKMAP_VERSION);
  app.require_subcommand(1);
  double wait = -1;
  app.add_option("--wait", wait,
                 "Seconds a writer (import, assess, relocate --scenario, tiles) waits for another writer "
                 "of the same file to finish (default 0: fail at once naming it; $RISKMAP_LOCK_WAIT)");
  app.fallthrough();
  std::map<CLI::App*, riskmap::cli::Run> runs;
  auto add = [&runs, &app](riskmap::cli::Run run) { runs[app.get_subcommands({}).back()] = std::move(run); };
  add(riskmap::cli::addImportCommand(app, kinds));
  add(riskmap::cli::addInfoCommand(app));
  add(riskmap::cli::addAssessCommand(app, kinds));
  add(riskmap::cli::addExplainCommand(app));
  add(riskmap::cli::addRenderCommand(app));
  add(riskmap::cli::addPosterCommand(app));
  add(riskmap::cli::addTilesCommand(app));
  add(riskmap::cli::addServeCommand(app));
  add(riskmap::cli::addRelocateCommand(app, kinds));
  add(riskmap::cli::addKindsCommand(app, kinds));
  add(riskmap::cli::addPathsCommand(app));
  add(riskmap::cli::addPlantMapCommand(app));
  add(riskmap::cli::addRankCommand(app));
  add(riskmap::cli::addCompareCommand(app));
  add(riskmap::cli::addSnapshotCommand(app, kinds));
  // `riskmap SUBCOMMAND --version` answers too (the man pages are made from these).
  for (CLI::App* sub : app.get_subcommands({})) sub->set_version_flag("--version", std::string("riskmap ") + RISKMAP_VERSION);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 1;
  }
  // A write past `ulimit -f` fails with EFBIG (reported as a full disk)
  // instead of killing the process.
  riskmap::watchFileSizeLimit();
  if (wait >= 0) riskmap::WriterLock::setWaitSeconds(wait);
  try {
    riskmap::ensureGdalRegistered();
    for (auto& [sub, run] : runs)
      if (sub->parsed()) run();
    return 0;
  } catch (const riskmap::UserError& e) {
    std::fprintf(stderr, "riskmap: error: %s\n", e.what());
    return 1;
  } catch (const std::filesystem::filesystem_error& e) {
    // The machine, not riskmap: a full disk, a missing or read-only folder.
    const std::string file = e.path1().string();
    if (riskmap::isDiskFullErrno(e.code().value()) || riskmap::diskFullReason(e.path1(), e.what()))
      std::fprintf(stderr, "riskmap: error: %s: disk full (%s); nothing was replaced\n", file.c_str(),
                   riskmap::diskFullReason(e.path1(), e.what()).value_or(e.code().message()).c_str());
    else
      std::fprintf(stderr, "riskmap: error: %s: %s\n", file.c_str(), e.code().message().c_str());
    return 1;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "riskmap: error: out of memory\n");
    return 1;
  } catch (const std::exception& e) {
    if (const auto why = riskmap::diskFullReason(".", e.what())) {
      std::fprintf(stderr, "riskmap: error: disk full (%s): %s\n", why->c_str(), e.what());
      return 1;
    }
    std::fprintf(stderr, "riskmap: internal error: %s\n", e.what());
    return 2;
  }
}

// riskmap: four-colour safety-risk maps from the one library.
// Exit codes: 0 ok, 1 user error (bad input or options), 2 internal error.
#include <cstdio>
#include <exception>
#include <map>

#include "BuiltinKinds.hpp"
#include "Commands.hpp"
#include "riskmap/core/Error.hpp"
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
  // `riskmap SUBCOMMAND --version` answers too (the man pages are made from these).
  for (CLI::App* sub : app.get_subcommands({})) sub->set_version_flag("--version", std::string("riskmap ") + RISKMAP_VERSION);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 1;
  }
  try {
    riskmap::ensureGdalRegistered();
    for (auto& [sub, run] : runs)
      if (sub->parsed()) run();
    return 0;
  } catch (const riskmap::UserError& e) {
    std::fprintf(stderr, "riskmap: error: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "riskmap: internal error: %s\n", e.what());
    return 2;
  }
}

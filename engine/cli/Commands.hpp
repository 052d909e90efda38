#pragma once
// The `riskmap` subcommands. Each registers its options on the CLI11 app and
// returns the callback that runs it; errors propagate as exceptions and main
// turns them into exit codes.
#include <CLI/CLI.hpp>

#include <functional>

#include "riskmap/layer/LayerRegistry.hpp"

namespace riskmap::periods {
struct SnapshotReport;
}

namespace riskmap::cli {

using Run = std::function<void()>;

Run addImportCommand(CLI::App& app, const LayerRegistry& kinds);
Run addInfoCommand(CLI::App& app);
Run addKindsCommand(CLI::App& app, const LayerRegistry& kinds);
Run addAssessCommand(CLI::App& app, const LayerRegistry& kinds);
Run addExplainCommand(CLI::App& app);
Run addRenderCommand(CLI::App& app);
Run addPosterCommand(CLI::App& app);
Run addTilesCommand(CLI::App& app);
Run addServeCommand(CLI::App& app);
Run addRelocateCommand(CLI::App& app, const LayerRegistry& kinds);
Run addPathsCommand(CLI::App& app);
Run addPlantMapCommand(CLI::App& app);
Run addRankCommand(CLI::App& app);
Run addCompareCommand(CLI::App& app);
Run addSnapshotCommand(CLI::App& app, const LayerRegistry& kinds);

// Prints what `--period` kept (import and assess).
void printSnapshot(const periods::SnapshotReport& report, const std::string& period);

}  // namespace riskmap::cli

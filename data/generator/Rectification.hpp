#pragma once
// The sample county's hidden-danger register and second period (the
// monthly ranking example): written after the county from the files
// already written, with a random stream of its own, so nothing the county
// draws or writes changes.
#include <cstdint>
#include <filesystem>

namespace sample {

// period2/: the plants with one relocated into a park, the accidents with
// a new black spot; hidden_dangers_2026.csv: thirteen weeks of dangers.
void writeRectificationSample(const std::filesystem::path& out, std::uint64_t seed);

}  // namespace sample

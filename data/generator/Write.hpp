#pragma once
// Writes the county and its dirty copy into a folder.
#include <filesystem>

#include "County.hpp"

namespace sample {

void writeCounty(const County& county, const std::filesystem::path& out);

}  // namespace sample

#pragma once
// Three sample enterprises' four-colour map inputs: a DXF site plan (GDAL's
// DXF writer), a GBK risk point register as Excel exports it, and the
// plants file, in OUT/enterprise/. Drawn from its own random stream, so
// the county's files stay byte for byte what they were.
#include <cstdint>
#include <filesystem>

#include "County.hpp"

namespace sample {

void writeEnterprises(const County& county, const std::filesystem::path& out, std::uint64_t seed);

}  // namespace sample

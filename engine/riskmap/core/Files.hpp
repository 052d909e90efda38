#pragma once
// Whole small files (project, rules, style, viewer pages) into memory.
#include <filesystem>
#include <string>

namespace riskmap {

// The file's bytes; UserError "<file>: cannot read the <what>" if it cannot be opened.
std::string readFile(const std::filesystem::path& file, const std::string& what = "file");

}  // namespace riskmap

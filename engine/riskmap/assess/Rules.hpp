#pragma once
// A kind's rules: thresholds, distances and tables from its rules file in
// layers/<kind>/ (each value with its standard and clause in comments),
// with overrides from the project file's [rules.<kind>] table.
#include <toml++/toml.h>

#include <filesystem>
#include <optional>
#include <string>

namespace riskmap {

class Rules {
 public:
  Rules() = default;
  // Reads file, then merges overrides into it key by key.
  static Rules load(const std::filesystem::path& file, const toml::table* overrides = nullptr);
  static Rules fromString(const std::string& text, const std::string& name);

  // A number at a dotted path ("alpha.exposure_radius_m"); throws UserError naming the file and key.
  double number(const std::string& path) const;
  std::optional<double> optionalNumber(const std::string& path) const;
  // A string at a dotted path; nullopt when absent; UserError when not a string.
  std::optional<std::string> text(const std::string& path) const;
  const toml::table* table(const std::string& path) const;
  const toml::array* array(const std::string& path) const;
  const std::string& source() const { return source_; }
  // The rules file read (empty for rules from a string): a kind's companion
  // rules files are found beside it.
  const std::filesystem::path& file() const { return file_; }

 private:
  toml::table table_;
  std::string source_;
  std::filesystem::path file_;
};

// Merges b into a: tables recursively, everything else replaced.
void mergeTables(toml::table& a, const toml::table& b);

}  // namespace riskmap

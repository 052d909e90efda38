#pragma once
// Errors cross the library boundary as exceptions carrying their context;
// the CLI maps them to exit codes (UserError -> 1, anything else -> 2).
#include <stdexcept>
#include <string>

namespace riskmap {

// Bad input or configuration the user can fix: a missing file, a field
// mapping that names no field, an unknown key. The message is one line and
// names the file, layer, feature and field where they are known.
class UserError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Where in the input a problem sits; renders as "file, layer 'x', feature 12, field 'y'".
struct Location {
  std::string file;
  std::string layer;
  long long feature = -1;
  std::string field;

  std::string str() const;
};

[[noreturn]] void throwUserError(const Location& where, const std::string& what);

}  // namespace riskmap

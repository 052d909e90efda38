#pragma once
// The layer kinds a program knows. No global registry: the program builds
// one (layers/BuiltinKinds registers the built-in kinds) and passes it on.
#include <memory>
#include <string>
#include <vector>

#include "riskmap/layer/LayerKind.hpp"

namespace riskmap {

class LayerRegistry {
 public:
  void add(std::unique_ptr<LayerKind> kind);
  // Throws UserError naming the known kinds when name is not one of them.
  const LayerKind& get(const std::string& name) const;
  const LayerKind* find(const std::string& name) const;
  std::vector<const LayerKind*> all() const;

 private:
  std::vector<std::unique_ptr<LayerKind>> kinds_;
};

}  // namespace riskmap

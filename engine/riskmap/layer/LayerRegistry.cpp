#include "riskmap/layer/LayerRegistry.hpp"

#include <stdexcept>

#include "riskmap/core/Error.hpp"

namespace riskmap {

void LayerRegistry::add(std::unique_ptr<LayerKind> kind) {
  if (find(kind->name())) throw std::logic_error("layer kind registered twice: " + kind->name());
  kinds_.push_back(std::move(kind));
}

const LayerKind* LayerRegistry::find(const std::string& name) const {
  for (const auto& k : kinds_)
    if (k->name() == name) return k.get();
  return nullptr;
}

const LayerKind& LayerRegistry::get(const std::string& name) const {
  if (const LayerKind* k = find(name)) return *k;
  std::string known;
  for (const auto& k : kinds_) known += (known.empty() ? "" : ", ") + k->name();
  throw UserError("unknown layer kind '" + name + "' (known: " + known + ")");
}

std::vector<const LayerKind*> LayerRegistry::all() const {
  std::vector<const LayerKind*> out;
  for (const auto& k : kinds_) out.push_back(k.get());
  return out;
}

}  // namespace riskmap
